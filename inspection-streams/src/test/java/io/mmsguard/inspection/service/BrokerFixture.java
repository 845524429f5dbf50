package io.mmsguard.inspection.service;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmsguard.avro.Decision;
import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.InspectionLog;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Threshold;
import io.mmsguard.avro.ThresholdAction;
import io.mmsguard.avro.ShadowLog;
import io.mmsguard.inspection.profile.ProfileValidator;
import io.mmsguard.inspection.topology.InspectionTopology;
import io.mmsguard.inspection.topology.ShadowHook;
import io.mmsguard.schemas.Contract;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topics;
import io.mmsguard.schemas.fixtures.ProfilePublisher;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.service.Settings;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The real broker and registry seen from one integration test class: its own topic names, a service config, a
 * producer of envelopes and profiles, and a read_committed reader of the decisions that waits until the service has
 * committed all its input, so that a missing or an extra decision is seen, not guessed.
 */
final class BrokerFixture implements AutoCloseable {
    static final Duration HANG_GUARD = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String bootstrap;
    final String registryUrl;
    final String prefix;
    final String inbound;
    final String decisions;
    final String profiles;
    private final ContractTopics contracts;
    private final KafkaProducer<String, MmsEnvelope> envelopes;
    private final ProfilePublisher profilePublisher;
    private final KafkaProducer<String, EndpointList> endpointLists;

    BrokerFixture(KafkaTestCluster kafka, ApicurioRegistry registry, String prefix, int inboundPartitions,
                  int decisionPartitions) throws Exception {
        this.bootstrap = kafka.bootstrapServers();
        this.registryUrl = registry.url();
        this.prefix = prefix;
        this.inbound = prefix + ".inbound";
        this.decisions = prefix + ".decisions";
        this.profiles = prefix + ".profiles";
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(
                    new NewTopic(inbound, inboundPartitions, (short) 1).configs(Topics.inboundTopicConfigs()),
                    new NewTopic(decisions, decisionPartitions, (short) 1),
                    new NewTopic(profiles, 1, (short) 1),
                    new NewTopic(prefix + ".endpoint-lists", 1, (short) 1),
                    new NewTopic(prefix + ".archive", 1, (short) 1),
                    new NewTopic(prefix + ".alerts", 1, (short) 1),
                    new NewTopic(prefix + ".inspection-log", 1, (short) 1),
                    // Co-partitioned with the inbound topic, as TopicPlan creates it.
                    new NewTopic(prefix + ".state-resets", inboundPartitions, (short) 1),
                    new NewTopic(prefix + ".shadow-log", 1, (short) 1))).all().get();
        }
        contracts = new ContractTopics(SchemaRegistryClient.create(Map.of("schema.registry.url", registryUrl)),
                Map.of("schema.registry.url", registryUrl, "auto.register.schemas", true,
                        "specific.avro.reader", true));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        envelopes = new KafkaProducer<>(p, new StringSerializer(),
                contracts.topic(Contracts.INBOUND, inbound).valueSerde().serializer());
        profilePublisher = new ProfilePublisher(bootstrap, registryUrl, profiles);
        endpointLists = new KafkaProducer<>(p, new StringSerializer(),
                contracts.topic(Contracts.ENDPOINT_LISTS, prefix + ".endpoint-lists").valueSerde().serializer());
    }

    /** A service config for this class's topics; {@code extra} adds or overrides keys. */
    InspectionConfig config(String applicationId, Path stateDir, Map<String, String> extra) {
        Map<String, String> s = new HashMap<>();
        s.put("kafka.bootstrap.servers", bootstrap);
        s.put("serde.schema.registry.url", registryUrl);
        s.put("inspection.application-id", applicationId);
        s.put("inspection.state-dir", stateDir.toString());
        s.put("inspection.http-port", "0");
        // Every instance with the admin token: forwarded state queries must carry it to the owner.
        s.put("admin.token", ADMIN_TOKEN);
        s.put("inspection.commit-interval", "100ms");
        s.put("topics.inbound", inbound);
        s.put("topics.decisions", decisions);
        s.put("topics.profiles", profiles);
        s.put("topics.endpoint-lists", prefix + ".endpoint-lists");
        s.put("topics.archive", prefix + ".archive");
        s.put("topics.alerts", prefix + ".alerts");
        s.put("topics.inspection-log", prefix + ".inspection-log");
        s.put("topics.state-resets", prefix + ".state-resets");
        s.put("topics.shadow-log", prefix + ".shadow-log");
        // Small test broker: one replica for the changelog and repartition topics.
        s.put("kafka.replication.factor", "1");
        s.putAll(extra);
        return InspectionConfig.from(Settings.of(s));
    }

    static InspectionService startRunning(InspectionConfig config) throws Exception {
        return startRunning(config, ShadowHook.NONE);
    }

    /** @param shadowHook called by the shadow application's head for every envelope it reads */
    static InspectionService startRunning(InspectionConfig config, ShadowHook shadowHook) throws Exception {
        InspectionService service = InspectionService.start(config, ProfileValidator.standard(), shadowHook);
        try {
            if (!service.awaitRunning(HANG_GUARD)) {
                throw new IllegalStateException("service " + config.applicationId() + " not RUNNING but "
                        + service.streams().state());
            }
            return service;
        } catch (Exception | Error e) {
            service.close();
            throw e;
        }
    }

    // ---- profiles -----------------------------------------------------------------------------------------------

    static Threshold threshold(int limit, int windowMinutes, int blockMinutes) {
        return Threshold.newBuilder().setEnabled(true).setLimit(limit).setWindowMinutes(windowMinutes)
                .setBlockTimeMinutes(blockMinutes).setActions(List.of(ThresholdAction.BLOCK)).build();
    }

    static MmsProfile mm1Flood(String name, int limit) {
        return MmsProfile.newBuilder().setName(name)
                .setMm1(InterfaceSettings.newBuilder().setFlood(List.of(threshold(limit, 60, 0))).build()).build();
    }

    static MmsProfile mm1Duplicate(String name, int limit) {
        return MmsProfile.newBuilder().setName(name)
                .setMm1(InterfaceSettings.newBuilder().setDuplicate(List.of(threshold(limit, 60, 0))).build()).build();
    }

    static MmsProfile plain(String name) {
        return MmsProfile.newBuilder().setName(name).build();
    }

    void sendProfile(MmsProfile profile) throws Exception {
        profilePublisher.publish(profile);
    }

    void sendEndpointList(EndpointList list) throws Exception {
        endpointLists.send(new ProducerRecord<>(prefix + ".endpoint-lists", list.getName(), list)).get();
    }

    /** Polls GET /status/profiles of each service until every one reports the profile as applied. */
    static void awaitProfileApplied(String name, InspectionService... services) {
        awaitApplied("/status/profiles", name, services);
    }

    /** Polls GET /status/endpoint-lists of each service until every one reports the list as applied. */
    static void awaitEndpointListApplied(String name, InspectionService... services) {
        awaitApplied("/status/endpoint-lists", name, services);
    }

    private static void awaitApplied(String statusPath, String name, InspectionService... services) {
        for (InspectionService service : services) {
            await(statusPath + " " + name + " applied on port " + service.httpPort()).atMost(HANG_GUARD)
                    .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> {
                        HttpResponse<String> r = get(service, statusPath);
                        return r.statusCode() == 200 && "applied".equals(JSON.readTree(r.body()).path(name).asText());
                    });
        }
    }

    // ---- traffic ------------------------------------------------------------------------------------------------

    /** Key = sender, as the gateways write; the future tells the inbound partition. */
    java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(MmsEnvelope envelope) {
        return envelopes.send(new ProducerRecord<>(inbound, envelope.getSender(), envelope));
    }

    /** As {@link #send(MmsEnvelope)} with the producer's timestamp, which a LogAppendTime topic replaces. */
    java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(MmsEnvelope envelope,
                                                                                     long timestamp) {
        return envelopes.send(new ProducerRecord<>(inbound, null, timestamp, envelope.getSender(), envelope));
    }

    /**
     * Every committed inspection-log record whose session id starts with {@code sessionPrefix}, read to the last
     * stable offset once the application has committed all its input.
     */
    List<InspectionLog> inspectionLogs(String applicationId, String sessionPrefix) {
        awaitInputCommitted(applicationId);
        return readCommitted(Contracts.INSPECTION_LOG, prefix + ".inspection-log", InspectionLog::getSessionId,
                sessionPrefix);
    }

    /**
     * Every committed shadow-log record whose session id starts with {@code sessionPrefix}, read to the last stable
     * offset once the shadow application of {@code applicationId} has committed all its input.
     */
    List<ShadowLog> shadowLogs(String applicationId, String sessionPrefix) {
        awaitInputCommitted(applicationId + "-shadow");
        return shadowLogsNow(sessionPrefix);
    }

    /** The committed shadow-log records of {@code sessionPrefix} there are now, whatever the shadow has read. */
    List<ShadowLog> shadowLogsNow(String sessionPrefix) {
        return readCommitted(Contracts.SHADOW_LOG, prefix + ".shadow-log", ShadowLog::getSessionId, sessionPrefix);
    }

    private <V extends org.apache.avro.specific.SpecificRecord> List<V> readCommitted(Contract<V> contract, String topic, Function<V, String> session,
                                      String sessionPrefix) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase());
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                contracts.topic(contract, topic).valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<V> seen = new ArrayList<>();
            await(topic + " read to the last stable offset").atMost(HANG_GUARD)
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                            if (session.apply(r.value()).startsWith(sessionPrefix)) {
                                seen.add(r.value());
                            }
                        });
                        return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
                    });
            return seen;
        }
    }

    void flush() {
        envelopes.flush();
    }

    // ---- decisions ----------------------------------------------------------------------------------------------

    /**
     * Every committed decision whose session id starts with {@code sessionPrefix}, read only after (1) at least
     * {@code expected} such decisions are visible, and (2) the application's committed offsets have reached the end
     * of its input topics (inbound and the repartition topics), then to the last stable offset of every partition
     * of the decisions topic. So an extra or a missing decision is in the returned list, or absent from it, for
     * certain. Awaitility bounds the wait (a hang guard, not an assertion of speed).
     */
    List<ConsumerRecord<String, Decision>> decisions(String applicationId, String sessionPrefix, int expected)
            throws Exception {
        Predicate<ConsumerRecord<String, Decision>> ours = r -> r.value().getSessionId().startsWith(sessionPrefix);
        try (KafkaConsumer<String, Decision> consumer = decisionConsumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(decisions).stream()
                    .map(i -> new TopicPartition(decisions, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, Decision>> seen = new ArrayList<>();
            await("at least " + expected + " decisions for " + sessionPrefix).atMost(HANG_GUARD)
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                            if (ours.test(r)) {
                                seen.add(r);
                            }
                        });
                        return seen.size() >= expected;
                    });
            awaitInputCommitted(applicationId);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions); // read_committed: the LSO
            await("decisions read to the last stable offset").atMost(HANG_GUARD).pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                            if (ours.test(r)) {
                                seen.add(r);
                            }
                        });
                        return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
                    });
            return seen;
        }
    }

    /**
     * Waits until the group's committed offsets equal the end offsets of the inbound and repartition topics (the
     * similar-content hops included: a message counted there is decided only after two more reads).
     */
    void awaitInputCommitted(String applicationId) {
        List<String> inputs = new ArrayList<>(List.of(inbound));
        for (String hop : List.of(InspectionTopology.BY_CHECKSUM, InspectionTopology.SIMILAR_BY_BAND,
                InspectionTopology.SIMILAR_BY_SESSION)) {
            inputs.add(applicationId + "-" + hop + "-repartition");
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            await("application " + applicationId + " committed all its input").atMost(HANG_GUARD)
                    .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> {
                        for (String topic : inputs) {
                            if (!caughtUp(admin, applicationId, topic)) {
                                return false;
                            }
                        }
                        return true;
                    });
        }
    }

    private static boolean caughtUp(Admin admin, String group, String topic) throws Exception {
        int n = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        for (int i = 0; i < n; i++) {
            specs.put(new TopicPartition(topic, i), OffsetSpec.latest());
        }
        var ends = admin.listOffsets(specs).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        for (TopicPartition tp : specs.keySet()) {
            long end = ends.get(tp).offset();
            OffsetAndMetadata c = committed.get(tp);
            if (end > 0 && (c == null || c.offset() < end)) {
                return false;
            }
        }
        return true;
    }

    KafkaConsumer<String, Decision> decisionConsumer() {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(c, new StringDeserializer(),
                contracts.topic(Contracts.DECISIONS, decisions).valueSerde().deserializer());
    }

    /** Session id -> number of decisions for it. */
    static Map<String, Long> perSession(List<ConsumerRecord<String, Decision>> records) {
        return records.stream().collect(Collectors.groupingBy(r -> r.value().getSessionId(), Collectors.counting()));
    }

    static Set<String> sessions(String prefix, int count) {
        Set<String> out = new java.util.TreeSet<>();
        for (int i = 0; i < count; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    static final String ADMIN_TOKEN = "inspection-test-admin-token-0123456789";

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    static HttpResponse<String> get(InspectionService service, String pathAndQuery)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + pathAndQuery))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    @Override
    public void close() {
        envelopes.close(Duration.ofSeconds(5));
        endpointLists.close(Duration.ofSeconds(5));
        profilePublisher.close();
    }
}
