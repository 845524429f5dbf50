package io.mmsguard.inspection.topology;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.mmsguard.avro.Alert;
import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.Decision;
import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.InspectionLog;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.ShadowLog;
import io.mmsguard.avro.StateReset;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.internal.SimilarHop;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topic;
import io.mmsguard.schemas.archive.ArchiveContentSealer;
import io.mmsguard.schemas.archive.EnvelopeCipher;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The inspection topology (ARCHITECTURE.md, "The topology"):
 * <pre>
 * mms.profiles, mms.endpoint-lists -> global processors -> RuleBook (every instance)
 * mms.inbound (key sender) -> sender-stage [flood-state] -+-> decide -> mms.decisions (envelope's partition),
 *                                                         |            mms.inspection-log, mms.archive, mms.alerts
 *                                                         +-> by-checksum repartition (key checksum)
 *                                                              -> checksum-stage [duplicate-state] -+-> decide -> ...
 *                                                                                                   |
 *   similar-content check (a fingerprint, still passing) <-----------------------------------------+
 *     -> one record per band (key interface|band) + the message (key session) -> similar-by-band repartition
 *     -> similar-band [similar-state, similar-witness] -> key by session -> similar-by-session repartition
 *     -> similar-combine [similar-pending] -> decide -> ...
 * mms.state-resets (key sender or checksum) -+-> FLOOD: flood-reset [flood-state] (co-partitioned with mms.inbound)
 *                                            +-> DUPLICATE: resets-by-checksum repartition -> duplicate-reset
 *                                                            [duplicate-state]
 * </pre>
 * Store, repartition and processor names are fixed: they name changelog and repartition topics, which must survive
 * upgrades of the code ({@code InspectionTopologyNamesTest} pins them). Each stage's processor supplier declares the
 * threshold store it uses ({@link ThresholdStageProcessor#supplierOwning}); topics come with their serdes from the
 * contracts ({@link ContractTopics}) under the configured names.
 */
public final class InspectionTopology {
    public static final String FLOOD_STORE = "flood-state";
    public static final String DUPLICATE_STORE = "duplicate-state";
    public static final String PROFILE_STATUS_STORE = "profile-status";
    public static final String ENDPOINT_LIST_STATUS_STORE = "endpoint-list-status";
    public static final String BY_CHECKSUM = "by-checksum";
    public static final String RESETS_BY_CHECKSUM = "resets-by-checksum";
    public static final String SIMILAR_STORE = "similar-state";
    public static final String SIMILAR_WITNESS_STORE = "similar-witness";
    public static final String SIMILAR_PENDING_STORE = "similar-pending";
    public static final String SIMILAR_BY_BAND = "similar-by-band";
    public static final String SIMILAR_BY_SESSION = "similar-by-session";

    private static final String DUPLICATE_BRANCH = "duplicate-check";
    private static final String DIRECT_BRANCH = "decide-now";
    private static final String SIMILAR_BRANCH = "similar-check";
    private static final String CHECKED_BRANCH = "checked";

    private InspectionTopology() {
    }

    public static Topology build(RuleBook rules, ContractTopics contracts, TopologySettings settings,
                                 InspectionMetrics metrics) {
        TopicNames names = settings.topics();
        Topic<String, MmsProfile> profiles = contracts.topic(Contracts.PROFILES, names.profiles());
        Topic<String, EndpointList> endpointLists = contracts.topic(Contracts.ENDPOINT_LISTS, names.endpointLists());
        Sinks sinks = new Sinks(contracts.topic(Contracts.DECISIONS, names.decisions()),
                contracts.topic(Contracts.INSPECTION_LOG, names.inspectionLog()),
                contracts.topic(Contracts.ARCHIVE, names.archive()), contracts.topic(Contracts.ALERTS, names.alerts()),
                archiveWriter(settings));
        StreamsBuilder builder = new StreamsBuilder();

        builder.addGlobalStore(statusStore(PROFILE_STATUS_STORE), profiles.name(),
                Consumed.with(profiles.keySerde(), profiles.valueSerde()).withName("profiles-source"),
                () -> RulesUpdaters.profiles(rules));
        builder.addGlobalStore(statusStore(ENDPOINT_LIST_STATUS_STORE), endpointLists.name(),
                Consumed.with(endpointLists.keySerde(), endpointLists.valueSerde()).withName("endpoint-lists-source"),
                () -> RulesUpdaters.endpointLists(rules));

        stages(inbound(builder, contracts, names), rules, contracts, settings, metrics,
                (stream, stage) -> decideAndWrite(stream, stage, sinks, metrics));

        // After both stages: the reset processors connect to the stores those stages' suppliers declare.
        Topic<String, StateReset> resetsTopic = contracts.topic(Contracts.STATE_RESETS, names.stateResets());
        Map<String, KStream<String, StateReset>> resets = builder.stream(resetsTopic.name(),
                        Consumed.with(resetsTopic.keySerde(), resetsTopic.valueSerde()).withName("state-resets-source"))
                .split(Named.as("reset-"))
                .branch((key, reset) -> reset != null && reset.getKind() == ThresholdKind.DUPLICATE,
                        Branched.as("duplicate"))
                // FLOOD, and what no stage can apply (rejected and logged there, with its offset).
                .defaultBranch(Branched.as("flood"));
        resets.get("reset-flood").process(() -> new StateResetProcessor(ThresholdKind.FLOOD, FLOOD_STORE, metrics),
                Named.as("flood-reset"), FLOOD_STORE);
        resets.get("reset-duplicate")
                .repartition(Repartitioned.with(Serdes.String(),
                        contracts.internalValueSerde(Contracts.STATE_RESETS_BY_CHECKSUM)).withName(RESETS_BY_CHECKSUM))
                .process(() -> new StateResetProcessor(ThresholdKind.DUPLICATE, DUPLICATE_STORE, metrics),
                        Named.as("duplicate-reset"), DUPLICATE_STORE);

        return builder.build();
    }

    /**
     * The shadow application's topology (docs/architecture.md, "Shadow application"): a different head (only the
     * envelopes whose live profile names a shadow for their interface, judged under the shadow's name) and a
     * different tail (one mms.shadow-log record per message instead of decisions, inspection log, archive and
     * alerts), around the very same stages with their own stores. It reads no global topic: it runs in a second
     * KafkaStreams instance of the same process and shares the live instance's {@link RuleBook}, which the live
     * global thread keeps current. It neither reads nor applies operators' resets: those clear live state.
     *
     * @param stageMetrics the stages' own counters; the service gives the shadow a registry that is not exported
     * @param hook         {@link ShadowHook#NONE} in the service
     */
    public static Topology buildShadow(RuleBook rules, ContractTopics contracts, TopologySettings settings,
                                       InspectionMetrics stageMetrics, ShadowMetrics shadowMetrics, ShadowHook hook) {
        TopicNames names = settings.topics();
        Topic<String, ShadowLog> shadowLog = contracts.topic(Contracts.SHADOW_LOG, names.shadowLog());
        StreamsBuilder builder = new StreamsBuilder();
        // ShadowStartingPoint pins the first start at the end of mms.inbound; should it fail, "latest" keeps the
        // shadow from judging the whole retained topic under today's shadows (Kafka Streams' default is earliest).
        KStream<String, MmsEnvelope> judged = inbound(builder, contracts, names, AutoOffsetReset.latest())
                .processValues(() -> new ShadowHeadProcessor(rules, shadowMetrics, hook), Named.as("shadow-head"));
        stages(judged, rules, contracts, settings, stageMetrics, (stream, stage) -> stream
                .processValues(() -> new ShadowDecideProcessor(rules, shadowMetrics), Named.as(stage + "-shadow-decide"))
                .selectKey((key, log) -> log.getSender(), Named.as(stage + "-key-by-sender"))
                .to(shadowLog.name(), produced(shadowLog).withName(stage + "-shadow-log-sink")));
        return builder.build();
    }

    private static KStream<String, MmsEnvelope> inbound(StreamsBuilder builder, ContractTopics contracts,
                                                        TopicNames names) {
        return builder.stream(inboundTopic(contracts, names).name(), inboundConsumed(contracts, names));
    }

    private static KStream<String, MmsEnvelope> inbound(StreamsBuilder builder, ContractTopics contracts,
                                                        TopicNames names, AutoOffsetReset reset) {
        return builder.stream(inboundTopic(contracts, names).name(),
                inboundConsumed(contracts, names).withOffsetResetPolicy(reset));
    }

    private static Topic<String, MmsEnvelope> inboundTopic(ContractTopics contracts, TopicNames names) {
        return contracts.topic(Contracts.INBOUND, names.inbound());
    }

    private static Consumed<String, MmsEnvelope> inboundConsumed(ContractTopics contracts, TopicNames names) {
        Topic<String, MmsEnvelope> topic = inboundTopic(contracts, names);
        return Consumed.with(topic.keySerde(), topic.valueSerde()).withName("inbound-source");
    }

    /** What each stage's sub-topology ends in: the live decide step and its sinks, or the shadow's. */
    @FunctionalInterface
    private interface Tail {
        void write(KStream<String, Staged> stream, String stage);
    }

    /**
     * The one wiring of the stages, for the live and the shadow application: the sender stage, the routing, the
     * by-checksum repartition and the checksum stage, each stage's sub-topology ending in {@code tail}.
     */
    private static void stages(KStream<String, MmsEnvelope> inbound, RuleBook rules, ContractTopics contracts,
                               TopologySettings settings, InspectionMetrics metrics, Tail tail) {
        Map<String, KStream<String, Staged>> routes = inbound
                .processValues(SenderStageProcessor.supplier(rules, settings, metrics), Named.as("sender-stage"))
                .split(Named.as("route-"))
                .branch((key, staged) -> staged instanceof Staged.SenderChecked s && s.toChecksumStage(),
                        Branched.as(DUPLICATE_BRANCH))
                .defaultBranch(Branched.as(DIRECT_BRANCH));

        tail.write(routes.get("route-" + DIRECT_BRANCH), "sender");

        KStream<String, Staged> checked = routes.get("route-" + DUPLICATE_BRANCH)
                .map((sender, staged) -> {
                    SenderStage stage = ((Staged.SenderChecked) staged).stage();
                    return KeyValue.pair(stage.checksum(), SenderStageRecords.toAvro(stage));
                }, Named.as("key-by-checksum"))
                .repartition(Repartitioned.with(Serdes.String(), contracts.internalValueSerde(Contracts.SENDER_STAGE))
                        .withName(BY_CHECKSUM))
                .processValues(ChecksumStageProcessor.supplier(rules, settings, metrics), Named.as("checksum-stage"));
        Map<String, KStream<String, Staged>> afterChecksum = checked
                .split(Named.as("similar-route-"))
                .branch((key, staged) -> staged instanceof Staged.SimilarPending, Branched.as(SIMILAR_BRANCH))
                .defaultBranch(Branched.as(CHECKED_BRANCH));
        tail.write(afterChecksum.get("similar-route-" + CHECKED_BRANCH), "checksum");

        Serde<SimilarHop> hops = contracts.internalValueSerde(Contracts.SIMILAR_HOP);
        KStream<String, Staged> similar = afterChecksum.get("similar-route-" + SIMILAR_BRANCH)
                .flatMap((checksum, staged) -> SimilarHopRecords.fanOut((Staged.SimilarPending) staged),
                        Named.as("similar-fan-out"))
                .repartition(Repartitioned.with(Serdes.String(), hops).withName(SIMILAR_BY_BAND))
                .processValues(SimilarBandProcessor.supplier(settings, metrics), Named.as("similar-band"))
                .selectKey((band, hop) -> hop.getSessionId(), Named.as("similar-band-to-session"))
                .repartition(Repartitioned.with(Serdes.String(), hops).withName(SIMILAR_BY_SESSION))
                .processValues(SimilarCombineProcessor.supplier(rules, settings, metrics,
                        contracts.internalValueSerde(Contracts.SIMILAR_GATHER)), Named.as("similar-combine"));
        tail.write(similar, "similar");
    }

    /** The four topics every decide step writes, and what happens to an archive record before it is written. */
    private record Sinks(Topic<String, Decision> decisions, Topic<String, InspectionLog> inspectionLog,
                         Topic<String, ArchiveRecord> archive, Topic<String, Alert> alerts,
                         UnaryOperator<ArchiveRecord> archiveWriter) {
    }

    /** With archive keys, the content fields are encrypted (docs/security.md, "The archive"). */
    private static UnaryOperator<ArchiveRecord> archiveWriter(TopologySettings settings) {
        return settings.archiveKeys()
                .<UnaryOperator<ArchiveRecord>>map(keys -> new ArchiveContentSealer(new EnvelopeCipher(keys))::seal)
                .orElse(UnaryOperator.identity());
    }

    /** The decide step and its four sinks, once per stage so that the two sub-topologies stay independent. */
    private static void decideAndWrite(KStream<String, Staged> stream, String stage, Sinks sinks,
                                       InspectionMetrics metrics) {
        KStream<String, Outputs> outputs = stream.processValues(() -> new DecideProcessor(metrics),
                Named.as(stage + "-decide"));
        outputs.flatMap((key, out) -> out.decision()
                        .map(d -> List.of(KeyValue.pair(d.getSessionId(), d)))
                        .orElse(List.<KeyValue<String, Decision>>of()), Named.as(stage + "-key-by-session"))
                .to(sinks.decisions().name(), produced(sinks.decisions())
                        .withStreamPartitioner(new DecisionPartitioner(metrics.unroutableCounter()))
                        .withName(stage + "-decisions-sink"));
        outputs.flatMap((key, out) -> out.log()
                        .map(log -> List.of(KeyValue.pair(log.getSender(), log)))
                        .orElse(List.<KeyValue<String, InspectionLog>>of()), Named.as(stage + "-inspection-log"))
                .to(sinks.inspectionLog().name(), produced(sinks.inspectionLog())
                        .withName(stage + "-inspection-log-sink"));
        outputs.flatMap((key, out) -> out.archive()
                        .map(record -> List.of(KeyValue.pair(record.getSender(),
                                sinks.archiveWriter().apply(record))))
                        .orElse(List.<KeyValue<String, ArchiveRecord>>of()), Named.as(stage + "-archive"))
                .to(sinks.archive().name(), produced(sinks.archive()).withName(stage + "-archive-sink"));
        outputs.flatMap((key, out) -> out.alerts().stream()
                        .map(alert -> KeyValue.pair(alertKey(alert), alert)).toList(), Named.as(stage + "-alerts"))
                .to(sinks.alerts().name(), produced(sinks.alerts()).withName(stage + "-alerts-sink"));
    }

    private static <V> Produced<String, V> produced(Topic<String, V> topic) {
        return Produced.with(topic.keySerde(), topic.valueSerde());
    }

    /**
     * {@code <profile>/<interface>/<type>}: the notifier rate-limits per profile, interface and notification type, so
     * all events it aggregates land in one partition.
     */
    static String alertKey(Alert alert) {
        return alert.getProfile() + "/" + alert.getMmsInterface() + "/" + alert.getType();
    }

    private static org.apache.kafka.streams.state.StoreBuilder<?> statusStore(String name) {
        // In memory and unlogged: the global processors rebuild it (and the RuleBook) from the topic on start.
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.String())
                .withLoggingDisabled();
    }
}
