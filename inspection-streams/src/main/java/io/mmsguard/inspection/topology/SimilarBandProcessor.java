package io.mmsguard.inspection.topology;

import java.util.Set;

import io.mmsguard.avro.internal.SimilarBand;
import io.mmsguard.avro.internal.SimilarHop;
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
 * The band step of the similar-content threshold in the topology, keyed by {@code <interface>|<band>}:
 * {@link SimilarBandLogic} over the similar store (counts) and the witness store. A band record becomes a result
 * record; the message record of the same session passes untouched. A band that cannot be counted (a failure here)
 * still gets a result, with no threshold results, so that its message is decided on its other bands instead of
 * waiting for ever; the failure is logged and counted.
 */
final class SimilarBandProcessor implements FixedKeyProcessor<String, SimilarHop, SimilarHop> {
    private static final Logger LOG = LoggerFactory.getLogger(SimilarBandProcessor.class);

    private final TopologySettings settings;
    private final InspectionMetrics metrics;
    private final SimilarBandLogic logic = new SimilarBandLogic();
    private final EventTimeClock eventTime = new EventTimeClock();
    private FixedKeyProcessorContext<String, SimilarHop> context;
    private ThresholdStore counts;
    private SimilarWitnessStore witnesses;

    private SimilarBandProcessor(TopologySettings settings, InspectionMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    /** The band step's processors, with the two stores they own (names fixed: they name changelog topics). */
    static FixedKeyProcessorSupplier<String, SimilarHop, SimilarHop> supplier(TopologySettings settings,
                                                                            InspectionMetrics metrics) {
        return new FixedKeyProcessorSupplier<>() {
            @Override
            public FixedKeyProcessor<String, SimilarHop, SimilarHop> get() {
                return new SimilarBandProcessor(settings, metrics);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(bytesStore(InspectionTopology.SIMILAR_STORE),
                        bytesStore(InspectionTopology.SIMILAR_WITNESS_STORE));
            }
        };
    }

    private static StoreBuilder<KeyValueStore<String, byte[]>> bytesStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray());
    }

    @Override
    public void init(FixedKeyProcessorContext<String, SimilarHop> context) {
        this.context = context;
        this.counts = new ThresholdStore(context.getStateStore(InspectionTopology.SIMILAR_STORE),
                InspectionTopology.SIMILAR_STORE, metrics);
        this.witnesses = new SimilarWitnessStore(context.getStateStore(InspectionTopology.SIMILAR_WITNESS_STORE));
        context.schedule(settings.sweepInterval(), PunctuationType.WALL_CLOCK_TIME,
                wall -> eventTime.sweepTime(wall).ifPresent(now ->
                        counts.sweep(now, settings.sweepMaxVisits(), witnesses::delete)));
    }

    @Override
    public void process(FixedKeyRecord<String, SimilarHop> record) {
        SimilarHop hop = record.value();
        if (hop == null || hop.getBand() == null) {
            if (hop != null) {
                context.forward(record);
            }
            return;
        }
        SimilarBand band = hop.getBand();
        eventTime.observe(band.getReceivedAt().toEpochMilli());
        SimilarBandLogic.BandCount count;
        try {
            count = logic.count(band.getMmsInterface(), band.getBand(), hop.getSessionId(),
                    SimilarHopRecords.fromAvro(band.getFingerprint()), band.getReceivedAt().toEpochMilli(),
                    SimilarHopRecords.thresholds(band), counts, witnesses);
        } catch (RuntimeException e) {
            LOG.error("session {}: band {} not counted", hop.getSessionId(), band.getBand(), e);
            metrics.similarBandUncounted(e);
            count = SimilarBandLogic.BandCount.uncounted(band.getBand());
        }
        context.forward(record.withValue(SimilarHop.newBuilder().setSessionId(hop.getSessionId())
                .setCounted(SimilarHopRecords.toAvro(count)).build()));
    }
}
