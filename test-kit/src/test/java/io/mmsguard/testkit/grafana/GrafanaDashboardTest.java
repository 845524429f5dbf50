package io.mmsguard.testkit.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Variables replaced as Grafana 11 replaces them before a Prometheus data source sends the query. */
class GrafanaDashboardTest {
    private static final String DASHBOARD = """
            {"templating": {"list": [
              {"name": "interface", "type": "custom", "query": "MM1,MM3,MM4,MM7", "multi": true,
               "includeAll": true, "allValue": ".*", "current": {"text": "All", "value": ["$__all"]}},
              {"name": "listener", "type": "custom", "query": "mm1,mm3", "multi": true, "includeAll": true,
               "current": {"value": "$__all"}},
              {"name": "reason", "type": "custom", "multi": true, "current": {"value": ["FLOOD", "a.b"]}},
              {"name": "job", "type": "custom", "current": {"value": "it's\\\\"}}
            ]},
            "panels": [
              {"title": "first", "targets": [{"refId": "A",
                "expr": "sum(rate(x_total{interface=~\\"$interface\\", reason=~\\"${reason}\\"}[$__rate_interval]))"}]},
              {"title": "a row", "type": "row", "panels": [
                {"title": "nested", "targets": [
                  {"refId": "A", "expr": "y{listener=~\\"[[listener]]\\", job=\\"$job\\"}[$__interval] $unknown"},
                  {"refId": "B", "expr": "z[${__rate_interval}] + $__interval_ms + $__range + $__range_s"}]}]},
              {"title": "text panel, no query", "type": "text"}
            ]}
            """;

    @Test
    void everyTargetIsFoundRowsIncludedAndItsVariablesAreReplaced() throws Exception {
        GrafanaDashboard d = GrafanaDashboard.parse(DASHBOARD);
        assertThat(d.targets()).extracting(GrafanaDashboard.Target::panel).containsExactly("first", "nested", "nested");

        GrafanaTime time = new GrafanaTime(Duration.ofHours(1), 1000, Optional.of(Duration.ofSeconds(1)));
        assertThat(d.interpolated(time)).extracting(GrafanaDashboard.Target::expr).containsExactly(
                // All with an allValue is that value as written; several values are a regex group, each escaped
                "sum(rate(x_total{interface=~\".*\", reason=~\"(FLOOD|a\\\\.b)\"}[6s]))",
                // All without an allValue is every option; a single-valued variable is escaped for a string; an
                // unknown name stays as written
                "y{listener=~\"(mm1|mm3)\", job=\"it\\\\'s\\\\\"}[5s] $unknown",
                "z[6s] + 5000 + 3600s + 3600");
    }

    @Test
    void theIntervalsFollowTheRangeThePointsAndTheScrapeInterval() {
        // 1 h over 1000 points: 3.6 s, rounded to 5 s; a 15 s scrape interval is the lower limit
        GrafanaTime compose = new GrafanaTime(Duration.ofHours(1), 1000, Optional.of(Duration.ofSeconds(15)));
        assertThat(compose.variables()).containsEntry("$__interval", "15s").containsEntry("$__rate_interval", "1m0s")
                .containsEntry("$__interval_ms", "15000");
        GrafanaTime fast = new GrafanaTime(Duration.ofHours(1), 1000, Optional.of(Duration.ofSeconds(1)));
        assertThat(fast.variables()).containsEntry("$__interval", "5s").containsEntry("$__rate_interval", "6s");
        // no timeInterval on the data source: Grafana assumes 15 s for the rate interval only
        GrafanaTime unset = new GrafanaTime(Duration.ofHours(1), 1000, Optional.empty());
        assertThat(unset.variables()).containsEntry("$__interval", "5s").containsEntry("$__rate_interval", "1m0s");
        GrafanaTime day = new GrafanaTime(Duration.ofDays(1), 800, Optional.of(Duration.ofSeconds(15)));
        // 108 s rounds to 2 m; 2 m + 15 s
        assertThat(day.variables()).containsEntry("$__interval", "2m").containsEntry("$__rate_interval", "2m15s");
    }

    @Test
    void durationsAreWrittenAsGrafanaWritesThem() {
        assertThat(GrafanaTime.go(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(GrafanaTime.go(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(GrafanaTime.go(Duration.ofHours(1))).isEqualTo("1h0m0s");
        assertThat(GrafanaTime.go(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(GrafanaTime.kbn(Duration.ofSeconds(90))).isEqualTo("1m");
        assertThat(GrafanaTime.kbn(Duration.ofMillis(200))).isEqualTo("200ms");
        assertThat(GrafanaTime.round(Duration.ofMillis(3600))).isEqualTo(Duration.ofSeconds(5));
        assertThat(GrafanaTime.round(Duration.ofMillis(3500))).isEqualTo(Duration.ofSeconds(2));
        assertThat(GrafanaTime.round(Duration.ofSeconds(300))).isEqualTo(Duration.ofMinutes(5));
    }
}
