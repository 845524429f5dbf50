package io.mmsguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmsguard.avro.InspectionLog;
import io.mmsguard.avro.Verdict;
import io.mmsguard.codec.mm1.FromAddress;
import io.mmsguard.deploy.cli.HttpPost;
import io.mmsguard.deploy.cli.Mm1Client;
import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.gateway.GatewayService;
import io.mmsguard.schemas.Topics;
import io.mmsguard.service.Settings;
import io.mmsguard.testkit.FreePorts;
import io.mmsguard.testkit.grafana.GrafanaDashboard;
import io.mmsguard.testkit.grafana.GrafanaTime;
import io.mmsguard.testkit.prometheus.PrometheusProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Grafana dashboard against data: Debian's Prometheus scrapes every service of the embedded stack each second
 * while it judges the demo's traffic (passes; virus, file, banned-word, flood and duplicate blocks over MM1, MM3,
 * MM4 and MM7) and sessions it fails (a second gateway whose decision timeout no inspection can meet answers them
 * with a temporary failure, and inspection finds them expired). Then every PromQL expression of
 * deploy/grafana/dashboards/mmsguard.json, its variables replaced as Grafana replaces them, is evaluated through
 * Prometheus' /api/v1/query just after the traffic, and each must return at least one series with a number (NaN is
 * what histogram_quantile gives over no observations: no line in Grafana). Prometheus also loads
 * deploy/prometheus/alerts.yml, and every rule must evaluate without error on these real series.
 */
class DashboardOnPrometheusIntegrationTest {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardOnPrometheusIntegrationTest.class);
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Duration SCRAPE = Duration.ofSeconds(1);
    /** The dashboard's default range (now-1h) in one of its half-width panels, about 1000 pixels wide. */
    private static final GrafanaTime GRAFANA = new GrafanaTime(Duration.ofHours(1), 1000, Optional.of(SCRAPE));
    /** Below KafkaSessionCore.FAILURES_TO_TRIP: the impatient gateway stays ready. */
    private static final int TIMED_OUT_SESSIONS = 3;
    private static final Duration HANG_GUARD = Duration.ofMinutes(2);

    @Test
    void everyDashboardQueryReturnsDataFromTheRunningStack(@TempDir Path data) throws Exception {
        PrometheusProcess.requireInstalled();
        GrafanaDashboard dashboard = GrafanaDashboard.read(REPO.resolve("deploy/grafana/dashboards/mmsguard.json"));
        EmbeddedStack.Settings settings = new EmbeddedStack.Settings(data, FreePorts.next(), FreePorts.next(),
                FreePorts.next());
        try (EmbeddedStack stack = EmbeddedStack.start(settings)) {
            // mms.decisions partition 1 is the second gateway's
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
                admin.createPartitions(Map.of(Topics.DECISIONS, NewPartitions.increaseTo(2))).all()
                        .get(30, TimeUnit.SECONDS);
            }
            try (EmbeddedServices services = EmbeddedServices.start(stack, data, EmbeddedServices.Ports.any(),
                    Optional.of(DemoProfile.Publish.IF_ABSENT));
                 GatewayService impatient = GatewayService.start(GatewayConfig.from(
                         Settings.of(impatientGateway(stack, services), GatewayConfig.KEYS)));
                 PrometheusProcess prometheus = PrometheusProcess.start(data.resolve("prometheus"),
                         PrometheusProcess.config(SCRAPE, jobs(services, impatient),
                                 List.of(REPO.resolve("deploy/prometheus/alerts.yml"))))) {
                assertThat(services.awaitRunning(HANG_GUARD)).isTrue();
                // Prometheus takes its first scrapes some seconds after it is ready (its discovery and scrape
                // managers apply targets every 5 s): the traffic starts once it watches every service.
                prometheus.awaitScrapedAfter(Instant.now(), HANG_GUARD);
                timeOut(stack, services, impatient);
                Instant[] lastAnswer = new Instant[1];
                Demo.Result demo = new Demo(services.endpoints(), services.mmsc(), services.observer(stack),
                        HANG_GUARD).run(sent -> lastAnswer[0] = Instant.now());
                assertThat(demo.complete()).as(demo.describe()).isTrue();
                assertThat(demo.blocked()).as(demo.describe()).isPositive().isLessThan(demo.lines().size());

                // Every scrape after the last answer holds the traffic; the rate windows end there.
                Instant at = prometheus.awaitScrapedAfter(lastAnswer[0], Duration.ofSeconds(30));
                Map<String, List<PrometheusProcess.Sample>> answers = new LinkedHashMap<>();
                List<String> withoutData = new ArrayList<>();
                for (GrafanaDashboard.Target t : dashboard.interpolated(GRAFANA)) {
                    List<PrometheusProcess.Sample> samples = prometheus.query(t.expr(), at);
                    answers.put(t.panel() + " " + t.refId() + ": " + t.expr(), samples);
                    if (samples.stream().noneMatch(s -> Double.isFinite(s.value()))) {
                        withoutData.add(t.panel() + " " + t.refId() + ": " + t.expr() + " -> " + samples);
                    }
                }
                report(at, answers);
                assertThat(answers).as("the dashboard's queries").hasSizeGreaterThan(10);
                assertThat(withoutData).as("queries without data at " + at + "; " + scrapes(prometheus, at))
                        .isEmpty();
                assertRulesEvaluate(prometheus);
            }
        }
    }

    /**
     * Sessions the impatient gateway gives up on before any decision can come: each is answered with a temporary
     * failure (not Ok), and inspection, finding its session over, writes an EXPIRED record instead of deciding.
     */
    private static void timeOut(EmbeddedStack stack, EmbeddedServices services, GatewayService impatient)
            throws Exception {
        Instant start = Instant.now();
        String sender = "+49170990" + System.currentTimeMillis() % 100_000;
        Mm1Client client = new Mm1Client(new HttpPost(HANG_GUARD));
        URI mm1 = URI.create("http://127.0.0.1:" + impatient.port("mm1") + "/mms");
        for (int i = 0; i < TIMED_OUT_SESSIONS; i++) {
            Mm1Client.Answer answer = client.submit(mm1, Mm1Client.sendReq("impatient-" + i,
                    FromAddress.insertAddress(), List.of("+4916000001/TYPE=PLMN"), null,
                    List.of(Mm1Client.text("no decision in time " + i))), Map.of("x-up-calling-line-id", sender));
            assertThat(answer.conf()).as("HTTP " + answer.httpStatus()).isNotNull();
            assertThat(answer.conf().responseStatus()).as("m-send.conf status").isNotEqualTo(0x80);
        }
        List<InspectionLog> logs = services.observer(stack).inspectionLogSince(start, List.of(sender),
                TIMED_OUT_SESSIONS, HANG_GUARD).values().stream().flatMap(List::stream).toList();
        assertThat(logs).extracting(InspectionLog::getVerdict).hasSize(TIMED_OUT_SESSIONS).containsOnly(Verdict.EXPIRED);
    }

    /** A gateway like the embedded one with MM1 only, on reply partition 1, waiting 1 ms for each decision. */
    private static Map<String, String> impatientGateway(EmbeddedStack stack, EmbeddedServices services) {
        Map<String, String> s = EmbeddedServices.gateway(stack, services.mmsc(), EmbeddedServices.Ports.any());
        s.put("gateway.id", "impatient");
        s.put("gateway.reply-partitions", "1");
        s.put("gateway.decision-timeout", "1ms");
        for (String listener : List.of("mm3", "mm4", "mm7")) {
            s.put(listener + ".enabled", "false");
        }
        return s;
    }

    /** The jobs of deploy/prometheus/prometheus.yml, on this stack's admin ports. */
    private static Map<String, List<String>> jobs(EmbeddedServices services, GatewayService impatient) {
        Map<String, List<String>> jobs = new LinkedHashMap<>();
        jobs.put("mmsguard-inspection", List.of("127.0.0.1:" + services.inspectionPort()));
        jobs.put("mmsguard-gateway", List.of("127.0.0.1:" + services.gatewayAdminPort(),
                "127.0.0.1:" + impatient.httpPort()));
        jobs.put("mmsguard-notifier", List.of("127.0.0.1:" + services.notifierAdminPort()));
        return jobs;
    }

    /** How each target's scrapes went over the rate window before {@code at}: for a failure message. */
    private static String scrapes(PrometheusProcess prometheus, Instant at) {
        String window = GRAFANA.variables().get("$__rate_interval");
        return "scrapes in the last " + window + ": " + prometheus.query("count_over_time(up[" + window + "])", at)
                + ", successful: " + prometheus.query("sum_over_time(up[" + window + "])", at)
                + ", longest (s): " + prometheus.query("max_over_time(scrape_duration_seconds[" + window + "])", at);
    }

    /** Every rule of alerts.yml loaded and evaluated on the scraped series without an error. */
    private static void assertRulesEvaluate(PrometheusProcess prometheus) throws InterruptedException {
        List<String> rules = new ArrayList<>();
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (true) {
            rules.clear();
            boolean evaluated = true;
            for (JsonNode group : prometheus.api("rules").path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    rules.add(rule.path("name").asText() + " " + rule.path("health").asText() + " "
                            + rule.path("lastError").asText());
                    evaluated &= !rule.path("health").asText().equals("unknown");
                }
            }
            if ((evaluated && !rules.isEmpty()) || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(rules).as("alerts.yml in Prometheus").hasSize(9).allMatch(r -> r.contains(" ok "), "health ok");
    }

    /** Each query and its answer, for the log and embedded/target/dashboard-queries.txt. */
    private static void report(Instant at, Map<String, List<PrometheusProcess.Sample>> answers)
            throws Exception {
        StringBuilder b = new StringBuilder("Dashboard queries at " + at + " (" + GRAFANA + "):\n");
        answers.forEach((query, samples) -> {
            b.append(query).append('\n');
            samples.forEach(s -> b.append("    ").append(s.labels()).append(" ").append(s.value()).append('\n'));
        });
        LOG.info("{}", b);
        Files.writeString(Path.of("target", "dashboard-queries.txt"), b);
    }
}
