package io.mmsguard.deploy.manifests;

import static io.mmsguard.deploy.manifests.Manifests.COMPOSE;
import static io.mmsguard.deploy.manifests.Manifests.PROMETHEUS;
import static io.mmsguard.deploy.manifests.Manifests.document;
import static io.mmsguard.deploy.manifests.Manifests.list;
import static io.mmsguard.deploy.manifests.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mmsguard.testkit.prometheus.Promtool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/prometheus/alerts.yml, checked by Prometheus' own promtool (Debian {@code prometheus}): the rules and the
 * configuration that loads them are valid, and every case of alerts-test.yml holds. Every alert has a case where it
 * fires and one where it does not, reads only metrics the services export, and compose mounts the rules where
 * prometheus.yml looks for them.
 */
class AlertRulesTest {
    private static final Path ALERTS = PROMETHEUS.resolve("alerts.yml");
    private static final Path CASES = PROMETHEUS.resolve("alerts-test.yml");
    private static final Pattern UP = Pattern.compile("\\bup\\{job=~\"([^\"]+)\"}");

    @Test
    void promtoolAcceptsTheRulesAndTheConfigurationThatLoadsThem(@TempDir Path work) {
        Promtool.requireInstalled();
        Promtool.Result rules = Promtool.run(work, "check", "rules", ALERTS.toString());
        assertThat(rules.exitCode()).as(rules.output()).isZero();
        assertThat(rules.output()).contains("SUCCESS: " + alerts().size() + " rules found");
        Promtool.Result config = Promtool.run(work, "check", "config", PROMETHEUS.resolve("prometheus.yml").toString());
        assertThat(config.exitCode()).as(config.output()).isZero();
        assertThat(config.output()).contains("SUCCESS: 1 rule files found");
    }

    @Test
    void everyCaseOfTheRulesHolds(@TempDir Path work) {
        Promtool.requireInstalled();
        Promtool.Result result = Promtool.run(work, "test", "rules", CASES.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertHasACaseWhereItFiresAndOneWhereItDoesNot() {
        Map<String, List<Boolean>> fires = new LinkedHashMap<>();
        alerts().keySet().forEach(name -> fires.put(name, new ArrayList<>()));
        for (Object test : list(document(CASES).get("tests"))) {
            for (Object c : list(map(test).getOrDefault("alert_rule_test", List.of()))) {
                String name = String.valueOf(map(c).get("alertname"));
                assertThat(fires).as("a case for an alert alerts.yml does not have").containsKey(name);
                fires.get(name).add(!list(map(c).getOrDefault("exp_alerts", List.of())).isEmpty());
            }
        }
        fires.forEach((name, cases) -> assertThat(cases).as(name + ": firing and not firing").contains(true, false));
    }

    @Test
    void everyRuleReadsOnlyMetricsTheServicesExport() throws IOException {
        Set<String> registered = DashboardMetricsTest.registeredNames();
        alerts().forEach((name, expr) -> {
            List<String> read = DashboardMetricsTest.metricNames(expr);
            if (read.isEmpty()) {
                // Prometheus' own up of a scrape: the job selector must take in every job of prometheus.yml
                Matcher up = UP.matcher(expr);
                assertThat(up.find()).as(name + " reads no service metric and not up{job=~...}: " + expr).isTrue();
                assertThat(jobs()).as(name).isNotEmpty().allMatch(job -> job.matches(up.group(1)));
            }
            assertThat(registered).as(name + " reads").containsAll(read);
        });
    }

    private static List<String> jobs() {
        return list(document(PROMETHEUS.resolve("prometheus.yml")).get("scrape_configs")).stream()
                .map(job -> String.valueOf(map(job).get("job_name"))).toList();
    }

    @Test
    void prometheusLoadsTheRulesAndComposeMountsThemBesideItsConfiguration() {
        assertThat(list(document(PROMETHEUS.resolve("prometheus.yml")).get("rule_files"))).containsExactly("alerts.yml");
        Map<String, Object> prometheus = map(map(document(COMPOSE.resolve("compose.yaml")).get("services"))
                .get("prometheus"));
        assertThat(list(prometheus.get("volumes"))).contains(
                "../prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                "../prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
    }

    /** Alert name to expression, in file order. */
    private static Map<String, String> alerts() {
        Map<String, String> alerts = new LinkedHashMap<>();
        for (Object group : list(document(ALERTS).get("groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                alerts.put(String.valueOf(map(rule).get("alert")), String.valueOf(map(rule).get("expr")));
            }
        }
        return alerts;
    }
}
