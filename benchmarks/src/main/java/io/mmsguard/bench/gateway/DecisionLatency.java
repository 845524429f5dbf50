package io.mmsguard.bench.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** The gateway's publish-to-decision latency, from its Prometheus histogram. */
final class DecisionLatency {

    private DecisionLatency() {
    }

    /**
     * p50 and p99 of the gateway's own publish-to-decision timer, read from the cumulative histogram buckets on its
     * Prometheus endpoint: the upper bound of the first bucket holding the quantile (Micrometer's buckets are
     * about 10 % apart at these values).
     */
    static String scrape(int adminPort, String mmsInterface) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("mmsguard_gateway_decision_latency_seconds_bucket{")
                    && line.contains("interface=\"" + mmsInterface + "\"")) {
                String le = line.replaceAll(".*le=\"([^\"]+)\".*", "$1");
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                buckets.merge(bound, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
            }
        }
        if (buckets.isEmpty()) {
            return "(no samples)";
        }
        double total = buckets.lastEntry().getValue();
        return String.format("p50 <= %.0f ms, p99 <= %.0f ms over %.0f sessions", quantileBound(buckets, total, 0.5),
                quantileBound(buckets, total, 0.99), total);
    }

    private static double quantileBound(java.util.TreeMap<Double, Double> cumulative, double total, double q) {
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            if (e.getValue() >= q * total) {
                return e.getKey() * 1000;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

}
