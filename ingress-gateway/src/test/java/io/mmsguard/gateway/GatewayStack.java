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

import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.service.InspectionConfig;
import io.mmsguard.inspection.service.InspectionService;
import io.mmsguard.schemas.MessageSize;
import io.mmsguard.schemas.fixtures.ProfilePublisher;
import io.mmsguard.service.Settings;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import org.apache.kafka.clients.admin.NewTopic;

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
    private final KafkaTestCluster kafka;
    private final ApicurioRegistry registry;
    private final String prefix;
    private final StubMmsc mmsc;
    private final InspectionService inspection;
    private final Map<String, String> common;
    private GatewayService gateway;

    private GatewayStack(KafkaTestCluster kafka, ApicurioRegistry registry, String prefix, StubMmsc mmsc,
                         InspectionService inspection, Map<String, String> common) {
        this.kafka = kafka;
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
        // Content-carrying topics take records of MessageSize.MAX_RECORD_BYTES, as TopicPlan's do.
        kafka.admin().createTopics(List.of(
                new NewTopic(prefix + ".inbound", 3, (short) 1).configs(MessageSize.contentTopicConfigs()),
                new NewTopic(prefix + ".decisions", 2, (short) 1),
                new NewTopic(prefix + ".profiles", 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic(prefix + ".endpoint-lists", 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic(prefix + ".archive", 1, (short) 1).configs(MessageSize.contentTopicConfigs()),
                new NewTopic(prefix + ".alerts", 1, (short) 1),
                new NewTopic(prefix + ".inspection-log", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        StubMmsc mmsc = StubMmsc.start();
        Map<String, String> common = new HashMap<>();
        common.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        common.put("serde.schema.registry.url", registry.url());
        common.put("topics.inbound", prefix + ".inbound");
        common.put("topics.decisions", prefix + ".decisions");
        common.put("topics.profiles", prefix + ".profiles");

        Map<String, String> inspection = new HashMap<>(common);
        inspection.put("topics.endpoint-lists", prefix + ".endpoint-lists");
        inspection.put("topics.archive", prefix + ".archive");
        inspection.put("topics.alerts", prefix + ".alerts");
        inspection.put("topics.inspection-log", prefix + ".inspection-log");
        inspection.put("inspection.application-id", prefix + "-inspection");
        inspection.put("inspection.state-dir", dir.resolve("streams").toString());
        inspection.put("inspection.http-port", "0");
        inspection.put("inspection.commit-interval", "50ms");
        InspectionService topology = InspectionService.start(InspectionConfig.from(Settings.of(inspection)));
        if (!topology.awaitRunning(Duration.ofMinutes(1))) {
            throw new IllegalStateException("inspection not running: " + topology.streams().state());
        }

        return new GatewayStack(kafka, registry, prefix, mmsc, topology, common);
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

    /** {@code http://127.0.0.1:<mm1 port><path>} */
    public URI mm1Uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port("mm1") + path);
    }

    public URI mm7Uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port("mm7") + path);
    }

    /** Publishes the profile under its name and waits until the topology applied it. */
    public void publishProfile(MmsProfile profile) throws Exception {
        ProfilePublisher.publish(kafka.bootstrapServers(), registry.url(), prefix + ".profiles", profile);
        HttpClient http = HttpClient.newHttpClient();
        URI status = URI.create("http://127.0.0.1:" + inspection.httpPort() + "/status/profiles");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String body = http.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            return body.contains("\"" + profile.getName() + "\" : \"applied\"");
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
}
