package io.mmsguard.deploy.manifests;

import static io.mmsguard.deploy.manifests.Manifests.GRAFANA;
import static io.mmsguard.deploy.manifests.Manifests.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmsguard.testkit.grafana.GrafanaDashboard;
import org.junit.jupiter.api.Test;

/**
 * Every metric a Grafana dashboard queries is one the services register: the Prometheus names are derived from the
 * Micrometer meters in the Java sources (dots to underscores, {@code _total} on counters, {@code _seconds_*} on
 * timers), plus the Kafka client metrics of Micrometer's KafkaStreamsMetrics binder where a service binds it.
 */
class DashboardMetricsTest {
    /** The services, and service-kit, which registers what every service has (mmsguard_readiness). */
    private static final List<String> SERVICES = List.of("ingress-gateway", "inspection-streams", "notifier",
            "service-kit");
    /** A meter builder, with the base unit Prometheus appends to the name when the builder sets one. */
    private static final Pattern BUILDER = Pattern.compile(
            "(Counter|Timer|Gauge)\\.builder\\(\\s*\"([a-z0-9.]+)\"(?:[^;]*?\\.baseUnit\\(\"([a-z]+)\"\\))?");
    /** A class's own helper that builds a counter from a name passed in (InspectionMetrics.countPerInterface). */
    private static final Pattern COUNT_HELPER = Pattern.compile("\\bcount[A-Za-z]*\\(\\s*\"(mmsguard\\.[a-z0-9.]+)\"");
    private static final Pattern SHORTHAND = Pattern.compile("\\.(counter|timer|gauge)\\(\\s*\"([a-z0-9.]+)\"");
    /** Names the dashboard reads from the KafkaStreamsMetrics binder (Kafka's consumer-fetch-manager-metrics). */
    private static final Set<String> KAFKA_STREAMS_BINDER = Set.of("kafka_consumer_fetch_manager_records_lag_max");
    private static final Pattern METRIC = Pattern.compile("\\b((?:mmsguard|kafka)_[a-z0-9_]+)\\b");
    private static final Pattern FALLBACK = Pattern.compile(
            "\\bvector\\s*\\(|\\babsent(?:_over_time)?\\s*\\(|\\bor\\s+on\\s*\\(\\s*\\)");

    static Set<String> registeredNames() throws IOException {
        Set<String> names = new TreeSet<>();
        boolean kafkaStreamsBinder = false;
        for (String module : SERVICES) {
            for (Path source : Manifests.files(REPO.resolve(module).resolve("src/main/java"), ".java")) {
                String text = Files.readString(source);
                Matcher b = BUILDER.matcher(text);
                while (b.find()) {
                    String meter = b.group(3) == null ? b.group(2) : b.group(2) + "." + b.group(3);
                    names.addAll(prometheusNames(b.group(1).toLowerCase(java.util.Locale.ROOT), meter));
                }
                Matcher m = SHORTHAND.matcher(text);
                while (m.find()) {
                    names.addAll(prometheusNames(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2)));
                }
                Matcher h = COUNT_HELPER.matcher(text);
                while (h.find()) {
                    names.addAll(prometheusNames("counter", h.group(1)));
                }
                kafkaStreamsBinder |= text.contains("new KafkaStreamsMetrics(");
            }
        }
        if (kafkaStreamsBinder) {
            names.addAll(KAFKA_STREAMS_BINDER);
        }
        return names;
    }

    private static List<String> prometheusNames(String type, String meter) {
        String base = meter.replace('.', '_');
        return switch (type) {
            case "counter" -> List.of(base + "_total");
            case "timer" -> List.of(base + "_seconds_bucket", base + "_seconds_count", base + "_seconds_sum",
                    base + "_seconds_max");
            default -> List.of(base);
        };
    }

    static List<String> queriedNames(GrafanaDashboard dashboard) {
        List<String> names = new ArrayList<>();
        for (GrafanaDashboard.Target target : dashboard.targets()) {
            names.addAll(metricNames(target.expr()));
        }
        return names;
    }

    /** The mmsguard and Kafka metric names a PromQL expression reads. */
    static List<String> metricNames(String expr) {
        List<String> names = new ArrayList<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * The parts of an expression that make an empty result look like data: {@code or vector(0)} and any other
     * constant vector, {@code absent(...)} (1 when nothing matches), {@code or on() ...} (any other series where
     * this one is missing). A panel must be empty when its metric is missing, not show a flat zero.
     */
    static List<String> fallbacks(String expr) {
        List<String> found = new ArrayList<>();
        Matcher m = FALLBACK.matcher(expr);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    @Test
    void theScanFindsTheMetersOfEveryService() throws IOException {
        assertThat(registeredNames()).contains("mmsguard_gateway_outcomes_total",
                "mmsguard_gateway_decision_latency_seconds_bucket", "mmsguard_inspection_decisions_total",
                "mmsguard_notifier_notices_dead_total", "mmsguard_gateway_sessions_pending", "mmsguard_readiness",
                "mmsguard_gateway_clock_skew_seconds", "mmsguard_inspection_sessions_expired_total",
                "mmsguard_inspection_antivirus_signatures_updated_timestamp_seconds");
    }

    @Test
    void everyDashboardQueriesOnlyRegisteredMetrics() throws IOException {
        Set<String> registered = registeredNames();
        for (Path file : Manifests.files(GRAFANA.resolve("dashboards"), ".json")) {
            List<String> queried = queriedNames(GrafanaDashboard.read(file));
            assertThat(queried).as(file.toString()).isNotEmpty();
            assertThat(registered).as(file + " queries").containsAll(queried);
        }
    }

    @Test
    void noDashboardQueryHasAFallbackThatMakesAnEmptyResultLookAlive() throws IOException {
        assertThat(fallbacks("sum(rate(a_total[5m])) or vector(0)")).containsExactly("vector(");
        assertThat(fallbacks("absent(up{job=\"x\"})")).containsExactly("absent(");
        assertThat(fallbacks("a or on() b")).containsExactly("or on()");
        assertThat(fallbacks("sum by (le) (rate(a_bucket[$__rate_interval])) or b")).isEmpty();
        for (Path file : Manifests.files(GRAFANA.resolve("dashboards"), ".json")) {
            for (GrafanaDashboard.Target t : GrafanaDashboard.read(file).targets()) {
                assertThat(fallbacks(t.expr())).as(file.getFileName() + ", " + t.panel() + " " + t.refId() + ": "
                        + t.expr()).isEmpty();
            }
        }
    }

    @Test
    void grafanasScrapeIntervalIsPrometheus() {
        // $__rate_interval is at least four of the data source's scrape intervals: a shorter one than Prometheus'
        // would give rate windows with fewer than two samples, empty panels.
        Object datasource = Manifests.list(Manifests.document(GRAFANA.resolve("provisioning/datasources/prometheus.yaml"))
                .get("datasources")).get(0);
        assertThat(Manifests.path(datasource, "jsonData", "timeInterval")).isEqualTo(
                Manifests.path(Manifests.document(Manifests.PROMETHEUS.resolve("prometheus.yml")), "global",
                        "scrape_interval"));
    }

    @Test
    void theMmsguardDashboardHasThePanelsOperatorsNeed() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(GRAFANA.resolve("dashboards/mmsguard.json").toFile());
        String exprs = String.join("\n", dashboard.findValuesAsText("expr"));
        assertThat(exprs).contains("sum by (verdict, reason) (rate(mmsguard_inspection_decisions_total",
                "histogram_quantile(0.99", "mmsguard_gateway_decision_latency_seconds_bucket",
                "reason=~\"FLOOD|DUPLICATE\"", "kafka_consumer_fetch_manager_records_lag_max",
                "mmsguard_notifier_notices_sent_total", "mmsguard_notifier_notices_dead_total", "mmsguard_readiness",
                "mmsguard_inspection_sessions_expired_total", "mmsguard_gateway_clock_skew_seconds",
                "mmsguard_inspection_antivirus_signatures_updated_timestamp_seconds");
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("prometheus");
        }
    }
}
