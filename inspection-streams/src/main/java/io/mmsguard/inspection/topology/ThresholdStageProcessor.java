package io.mmsguard.inspection.topology;

import java.util.Set;
import java.util.function.Supplier;

import io.mmsguard.avro.MmsEnvelope;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both stages share in the topology: one threshold store swept for idle keys on a wall-clock punctuation, and
 * the {@link StageGuard} (expired sessions, failures) on the stream thread's wall clock around the stage's logic.
 */
abstract class ThresholdStageProcessor<V> implements FixedKeyProcessor<String, V, Staged> {
    private static final Logger LOG = LoggerFactory.getLogger(ThresholdStageProcessor.class);

    protected final RuleBook rules;
    protected final InspectionMetrics metrics;
    private final TopologySettings settings;
    private final String stageName;
    private final String storeName;
    protected FixedKeyProcessorContext<String, Staged> context;
    protected ThresholdStore store;
    private StageGuard guard;
    private final EventTimeClock eventTime = new EventTimeClock();

    ThresholdStageProcessor(RuleBook rules, TopologySettings settings, InspectionMetrics metrics, String stageName,
                            String storeName) {
        this.rules = rules;
        this.settings = settings;
        this.metrics = metrics;
        this.stageName = stageName;
        this.storeName = storeName;
    }

    /**
     * The supplier of one stage's processors, which declares the stage's threshold store itself (Kafka Streams'
     * {@code ConnectedStoreProvider}): the topology adds and connects the store from here, so the store a processor
     * reads and the store the topology creates cannot drift apart. Persistent and changelogged: its name is the
     * changelog topic's, fixed across releases.
     */
    static <V> FixedKeyProcessorSupplier<String, V, Staged> supplierOwning(String storeName,
                                                                           Supplier<ThresholdStageProcessor<V>> processors) {
        return new FixedKeyProcessorSupplier<>() {
            @Override
            public FixedKeyProcessor<String, V, Staged> get() {
                return processors.get();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName),
                        Serdes.String(), Serdes.ByteArray()));
            }
        };
    }

    @Override
    public final void init(FixedKeyProcessorContext<String, Staged> context) {
        this.context = context;
        KeyValueStore<String, byte[]> kv = context.getStateStore(storeName);
        this.store = new ThresholdStore(kv, storeName, metrics);
        this.guard = new StageGuard(rules, metrics, stageName, new SessionExpiry(context::currentSystemTimeMs));
        context.schedule(settings.sweepInterval(), PunctuationType.WALL_CLOCK_TIME,
                wall -> eventTime.sweepTime(wall).ifPresent(now -> store.sweep(now, settings.sweepMaxVisits())));
    }

    @Override
    public final void process(FixedKeyRecord<String, V> record) {
        V value = record.value();
        if (value == null) {
            LOG.warn("{} stage: null value for key {} ignored (no session to answer)", stageName, record.key());
            return;
        }
        MmsEnvelope received = envelopeOf(value);
        if (received.getReceivedAt() != null) {
            eventTime.observe(received.getReceivedAt().toEpochMilli());
        }
        context.forward(record.withValue(guard.run(received, record.timestamp(), () -> inspect(value))));
    }

    protected abstract Staged inspect(V value);

    protected abstract MmsEnvelope envelopeOf(V value);
}
