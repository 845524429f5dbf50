package io.mmsguard.inspection.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.internal.SimilarGather;
import io.mmsguard.avro.internal.SimilarHop;
import io.mmsguard.avro.internal.SimilarMessage;
import io.mmsguard.inspection.profile.Profile;
import io.mmsguard.inspection.similar.Fingerprint;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The combine step of the similar-content threshold in the topology, keyed by session id: it gathers a message and
 * its band results in the pending store (they arrive in any order, from several partitions of the band step) and,
 * once all have arrived, decides the message with {@link SimilarCombine}, under the {@link StageGuard} like the
 * other stages. The profile is resolved again here, as stage 2 does. A gather that has not completed after
 * {@link #MAX_GATHER_AGE} (which exactly-once processing should never leave) is dropped, logged and counted: its
 * session has long been answered with a temporary failure.
 */
final class SimilarCombineProcessor implements FixedKeyProcessor<String, SimilarHop, Staged> {
    private static final Logger LOG = LoggerFactory.getLogger(SimilarCombineProcessor.class);
    static final Duration MAX_GATHER_AGE = Duration.ofMinutes(10);

    private final RuleBook rules;
    private final TopologySettings settings;
    private final InspectionMetrics metrics;
    private FixedKeyProcessorContext<String, Staged> context;
    private KeyValueStore<String, SimilarGather> pending;
    private StageGuard guard;
    private String sweepFrom;

    private SimilarCombineProcessor(RuleBook rules, TopologySettings settings, InspectionMetrics metrics) {
        this.rules = rules;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** The combine step's processors, with the pending store they own (its name names a changelog topic). */
    static FixedKeyProcessorSupplier<String, SimilarHop, Staged> supplier(RuleBook rules, TopologySettings settings,
                                                                        InspectionMetrics metrics,
                                                                        Serde<SimilarGather> gatherSerde) {
        return new FixedKeyProcessorSupplier<>() {
            @Override
            public FixedKeyProcessor<String, SimilarHop, Staged> get() {
                return new SimilarCombineProcessor(rules, settings, metrics);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(InspectionTopology.SIMILAR_PENDING_STORE), Serdes.String(),
                        gatherSerde));
            }
        };
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Staged> context) {
        this.context = context;
        this.pending = context.getStateStore(InspectionTopology.SIMILAR_PENDING_STORE);
        this.guard = new StageGuard(rules, metrics, "similar", new SessionExpiry(context::currentSystemTimeMs));
        context.schedule(settings.sweepInterval(), PunctuationType.WALL_CLOCK_TIME, this::dropStale);
    }

    @Override
    public void process(FixedKeyRecord<String, SimilarHop> record) {
        SimilarHop hop = record.value();
        if (hop == null) {
            return;
        }
        String session = hop.getSessionId();
        SimilarGather gather = pending.get(session);
        if (gather == null) {
            gather = SimilarGather.newBuilder().setFirstSeen(java.time.Instant.ofEpochMilli(
                    context.currentSystemTimeMs())).setResults(new ArrayList<>()).build();
        }
        if (hop.getMessage() != null) {
            gather.setMessage(hop.getMessage());
        } else if (hop.getCounted() != null) {
            List<io.mmsguard.avro.internal.SimilarBandResult> results = new ArrayList<>(gather.getResults());
            results.add(hop.getCounted());
            gather.setResults(results);
        }
        SimilarMessage message = gather.getMessage();
        if (message == null || gather.getResults().size() < message.getStage().getFingerprint().getBands().size()) {
            pending.put(session, gather);
            return;
        }
        pending.delete(session);
        SimilarGather complete = gather;
        SenderStage stage = SenderStageRecords.fromAvro(message.getStage());
        MmsEnvelope envelope = stage.envelope();
        context.forward(record.withValue(guard.run(envelope, record.timestamp(), () -> decide(stage, message,
                complete))));
    }

    private Staged decide(SenderStage stage, SimilarMessage message, SimilarGather gather) {
        Profile profile = rules.profile(stage.envelope().getProfile());
        Fingerprint fingerprint = stage.fingerprint().orElse(Fingerprint.NONE);
        Staged.SimilarPending pending = new Staged.SimilarPending(stage, profile, SimilarHopRecords.duplicate(message),
                fingerprint, SimilarHopRecords.stage2Offset(message));
        return pending.counted(SimilarCombine.combine(
                gather.getResults().stream().map(SimilarHopRecords::fromAvro).toList(), fingerprint));
    }

    /** Bounded per call, continuing where the previous one stopped, like the threshold stores' sweep. */
    private void dropStale(long wallClockMillis) {
        long oldest = wallClockMillis - MAX_GATHER_AGE.toMillis();
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, SimilarGather> it = sweepFrom == null ? pending.all()
                : pending.range(sweepFrom, null)) {
            int visited = 0;
            while (it.hasNext() && visited < settings.sweepMaxVisits()) {
                KeyValue<String, SimilarGather> kv = it.next();
                visited++;
                if (kv.value == null || kv.value.getFirstSeen().toEpochMilli() < oldest) {
                    stale.add(kv.key);
                }
            }
            sweepFrom = it.hasNext() ? it.peekNextKey() : null;
        }
        for (String session : stale) {
            pending.delete(session);
            LOG.warn("session {}: similar-content check incomplete after {}; dropped", session, MAX_GATHER_AGE);
        }
        if (!stale.isEmpty()) {
            metrics.purged(InspectionTopology.SIMILAR_PENDING_STORE, stale.size());
        }
    }
}
