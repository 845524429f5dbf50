package io.mmsguard.gateway;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples from a Prometheus text exposition (a service's /metrics). */
public final class PrometheusText {
    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private PrometheusText() {
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels} (0 when there is none). */
    public static double sum(String scraped, String name, Map<String, String> labels) {
        double sum = 0;
        Matcher m = SAMPLE.matcher(scraped);
        while (m.find()) {
            if (m.group(1).equals(name) && labels(m.group(2)).entrySet().containsAll(labels.entrySet())) {
                sum += Double.parseDouble(m.group(3));
            }
        }
        return sum;
    }

    /** Per value of {@code label}, the sum of the samples of {@code name} whose labels include {@code labels}. */
    public static Map<String, Double> byLabel(String scraped, String name, Map<String, String> labels, String label) {
        Map<String, Double> by = new java.util.TreeMap<>();
        Matcher m = SAMPLE.matcher(scraped);
        while (m.find()) {
            Map<String, String> l = labels(m.group(2));
            if (m.group(1).equals(name) && l.entrySet().containsAll(labels.entrySet())) {
                by.merge(l.getOrDefault(label, ""), Double.parseDouble(m.group(3)), Double::sum);
            }
        }
        return by;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        if (text != null) {
            Matcher l = LABEL.matcher(text);
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
        }
        return labels;
    }
}
