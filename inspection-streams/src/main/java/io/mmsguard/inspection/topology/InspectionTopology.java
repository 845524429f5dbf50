package io.mmsguard.inspection.topology;

import java.util.List;
import java.util.Map;

import io.mmsguard.avro.Alert;
import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.InspectionLog;
import io.mmsguard.avro.MmsEnvelope;
import org.apache.kafka.common.serialization.Serdes;
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
 *                                                              -> checksum-stage [duplicate-state] -> decide -> ...
 * </pre>
 * Store, repartition and processor names are fixed: they name changelog and repartition topics, which must survive
 * upgrades of the code.
 */
public final class InspectionTopology {
    public static final String FLOOD_STORE = "flood-state";
    public static final String DUPLICATE_STORE = "duplicate-state";
    public static final String PROFILE_STATUS_STORE = "profile-status";
    public static final String ENDPOINT_LIST_STATUS_STORE = "endpoint-list-status";
    public static final String BY_CHECKSUM = "by-checksum";

    private static final String DUPLICATE_BRANCH = "duplicate-check";
    private static final String DIRECT_BRANCH = "decide-now";

    private InspectionTopology() {
    }

    public static Topology build(RuleBook rules, ContractSerdes serdes, TopologySettings settings,
                                 InspectionMetrics metrics) {
        TopicNames topics = settings.topics();
        StreamsBuilder builder = new StreamsBuilder();

        builder.addGlobalStore(statusStore(PROFILE_STATUS_STORE), topics.profiles(),
                Consumed.with(Serdes.String(), serdes.profile()).withName("profiles-source"),
                () -> RulesUpdaters.profiles(rules));
        builder.addGlobalStore(statusStore(ENDPOINT_LIST_STATUS_STORE), topics.endpointLists(),
                Consumed.with(Serdes.String(), serdes.endpointList()).withName("endpoint-lists-source"),
                () -> RulesUpdaters.endpointLists(rules));
        builder.addStateStore(thresholdStore(FLOOD_STORE));
        builder.addStateStore(thresholdStore(DUPLICATE_STORE));

        KStream<String, MmsEnvelope> inbound = builder.stream(topics.inbound(),
                Consumed.with(Serdes.String(), serdes.envelope()).withName("inbound-source"));
        Map<String, KStream<String, Staged>> routes = inbound
                .processValues(() -> new SenderStageProcessor(rules, settings, metrics), Named.as("sender-stage"),
                        FLOOD_STORE)
                .split(Named.as("route-"))
                .branch((key, staged) -> staged instanceof Staged.SenderChecked s && s.duplicateCheck(),
                        Branched.as(DUPLICATE_BRANCH))
                .defaultBranch(Branched.as(DIRECT_BRANCH));

        decideAndWrite(routes.get("route-" + DIRECT_BRANCH), "sender", serdes, topics, metrics);

        KStream<String, Staged> checked = routes.get("route-" + DUPLICATE_BRANCH)
                .map((sender, staged) -> {
                    SenderStage stage = ((Staged.SenderChecked) staged).stage();
                    return KeyValue.pair(stage.checksum(), SenderStageRecords.toAvro(stage));
                }, Named.as("key-by-checksum"))
                .repartition(Repartitioned.with(Serdes.String(), serdes.senderStageOutcome()).withName(BY_CHECKSUM))
                .processValues(() -> new ChecksumStageProcessor(rules, settings, metrics), Named.as("checksum-stage"),
                        DUPLICATE_STORE);
        decideAndWrite(checked, "checksum", serdes, topics, metrics);

        return builder.build();
    }

    /** The decide step and its four sinks, once per stage so that the two sub-topologies stay independent. */
    private static void decideAndWrite(KStream<String, Staged> stream, String stage, ContractSerdes serdes,
                                       TopicNames topics, InspectionMetrics metrics) {
        KStream<String, Outputs> outputs = stream.processValues(() -> new DecideProcessor(metrics),
                Named.as(stage + "-decide"));
        outputs.map((key, out) -> KeyValue.pair(out.decision().getSessionId(), out.decision()),
                        Named.as(stage + "-key-by-session"))
                .to(topics.decisions(), Produced.with(Serdes.String(), serdes.decision())
                        .withStreamPartitioner(new DecisionPartitioner(metrics.unroutableCounter()))
                        .withName(stage + "-decisions-sink"));
        outputs.flatMap((key, out) -> out.log()
                        .map(log -> List.of(KeyValue.pair(log.getSender(), log)))
                        .orElse(List.<KeyValue<String, InspectionLog>>of()), Named.as(stage + "-inspection-log"))
                .to(topics.inspectionLog(), Produced.with(Serdes.String(), serdes.inspectionLog())
                        .withName(stage + "-inspection-log-sink"));
        outputs.flatMap((key, out) -> out.archive()
                        .map(record -> List.of(KeyValue.pair(record.getSender(), record)))
                        .orElse(List.<KeyValue<String, ArchiveRecord>>of()), Named.as(stage + "-archive"))
                .to(topics.archive(), Produced.with(Serdes.String(), serdes.archive()).withName(stage + "-archive-sink"));
        outputs.flatMap((key, out) -> out.alerts().stream()
                        .map(alert -> KeyValue.pair(alertKey(alert), alert)).toList(), Named.as(stage + "-alerts"))
                .to(topics.alerts(), Produced.with(Serdes.String(), serdes.alert()).withName(stage + "-alerts-sink"));
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

    private static org.apache.kafka.streams.state.StoreBuilder<?> thresholdStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray());
    }
}
