package io.mmsguard.gateway;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.service.InspectionConfig;
import io.mmsguard.inspection.service.InspectionService;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.MessageSize;
import io.mmsguard.schemas.Topic;
import io.mmsguard.schemas.Topics;
import io.mmsguard.schemas.fixtures.ProfilePublisher;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.schemas.serde.ConfluentAvroDeserializer;
import io.mmsguard.service.Settings;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The whole path on loopback for end-to-end tests: the shared real broker and registry, topics of its own (so test
 * classes do not see each other's traffic), the real inspection topology, a stub upstream MMSC, and the gateway with
 * its MM1 (and, when asked, MM7) listener pointing at the stub.
 *
 * <pre>
 * try (GatewayStack stack = GatewayStack.start(kafka, registry, tempDir, "mm1-e2e", Map.of())) {
 *     stack.publishProfile(profile);             // waits until the topology applied it
 *     ... POST to stack.mm1Uri("/mms") ... stack.mmsc().received() ...
 * }
 * </pre>
 */
public final class GatewayStack implements AutoCloseable {
    private final String bootstrap;
    private final ApicurioRegistry registry;
    private final String prefix;
    private final StubMmsc mmsc;
    private final InspectionService inspection;
    private final Map<String, String> common;
    private GatewayService gateway;

    private GatewayStack(String bootstrap, ApicurioRegistry registry, String prefix, StubMmsc mmsc,
                         InspectionService inspection, Map<String, String> common) {
        this.bootstrap = bootstrap;
        this.registry = registry;
        this.prefix = prefix;
        this.mmsc = mmsc;
        this.inspection = inspection;
        this.common = Map.copyOf(common);
    }

    /**
     * @param prefix    unique per test class: names the topics ({@code <prefix>.inbound} ...) and application id
     * @param overrides gateway settings on top of the defaults here (e.g. {@code mm7.enabled=true},
     *                  {@code gateway.decision-timeout=2s}); the stub is at {@code /mms} (MM1), {@code /mm7} (MM7)
     *                  and {@code /vasp} (the VASP side of MM7)
     */
    public static GatewayStack start(KafkaTestCluster kafka, ApicurioRegistry registry, Path dir, String prefix,
                                     Map<String, String> overrides) throws Exception {
        GatewayStack stack = startWithoutGateway(kafka, registry, dir, prefix);
        try {
            stack.gateway = GatewayService.start(GatewayConfig.from(Settings.of(stack.gatewaySettings(overrides))));
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /**
     * Everything but the gateway, for a test that runs the gateway elsewhere (e.g. a child JVM with a small heap)
     * on {@link #gatewaySettings}; {@link #gateway()} is then null.
     */
    public static GatewayStack startWithoutGateway(KafkaTestCluster kafka, ApicurioRegistry registry, Path dir,
                                                   String prefix) throws Exception {
        return startWithoutGateway(kafka.bootstrapServers(), registry, dir, prefix);
    }

    /** The same on a broker of the test's own (e.g. test-kit's {@code EmbeddedKafka}, which can be restarted). */
    public static GatewayStack startWithoutGateway(String bootstrap, ApicurioRegistry registry, Path dir,
                                                   String prefix) throws Exception {
        // Content-carrying topics take records of MessageSize.MAX_RECORD_BYTES, and envelopes carry the broker's
        // append time, as TopicPlan's do.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            createTopics(admin, prefix);
        }
        StubMmsc mmsc = StubMmsc.start();
        Map<String, String> common = new HashMap<>();
        common.put("kafka.bootstrap.servers", bootstrap);
        common.put("serde.schema.registry.url", registry.url());
        common.put("topics.inbound", prefix + ".inbound");
        common.put("topics.decisions", prefix + ".decisions");
        common.put("topics.profiles", prefix + ".profiles");

        Map<String, String> inspection = new HashMap<>(common);
        inspection.put("topics.endpoint-lists", prefix + ".endpoint-lists");
        inspection.put("topics.archive", prefix + ".archive");
        inspection.put("topics.alerts", prefix + ".alerts");
        inspection.put("topics.inspection-log", prefix + ".inspection-log");
        inspection.put("topics.state-resets", prefix + ".state-resets");
        inspection.put("topics.shadow-log", prefix + ".shadow-log");
        inspection.put("inspection.application-id", prefix + "-inspection");
        inspection.put("inspection.state-dir", dir.resolve("streams").toString());
        inspection.put("inspection.http-port", "0");
        inspection.put("inspection.commit-interval", "50ms");
        InspectionService topology = InspectionService.start(InspectionConfig.from(Settings.of(inspection)));
        if (!topology.awaitRunning(Duration.ofMinutes(1))) {
            throw new IllegalStateException("inspection not running: " + topology.streams().state());
        }

        return new GatewayStack(bootstrap, registry, prefix, mmsc, topology, common);
    }

    private static void createTopics(Admin admin, String prefix) throws Exception {
        admin.createTopics(List.of(
                new NewTopic(prefix + ".inbound", 3, (short) 1).configs(inboundConfigs()),
                new NewTopic(prefix + ".decisions", 2, (short) 1),
                new NewTopic(prefix + ".profiles", 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic(prefix + ".endpoint-lists", 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic(prefix + ".archive", 1, (short) 1).configs(MessageSize.contentTopicConfigs()),
                new NewTopic(prefix + ".alerts", 1, (short) 1),
                new NewTopic(prefix + ".inspection-log", 1, (short) 1),
                // Co-partitioned with the inbound topic, as TopicPlan creates it.
                new NewTopic(prefix + ".state-resets", 3, (short) 1),
                new NewTopic(prefix + ".shadow-log", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    /** The gateway's settings in this stack: its topics, the stub as upstream, loopback listeners on free ports. */
    public Map<String, String> gatewaySettings(Map<String, String> overrides) {
        Map<String, String> gw = new HashMap<>(common);
        gw.put("gateway.id", prefix + "-gw");
        gw.put("gateway.reply-partitions", "1");
        gw.put("gateway.http-port", "0");
        gw.put("gateway.decision-timeout", "10s");
        gw.put("mm1.listen", "127.0.0.1:0");
        gw.put("mm1.upstream", mmsc.uri("/mms").toString());
        gw.put("mm7.listen", "127.0.0.1:0");
        gw.put("mm7.upstream", mmsc.uri("/mm7").toString());
        gw.put("mm7.vasp-upstream", mmsc.uri("/vasp").toString());
        // the end-to-end tests are about inspection: MM7 access control has its own tests (Mm7AccessControlTest)
        gw.put("mm7.auth", "none");
        // the tests' HTTP clients stand in for the operator's proxy, on loopback
        gw.put("mm1.msisdn.trusted-proxies", "127.0.0.0/8");
        gw.put("mm7.msisdn.trusted-proxies", "127.0.0.0/8");
        // MM3 and MM4 as the tests use them (when a test enables them): the MMSC's domain, and a peer on loopback
        gw.put("mm3.local-domains", "mms.mnc010.mcc234.gprs");
        gw.put("mm4.peers.loopback.networks", "127.0.0.0/8");
        gw.put("mm4.peers.loopback.domains", "mms.mnc006.mcc260.gprs");
        if (!overrides.containsKey("mm7.auth") && overrides.keySet().stream().anyMatch(k -> k.startsWith("mm7.vasp."))) {
            // a test that names its VASPs wants MM7's access control on: the deliver path from loopback then
            gw.remove("mm7.auth");
            gw.put("mm7.deliver.allow", "127.0.0.0/8");
        }
        gw.putAll(overrides);
        return gw;
    }

    public StubMmsc mmsc() {
        return mmsc;
    }

    public GatewayService gateway() {
        return gateway;
    }

    public InspectionService inspection() {
        return inspection;
    }

    /**
     * The first envelope on {@code <prefix>.inbound} that matches: what the inspection saw of a message. Waits at
     * most a minute (a guard against a hanging test: the gateway publishes before it answers).
     */
    public MmsEnvelope inbound(Predicate<MmsEnvelope> which) {
        Map<String, Object> serde = Map.of("schema.registry.url", registry.url());
        try (KafkaConsumer<String, MmsEnvelope> c = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringDeserializer(),
                new ConfluentAvroDeserializer<>(SchemaRegistryClient.create(serde), serde, false, MmsEnvelope.class))) {
            List<TopicPartition> partitions = c.partitionsFor(prefix + ".inbound").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, MmsEnvelope> r : c.poll(Duration.ofMillis(200))) {
                    if (which.test(r.value())) {
                        return r.value();
                    }
                }
            }
        }
        throw new AssertionError("no such envelope on " + prefix + ".inbound");
    }

    /** {@code http://127.0.0.1:<mm1 port><path>} */
    public URI mm1Uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port("mm1") + path);
    }

    public URI mm7Uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port("mm7") + path);
    }

    /**
     * The gateway's session outcome counters of one interface and outcome, by reason, read from its /metrics
     * ({@code mmsguard_gateway_outcomes_total{interface,outcome,reason}}).
     */
    public Map<String, Double> outcomes(String mmsInterface, String outcome) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gateway.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        return PrometheusText.byLabel(metrics, "mmsguard_gateway_outcomes_total",
                Map.of("interface", mmsInterface, "outcome", outcome), "reason");
    }

    /** Publishes the profile under its name and waits until the topology applied it. */
    public void publishProfile(MmsProfile profile) throws Exception {
        ProfilePublisher.publish(bootstrap, registry.url(), prefix + ".profiles", profile);
        awaitApplied("/status/profiles", profile.getName());
    }

    /** Publishes the endpoint list under its name and waits until the topology applied it. */
    public void publishEndpointList(EndpointList list) throws Exception {
        Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all");
        Topic<String, EndpointList> topic = ContractTopics.create(Map.of("schema.registry.url", registry.url(),
                "auto.register.schemas", true)).topic(Contracts.ENDPOINT_LISTS, prefix + ".endpoint-lists");
        try (KafkaProducer<String, EndpointList> producer = new KafkaProducer<>(p, topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), list.getName(), list)).get(30, TimeUnit.SECONDS);
        }
        awaitApplied("/status/endpoint-lists", list.getName());
    }

    private void awaitApplied(String path, String name) {
        HttpClient http = HttpClient.newHttpClient();
        URI status = URI.create("http://127.0.0.1:" + inspection.httpPort() + path);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String body = http.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            return body.contains("\"" + name + "\" : \"applied\"");
        });
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
        inspection.close();
        mmsc.close();
    }

    private static Map<String, String> inboundConfigs() {
        Map<String, String> configs = new HashMap<>(MessageSize.contentTopicConfigs());
        configs.putAll(Topics.inboundTopicConfigs());
        return configs;
    }
}
