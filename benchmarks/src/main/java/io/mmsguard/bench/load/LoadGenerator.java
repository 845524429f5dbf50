package io.mmsguard.bench.load;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import io.mmsguard.bench.gateway.BenchPipeline;
import io.mmsguard.bench.gateway.SmtpMmscStub;
import io.mmsguard.bench.gateway.UpstreamStub;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.bench.gateway.PassingInspector;
import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.gateway.GatewayContext;
import io.mmsguard.gateway.GatewayListeners;
import io.mmsguard.gateway.KafkaSessionCore;
import io.mmsguard.gateway.http.HttpUpstream;
import io.mmsguard.gateway.http.NettyUpstream;
import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.gateway.session.PendingSessions;
import io.mmsguard.gateway.session.ProfileView;
import io.mmsguard.service.Settings;

/**
 * Load through the whole MMS inspection pipeline (MM1, MM4 and MM7 clients, the gateway, Kafka, the inspection
 * topology, MMSC stubs) with baselines in the same run, under a closed or open load model; see {@link LoadOptions}
 * for the options and docs/benchmarks.md ("Load generator") for the method.
 *
 * <p>Scenarios, in this order, each with its own warm-up and the same planned traffic:
 * <ol>
 * <li>{@code stub}: clients straight to the MMSC stubs (HTTP for MM1 and MM7, SMTP for MM4): the clients' and stubs'
 *     own cost;</li>
 * <li>{@code gateway-pass}: through the gateway's listeners whose inspector answers PASS at once, with fixed
 *     profiles and no Kafka client at all: what the gateway itself costs;</li>
 * <li>{@code kafka}: a Kafka request/reply round trip of the same sizes through a pass-through Streams app with the
 *     pipeline's guarantee and commit interval: the floor for anything that decides through Kafka Streams;</li>
 * <li>{@code pipeline}: through the gateway, Kafka and the inspection topology, judged by {@link LoadProfile}; the
 *     blocked and passed counts per category are checked against the plan.</li>
 * </ol>
 * Exit status 1 when any check fails (listed as ERRORS in the output).
 */
public final class LoadGenerator {
    private final LoadOptions o;

    LoadGenerator(LoadOptions options) {
        this.o = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> given = LoadOptions.parse(args);
        if (given.containsKey("help")) {
            System.out.print(LoadOptions.HELP);
            return;
        }
        Map<String, Object> result = new LoadGenerator(new LoadOptions(given)).run();
        System.exit(((java.util.List<?>) result.get("mismatches")).isEmpty() ? 0 : 1);
    }

    /** Runs every scenario, writes result.json and result.md, prints the Markdown; returns the JSON document. */
    Map<String, Object> run() throws Exception {
        Report report = new Report(o);
        try (UpstreamStub http = new UpstreamStub(); SmtpMmscStub smtp = new SmtpMmscStub();
             BenchPipeline kafka = new BenchPipeline()) {
            if (o.shadow) {
                kafka.publishProfile(LoadProfile.shadow(o));
            }
            kafka.publishProfile(LoadProfile.profile(o));
            InetSocketAddress smtpStub = new InetSocketAddress("127.0.0.1", smtp.port());
            if (o.stubBaseline) {
                report.add(scenario("stub", "clients straight to the MMSC stubs", false, null,
                        () -> new ProtocolTarget(http.uri(), http.mm7Uri(), smtpStub, smtp, o.timeout)));
            }
            if (o.gatewayBaseline) {
                // No Kafka client at all: the listeners around an inspector that passes at once, fixed profiles.
                TimedInspector timed = new TimedInspector(new PassingInspector("bench", o.gatewayDecisionTimeout()));
                GatewayConfig config = gatewayConfig(kafka, http, smtp);
                ProfileView profiles = ProfileView.fixed(Map.of(LoadProfile.NAME, LoadProfile.profile(o)));
                GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry());
                try (HttpUpstream upstream = upstream(config, metrics);
                     GatewayListeners gateway = GatewayListeners.start(config, new GatewayContext(timed, profiles,
                             upstream, metrics),
                             new PendingSessions(config.maxPending()))) {
                    report.add(scenario("gateway-pass", "through the gateway, inspector answers PASS at once "
                            + "(no Kafka per message)", false, timed, () -> gatewayTarget(gateway, smtp)));
                }
            }
            if (o.kafkaBaseline) {
                report.add(scenario("kafka", "Kafka request/reply through a pass-through Streams app", false, null,
                        () -> new KafkaRequestReply(kafka.kafka().bootstrapServers(), kafka.kafka().admin(),
                                o, kafka.work().resolve("passthrough-state"))));
            }
            Map<String, String> inspection = new HashMap<>();
            inspection.put("inspection.commit-interval", o.commitIntervalMs + "ms");
            inspection.put("inspection.threads", Integer.toString(o.streamThreads));
            inspection.put("kafka.processing.guarantee", o.guarantee);
            inspection.putAll(o.inspectionKafka);
            kafka.startInspection(inspection);
            GatewayConfig config = gatewayConfig(kafka, http, smtp, o.gatewayKafka);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            GatewayMetrics metrics = new GatewayMetrics(meters);
            try (KafkaSessionCore sessions = KafkaSessionCore.start(config, metrics, meters)) {
                TimedInspector timed = new TimedInspector(sessions.inspector());
                try (HttpUpstream upstream = upstream(config, metrics);
                     GatewayListeners gateway = GatewayListeners.start(config, new GatewayContext(timed,
                             sessions.profiles(), upstream, metrics), sessions.pending())) {
                    report.add(scenario("pipeline", "through the gateway, Kafka and the inspection topology", true,
                            timed, () -> gatewayTarget(gateway, smtp)));
                }
            }
        }
        Map<String, Object> root = report.toMap();
        String md = Report.write(root, o.out);
        System.out.println();
        System.out.println(md);
        System.out.println("written: " + o.out.toAbsolutePath() + " and result.md");
        return root;
    }

    private interface TargetFactory {
        Target create() throws Exception;
    }

    private Report.Scenario scenario(String name, String description, boolean inspects, TimedInspector timed,
                                     TargetFactory targets) throws Exception {
        LoadDriver driver = new LoadDriver(o);
        Tally tally;
        try (Target target = targets.create()) {
            if (o.warmup > 0) {
                System.err.printf("[%s] warm-up: %d clean messages%n", name, o.warmup);
                driver.run(name + " warm-up", new TrafficPlan(o, name + "-w", o.seed + 1, true), target, o.warmup,
                        null);
            }
            if (timed != null) {
                timed.reset();
            }
            System.err.printf("[%s] measuring: %s%n", name, description);
            tally = driver.run(name, new TrafficPlan(o, name, o.seed, false), target, o.messages, o.duration);
        }
        return new Report.Scenario(name, description, tally, timed == null ? null : timed.snapshot(), inspects);
    }

    /** The gateway's HTTP client towards the stubs, as the gateway service configures it. */
    private static HttpUpstream upstream(GatewayConfig config, GatewayMetrics metrics) {
        return new NettyUpstream(config.upstream(), metrics);
    }

    private ProtocolTarget gatewayTarget(GatewayListeners gateway, SmtpMmscStub smtp) {
        return new ProtocolTarget(URI.create("http://127.0.0.1:" + gateway.port("mm1") + "/mms"),
                URI.create("http://127.0.0.1:" + gateway.port("mm7") + "/mm7"),
                new InetSocketAddress("127.0.0.1", gateway.port("mm4")), smtp, o.timeout);
    }

    private GatewayConfig gatewayConfig(BenchPipeline kafka, UpstreamStub http, SmtpMmscStub smtp) {
        return gatewayConfig(kafka, http, smtp, Map.of());
    }

    private GatewayConfig gatewayConfig(BenchPipeline kafka, UpstreamStub http, SmtpMmscStub smtp,
                                        Map<String, String> kafkaSettings) {
        Map<String, String> gw = kafka.gatewaySettings();
        gw.putAll(kafkaSettings);
        gw.put("gateway.decision-timeout", o.gatewayDecisionTimeout().toMillis() + "ms");
        gw.put("mm1.enabled", "true");
        gw.put("mm1.listen", "127.0.0.1:0");
        gw.put("mm1.upstream", http.uri().toString());
        // the load clients play the operator's proxy: their MSISDN headers name the senders
        gw.put("mm1.msisdn.trusted-proxies", "127.0.0.0/8");
        gw.put("mm7.msisdn.trusted-proxies", "127.0.0.0/8");
        gw.put("mm1.profile", LoadProfile.NAME);
        gw.put("mm7.enabled", "true");
        gw.put("mm7.auth", "none");
        gw.put("mm7.listen", "127.0.0.1:0");
        gw.put("mm7.upstream", http.mm7Uri().toString());
        gw.put("mm7.profile", LoadProfile.NAME);
        gw.put("mm4.enabled", "true");
        gw.put("mm4.listen", "127.0.0.1:0");
        gw.put("mm4.upstream", "127.0.0.1:" + smtp.port());
        gw.put("mm4.profile", LoadProfile.NAME);
        gw.put("mm4.system-address", "system-user@mms.mnc010.mcc234.gprs");
        // the load clients play the peer MMSC, on loopback; its responses go to the stub
        gw.put("mm4.peers.load-peer.networks", "127.0.0.0/8");
        gw.put("mm4.peers.load-peer.domains", LoadMessages.PEER_DOMAIN);
        gw.put("mm4.peers.load-peer.response-address", "127.0.0.1:" + smtp.port());
        return GatewayConfig.from(Settings.of(gw));
    }

}
