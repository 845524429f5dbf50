package io.mmsguard.inspection.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.avro.Alert;
import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.Audit;
import io.mmsguard.avro.Decision;
import io.mmsguard.avro.EndpointAction;
import io.mmsguard.avro.EndpointEntry;
import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.InspectionLog;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.PatternType;
import io.mmsguard.avro.Threshold;
import io.mmsguard.avro.ThresholdAction;
import io.mmsguard.inspection.SampleEnvelopes;
import io.mmsguard.inspection.av.AvLimits;
import io.mmsguard.inspection.av.ClamavSignatureEngine;
import io.mmsguard.inspection.av.SignatureDatabaseLoader;
import io.mmsguard.inspection.profile.ProfileCatalog;
import io.mmsguard.inspection.profile.ProfileValidator;
import io.mmsguard.inspection.scan.VirusScanner;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topic;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.testkit.ApicurioRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One TopologyTestDriver over the real topology, real serdes (a real Apicurio registry) and the built-in antivirus
 * engine with the shipped test database. Every {@link #send} pipes one envelope and drains all four outputs, so a
 * test sees exactly what that message produced.
 */
final class TopologyFixture implements AutoCloseable {
    static final Instant T0 = SampleEnvelopes.RECEIVED;
    static final String SENDER = "+491701";
    static final String PROFILE = "p";
    static final byte[] EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
            .getBytes(StandardCharsets.US_ASCII);
    static final String[] SHIPPED_AV = {"io/mmsguard/inspection/av/mmsguard-test.hdb",
        "io/mmsguard/inspection/av/mmsguard-test.hsb", "io/mmsguard/inspection/av/mmsguard-test.ndb"};

    private static SchemaRegistryClient registry;
    private static Map<String, Object> serdeConfigs;
    private static VirusScanner engine;

    final TopologyTestDriver driver;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestInputTopic<String, MmsEnvelope> inbound;
    private final TestInputTopic<String, MmsProfile> profiles;
    private final TestInputTopic<String, EndpointList> endpointLists;
    private final TestInputTopic<String, io.mmsguard.avro.StateReset> resets;
    private final TestOutputTopic<String, Decision> decisions;
    private final TestOutputTopic<String, InspectionLog> logs;
    private final TestOutputTopic<String, ArchiveRecord> archive;
    private final TestOutputTopic<String, Alert> alerts;
    private int session;

    /** What one envelope produced. */
    record Result(String decisionKey, Decision decision, List<KeyValue<String, InspectionLog>> logs,
                  List<KeyValue<String, ArchiveRecord>> archive, List<KeyValue<String, Alert>> alerts) {

        io.mmsguard.avro.Verdict verdict() {
            return decision.getVerdict();
        }

        io.mmsguard.avro.Reason reason() {
            return decision.getReason();
        }

        InspectionLog log() {
            assertThat(logs).hasSize(1);
            return logs.get(0).value;
        }
    }

    static synchronized void init(ApicurioRegistry apicurio) {
        if (registry != null) {
            return;
        }
        serdeConfigs = Map.of("schema.registry.url", apicurio.url());
        registry = SchemaRegistryClient.create(serdeConfigs);
        try {
            SignatureDatabaseLoader loader = new SignatureDatabaseLoader(AvLimits.DEFAULTS);
            engine = new ClamavSignatureEngine(() -> loader.loadResources(SHIPPED_AV),
                    AvLimits.DEFAULTS.maxContentBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final org.apache.kafka.streams.TestOutputTopic<String, io.mmsguard.avro.internal.SenderStageOutcome>
            repartition;
    private final TestInputTopic<String, io.mmsguard.avro.internal.SenderStageOutcome> repartitionInput;

    TopologyFixture(Path stateDir) {
        this(stateDir, TopologySettings.defaults());
    }

    TopologyFixture(Path stateDir, TopologySettings settings) {
        ContractTopics contracts = new ContractTopics(registry, serdeConfigs);
        RuleBook rules = new RuleBook(ProfileCatalog.pinningEveryName(ProfileValidator.standard()), engine);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ttd-" + stateDir.getFileName());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(InspectionTopology.build(rules, contracts, settings,
                new InspectionMetrics(meters)), props, T0);
        TopicNames t = settings.topics();
        // Record timestamps deliberately far from receivedAt: the thresholds must use the envelope's time.
        Topic<String, MmsEnvelope> in = contracts.topic(Contracts.INBOUND, t.inbound());
        inbound = driver.createInputTopic(in.name(), in.keySerde().serializer(), in.valueSerde().serializer(),
                Instant.parse("2001-01-01T00:00:00Z"), Duration.ofMinutes(7));
        profiles = input(contracts.topic(Contracts.PROFILES, t.profiles()));
        endpointLists = input(contracts.topic(Contracts.ENDPOINT_LISTS, t.endpointLists()));
        resets = input(contracts.topic(Contracts.STATE_RESETS, t.stateResets()));
        decisions = output(contracts.topic(Contracts.DECISIONS, t.decisions()));
        logs = output(contracts.topic(Contracts.INSPECTION_LOG, t.inspectionLog()));
        archive = output(contracts.topic(Contracts.ARCHIVE, t.archive()));
        alerts = output(contracts.topic(Contracts.ALERTS, t.alerts()));
        String repartitionTopic = "ttd-" + stateDir.getFileName() + "-" + InspectionTopology.BY_CHECKSUM
                + "-repartition";
        repartition = driver.createOutputTopic(repartitionTopic, Serdes.String().deserializer(),
                contracts.internalValueSerde(Contracts.SENDER_STAGE).deserializer());
        repartitionInput = driver.createInputTopic(repartitionTopic, Serdes.String().serializer(),
                contracts.internalValueSerde(Contracts.SENDER_STAGE).serializer());
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    /** What stage 1 wrote to the by-checksum repartition topic since the last call. */
    List<io.mmsguard.avro.internal.SenderStageOutcome> repartitioned() {
        return repartition.readValuesToList();
    }

    // ---- inputs

    void publish(MmsProfile profile) {
        profiles.pipeInput(profile.getName().toString(), profile);
    }

    void publish(String key, MmsProfile profile) {
        profiles.pipeInput(key, profile);
    }

    void publish(EndpointList list) {
        endpointLists.pipeInput(list.getName().toString(), list);
    }

    /** An operator's reset, keyed like the CLI keys it: by the sender or checksum it clears. */
    void reset(io.mmsguard.avro.StateReset reset) {
        resets.pipeInput(reset.getKey(), reset);
    }

    void resetKeyedBy(String key, io.mmsguard.avro.StateReset reset) {
        resets.pipeInput(key, reset);
    }

    void publishEndpointTombstone(String name) {
        endpointLists.pipeInput(name, null);
    }

    /** Pipes the envelope with a fresh session id, keyed by its sender, and returns everything it produced. */
    Result send(MmsEnvelope.Builder envelope) {
        String sessionId = pipe(envelope);
        List<KeyValue<String, Decision>> ds = decisions.readKeyValuesToList();
        assertThat(ds).as("decisions for %s", sessionId).hasSize(1);
        assertThat(ds.get(0).key).isEqualTo(sessionId);
        assertThat(ds.get(0).value.getSessionId()).isEqualTo(sessionId);
        return new Result(ds.get(0).key, ds.get(0).value, logs.readKeyValuesToList(), archive.readKeyValuesToList(),
                alerts.readKeyValuesToList());
    }

    /** Pipes the envelope with a fresh session id and returns the id; outputs stay unread. */
    String pipe(MmsEnvelope.Builder envelope) {
        String sessionId = "s-" + (++session);
        MmsEnvelope env = envelope.setSessionId(sessionId).build();
        inbound.pipeInput(env.getSender(), env);
        return sessionId;
    }

    /** Pipes the envelope with a fresh session id as if the broker had appended it at {@code appendedAt}. */
    String pipe(MmsEnvelope.Builder envelope, Instant appendedAt) {
        String sessionId = "s-" + (++session);
        MmsEnvelope env = envelope.setSessionId(sessionId).build();
        inbound.pipeInput(env.getSender(), env, appendedAt);
        return sessionId;
    }

    /** Pipes a stage-1 record straight into stage 2, as if the repartition topic had appended it at {@code at}. */
    void pipeToStage2(String checksum, io.mmsguard.avro.internal.SenderStageOutcome outcome, Instant at) {
        repartitionInput.pipeInput(checksum, outcome, at);
    }

    List<KeyValue<String, InspectionLog>> readLogs() {
        return logs.readKeyValuesToList();
    }

    List<KeyValue<String, Decision>> readDecisions() {
        return decisions.readKeyValuesToList();
    }

    /** An MM1 send from {@code sender} received at {@code at}, otherwise {@link SampleEnvelopes#mm1Send()}. */
    static MmsEnvelope.Builder mm1(String sender, Instant at) {
        // TopologyTestDriver topics have one partition: reply partition 0 is the only routable one.
        return SampleEnvelopes.mm1Send().setSender(sender).setReceivedAt(at).setProfile(PROFILE)
                .setReplyPartition(0);
    }

    static MmsEnvelope.Builder mm1(Instant at) {
        return mm1(SENDER, at);
    }

    /** The sample envelope with one extra part (index 2). */
    static MmsEnvelope.Builder withExtraPart(MmsEnvelope.Builder b, MmsPart part) {
        List<MmsPart> parts = new java.util.ArrayList<>(b.getParts());
        parts.add(part);
        return b.setParts(parts);
    }

    /** A part whose gateway digest is {@code sha} (the duplicate checksum is built from the digests). */
    static MmsPart part(String contentType, String filename, byte[] content, String sha) {
        return MmsPart.newBuilder().setContentType(contentType).setFilename(filename).setSize(content.length)
                .setCrc32(1L).setSha256(sha).setContent(ByteBuffer.wrap(content)).build();
    }

    /** Sample envelope whose text part is {@code text} and whose gateway digests make content {@code variant}. */
    static MmsEnvelope.Builder content(MmsEnvelope.Builder b, String text, char variant) {
        return b.setParts(List.of(part("text/plain", null, text.getBytes(StandardCharsets.UTF_8),
                String.valueOf(variant).repeat(64))));
    }

    // ---- stores and metrics

    KeyValueStore<String, byte[]> floodStore() {
        return driver.getKeyValueStore(InspectionTopology.FLOOD_STORE);
    }

    KeyValueStore<String, byte[]> duplicateStore() {
        return driver.getKeyValueStore(InspectionTopology.DUPLICATE_STORE);
    }

    KeyValueStore<String, byte[]> store(String name) {
        return driver.getKeyValueStore(name);
    }

    long countKeys(String storeName) {
        KeyValueStore<String, Object> store = driver.getKeyValueStore(storeName);
        long n = 0;
        try (var it = store.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    String profileStatus(String key) {
        KeyValueStore<String, String> status = driver.getKeyValueStore(InspectionTopology.PROFILE_STATUS_STORE);
        return status.get(key);
    }

    List<String> keys(KeyValueStore<String, byte[]> store) {
        List<String> keys = new java.util.ArrayList<>();
        try (var it = store.all()) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    double counter(String name, String... tags) {
        var c = meters.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Override
    public void close() {
        driver.close();
    }

    // ---- profiles

    static MmsProfile.Builder profile(String name) {
        return MmsProfile.newBuilder().setName(name).setAudit(Audit.newBuilder().setVersion(7).build());
    }

    static MmsProfile.Builder profile() {
        return profile(PROFILE);
    }

    static Threshold threshold(int windowMinutes, int limit, int blockMinutes, ThresholdAction... actions) {
        return Threshold.newBuilder().setEnabled(true).setWindowMinutes(windowMinutes).setLimit(limit)
                .setBlockTimeMinutes(blockMinutes).setActions(Arrays.asList(actions)).build();
    }

    static InterfaceSettings flood(Threshold... thresholds) {
        return InterfaceSettings.newBuilder().setFlood(List.of(thresholds)).build();
    }

    static InterfaceSettings duplicate(Threshold... thresholds) {
        return InterfaceSettings.newBuilder().setDuplicate(List.of(thresholds)).build();
    }

    static MmsProfile mm1Flood(Threshold... thresholds) {
        return profile().setMm1(flood(thresholds)).build();
    }

    static MmsProfile mm1Duplicate(Threshold... thresholds) {
        return profile().setMm1(duplicate(thresholds)).build();
    }

    static EndpointList endpointList(String name, EndpointEntry... entries) {
        return EndpointList.newBuilder().setName(name).setEntries(List.of(entries)).build();
    }

    static EndpointEntry entry(String pattern, EndpointAction action) {
        return EndpointEntry.newBuilder().setPattern(pattern).setPatternType(PatternType.SIMPLE).setAction(action)
                .build();
    }
}
