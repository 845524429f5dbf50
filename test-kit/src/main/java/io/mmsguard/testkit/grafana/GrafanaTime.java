package io.mmsguard.testkit.grafana;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Grafana's built-in interval and range variables of a Prometheus query, computed as Grafana 11 computes them for a
 * panel ({@code pkg/promlib/models/query.go}): the panel shows {@code range} in {@code maxDataPoints} points (its
 * width in pixels by default); {@code $__interval} is range / points rounded to a "nice" step, at least the data
 * source's scrape interval ({@code jsonData.timeInterval}); {@code $__rate_interval} is
 * max($__interval + scrape interval, 4 x scrape interval), the scrape interval being 15 s where the data source
 * names none.
 *
 * @param scrapeInterval the data source's {@code timeInterval}, if it sets one
 */
public record GrafanaTime(Duration range, int maxDataPoints, Optional<Duration> scrapeInterval) {
    private static final Duration DEFAULT_SCRAPE = Duration.ofSeconds(15);
    /** Grafana's "safe" resolution: no panel is asked for more points than this. */
    private static final int SAFE_RESOLUTION = 11_000;

    public GrafanaTime {
        if (range.isNegative() || range.isZero() || maxDataPoints < 1) {
            throw new IllegalArgumentException("a positive range and at least one data point");
        }
    }

    /** The frontend's interval: range / points, rounded, not below the data source's scrape interval. */
    Duration queryInterval() {
        Duration rounded = round(range.dividedBy(maxDataPoints));
        Duration low = scrapeInterval.orElse(Duration.ofMillis(1));
        return rounded.compareTo(low) < 0 ? low : rounded;
    }

    /** The step the backend queries with, {@code $__interval}. */
    Duration step() {
        Duration calculated = range.dividedBy(maxDataPoints);
        Duration min = queryInterval();
        Duration interval = calculated.compareTo(min) < 0 ? min : round(calculated);
        Duration safe = round(range.dividedBy(SAFE_RESOLUTION));
        return interval.compareTo(safe) > 0 ? interval : safe;
    }

    Duration rateInterval() {
        Duration scrape = scrapeInterval.orElse(DEFAULT_SCRAPE);
        Duration plus = queryInterval().plus(scrape);
        Duration four = scrape.multipliedBy(4);
        return plus.compareTo(four) > 0 ? plus : four;
    }

    /**
     * Each built-in variable with its text, in the order Grafana replaces them (longer names first, so that
     * {@code $__interval} does not eat {@code $__interval_ms}); both the {@code $name} and {@code ${name}} forms.
     */
    public Map<String, String> variables() {
        long rangeSeconds = Math.round(range.toMillis() / 1000.0);
        Map<String, String> v = new LinkedHashMap<>();
        v.put("__interval_ms", Long.toString(step().toMillis()));
        v.put("__interval", kbn(step()));
        v.put("__range_ms", Long.toString(range.toMillis()));
        v.put("__range_s", Long.toString(rangeSeconds));
        v.put("__range", rangeSeconds + "s");
        v.put("__rate_interval_ms", Long.toString(rateInterval().toMillis()));
        v.put("__rate_interval", go(rateInterval()));
        Map<String, String> both = new LinkedHashMap<>();
        v.forEach((name, text) -> both.put("$" + name, text));
        v.forEach((name, text) -> both.put("${" + name + "}", text));
        return both;
    }

    /** Grafana's rounding of an interval to a nice step (gtime.RoundInterval). */
    static Duration round(Duration interval) {
        long ms = interval.toMillis();
        long[][] steps = {{10, 1}, {15, 10}, {35, 20}, {75, 50}, {150, 100}, {350, 200}, {750, 500}, {1_500, 1_000},
            {3_500, 2_000}, {7_500, 5_000}, {12_500, 10_000}, {17_500, 15_000}, {25_000, 20_000}, {45_000, 30_000},
            {90_000, 60_000}, {210_000, 120_000}, {450_000, 300_000}, {750_000, 600_000}, {1_050_000, 900_000},
            {1_500_000, 1_200_000}, {2_700_000, 1_800_000}, {5_400_000, 3_600_000}, {9_000_000, 7_200_000},
            {16_200_000, 10_800_000}, {32_400_000, 21_600_000}, {86_400_000, 43_200_000},
            {172_800_000, 86_400_000}, {604_800_000, 86_400_000}, {1_814_400_000, 604_800_000}};
        for (long[] s : steps) {
            if (ms <= s[0]) {
                return Duration.ofMillis(s[1]);
            }
        }
        return Duration.ofMillis(ms < 3_628_800_000L ? 2_592_000_000L : 31_536_000_000L);
    }

    /** Grafana's short form, the largest whole unit (gtime.FormatInterval): 15s, 1m, 2h, 500ms. */
    static String kbn(Duration d) {
        long ms = d.toMillis();
        long[] units = {365L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1};
        String[] names = {"y", "d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (ms >= units[i]) {
                return ms / units[i] + names[i];
            }
        }
        return "1ms";
    }

    /** Go's time.Duration.String() for whole milliseconds: 6s, 1m0s, 1h0m30s, 1.5s, 500ms. */
    static String go(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        if (ms < 1_000) {
            return ms + "ms";
        }
        long hours = ms / 3_600_000;
        long minutes = ms / 60_000 % 60;
        long millis = ms % 60_000;
        String seconds = millis % 1_000 == 0 ? Long.toString(millis / 1_000)
                : (millis / 1_000 + "." + String.format("%03d", millis % 1_000)).replaceAll("0+$", "");
        if (hours > 0) {
            return hours + "h" + minutes + "m" + seconds + "s";
        }
        return minutes > 0 ? minutes + "m" + seconds + "s" : seconds + "s";
    }
}
