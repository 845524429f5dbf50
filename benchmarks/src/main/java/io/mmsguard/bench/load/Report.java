package io.mmsguard.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.HdrHistogram.Histogram;

/** The run's results as one JSON document and a Markdown rendering of it; also checks the expected verdicts. */
final class Report {
    /** One scenario's measured run. */
    record Scenario(String name, String description, Tally tally, Map<Iface, Histogram> decisions,
                    boolean inspects) {
    }

    private final LoadOptions options;
    private final List<Scenario> scenarios = new ArrayList<>();
    private final List<String> mismatches = new ArrayList<>();
    private final List<Map<String, Object>> categories = new ArrayList<>();

    Report(LoadOptions options) {
        this.options = options;
    }

    void add(Scenario s) {
        scenarios.add(s);
        check(s);
    }

    List<String> mismatches() {
        return mismatches;
    }

    /** Every message accounted for; baselines pass everything; the pipeline blocks exactly what the plan says. */
    private void check(Scenario s) {
        Tally t = s.tally();
        long answered = 0;
        for (Tally.Counts c : t.byIface().values()) {
            answered += c.answered();
        }
        if (answered != t.sent.get()) {
            mismatches.add(s.name() + ": " + t.sent.get() + " sent but " + answered + " accounted for");
        }
        if (!s.inspects()) {
            long blocked = t.byIface().values().stream().mapToLong(c -> c.blocked).sum();
            if (blocked > 0) {
                mismatches.add(s.name() + ": " + blocked + " blocked where nothing inspects");
            }
            return;
        }
        Map<Category, long[]> grouped = new LinkedHashMap<>();
        for (Map.Entry<Integer, Tally.Counts> g : t.groups().entrySet()) {
            Category cat = t.groupCategory(g.getKey());
            Tally.Counts c = g.getValue();
            int limit = cat == Category.FLOOD ? options.floodLimit : options.duplicateLimit;
            long[] sum = grouped.computeIfAbsent(cat, k -> new long[5]);
            if (c.errors + c.timeouts > 0) {
                sum[4] += c.sent;
                continue;
            }
            sum[0] += c.passed;
            sum[1] += c.blocked;
            sum[2] += Math.min(c.sent, limit);
            sum[3] += Math.max(0, c.sent - limit);
        }
        for (Map.Entry<Category, Tally.Counts> e : t.byCategory().entrySet()) {
            Category cat = e.getKey();
            Tally.Counts c = e.getValue();
            long unverifiable = c.errors + c.timeouts;
            long expPassed;
            long expBlocked;
            long passed = c.passed;
            long blocked = c.blocked;
            switch (cat) {
                case CLEAN -> {
                    expPassed = c.sent - unverifiable;
                    expBlocked = 0;
                }
                case VIRUS, SPAM -> {
                    expPassed = 0;
                    expBlocked = c.sent - unverifiable;
                }
                default -> {
                    long[] sum = grouped.getOrDefault(cat, new long[5]);
                    passed = sum[0];
                    blocked = sum[1];
                    expPassed = sum[2];
                    expBlocked = sum[3];
                    unverifiable = sum[4];
                }
            }
            boolean ok = passed == expPassed && blocked == expBlocked;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", s.name());
            m.put("category", cat.label());
            m.putAll(c.toMap());
            m.put("expected_passed", expPassed);
            m.put("expected_blocked", expBlocked);
            m.put("unverifiable", unverifiable);
            m.put("ok", ok);
            categories.add(m);
            if (!ok) {
                mismatches.add(String.format("%s %s: passed %d blocked %d, expected passed %d blocked %d "
                        + "(%d not verifiable: errors or timeouts in their group)", s.name(), cat.label(), passed,
                        blocked, expPassed, expBlocked, unverifiable));
            }
        }
    }

    Map<String, Object> toMap() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("generated_at", Instant.now().toString());
        root.put("machine", Map.of("cpus", Runtime.getRuntime().availableProcessors(),
                "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")));
        root.put("options", effectiveOptions());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Scenario s : scenarios) {
            list.add(scenario(s));
        }
        root.put("scenarios", list);
        root.put("ratios", ratios(list));
        root.put("categories", categories);
        root.put("mismatches", mismatches);
        return root;
    }

    private Map<String, Object> effectiveOptions() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mix", options.mix.toString());
        m.put("size_mean", options.sizeMean);
        m.put("size_dist", options.sizeDist.name().toLowerCase());
        m.put("seed", options.seed);
        m.put("shares", Map.of("virus", options.virus, "spam", options.spam, "flood", options.flood,
                "duplicate", options.duplicate));
        m.put("flood_limit", options.floodLimit);
        m.put("flood_burst", options.floodBurst);
        m.put("duplicate_limit", options.duplicateLimit);
        m.put("duplicate_burst", options.duplicateBurst);
        m.put("mode", options.mode.name().toLowerCase());
        if (options.mode == LoadOptions.Mode.CLOSED) {
            m.put("clients", options.clients);
        } else {
            m.put("rate", options.rate);
            m.put("arrivals", options.poisson ? "poisson" : "fixed");
            m.put("max_in_flight", options.maxInFlight);
        }
        m.put(options.messages > 0 ? "messages" : "duration_s", options.messages > 0 ? options.messages
                : options.duration.toMillis() / 1000.0);
        m.put("warmup", options.warmup);
        m.put("timeout_s", options.timeout.toMillis() / 1000.0);
        m.put("commit_interval_ms", options.commitIntervalMs);
        m.put("guarantee", options.guarantee);
        m.put("stream_threads", options.streamThreads);
        m.put("given", options.given);
        return m;
    }

    private static Map<String, Object> scenario(Scenario s) {
        Tally t = s.tally();
        double seconds = t.elapsedSeconds();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("description", s.description());
        m.put("measured_s", Math.round(seconds * 100) / 100.0);
        Histogram allClient = Latencies.histogram();
        Histogram allDecision = Latencies.histogram();
        Tally.Counts total = new Tally.Counts();
        Map<String, Object> ifaces = new LinkedHashMap<>();
        Map<Iface, Histogram> client = t.latency();
        for (Map.Entry<Iface, Tally.Counts> e : t.byIface().entrySet()) {
            Histogram c = client.getOrDefault(e.getKey(), Latencies.histogram());
            Histogram d = s.decisions() == null ? null : s.decisions().get(e.getKey());
            allClient.add(c);
            if (d != null) {
                allDecision.add(d);
            }
            Tally.Counts n = e.getValue();
            total.sent += n.sent;
            total.passed += n.passed;
            total.blocked += n.blocked;
            total.errors += n.errors;
            total.timeouts += n.timeouts;
            ifaces.put(e.getKey().label(), stats(n, seconds, c, d));
        }
        Map<String, Object> overall = stats(total, seconds, allClient, s.decisions() == null ? null : allDecision);
        overall.put("overflow", t.overflow.get());
        m.put("overall", overall);
        m.put("interfaces", ifaces);
        m.put("error_details", t.errorDetails());
        return m;
    }

    private static Map<String, Object> stats(Tally.Counts n, double seconds, Histogram client, Histogram decision) {
        Map<String, Object> m = n.toMap();
        m.put("throughput_per_s", seconds == 0 ? 0 : Math.round((n.passed + n.blocked) / seconds * 10) / 10.0);
        m.put("client_latency", Latencies.summary(client));
        m.put("decision_latency", decision == null ? null : Latencies.summary(decision));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> ratios(List<Map<String, Object>> scenarios) {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, Object> pipeline = scenarios.stream().filter(s -> s.get("name").equals("pipeline")).findFirst()
                .map(s -> (Map<String, Object>) s.get("overall")).orElse(null);
        if (pipeline == null) {
            return out;
        }
        for (Map<String, Object> s : scenarios) {
            if (s.get("name").equals("pipeline")) {
                continue;
            }
            Map<String, Object> base = (Map<String, Object>) s.get("overall");
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("baseline", s.get("name"));
            r.put("throughput", ratio(pipeline.get("throughput_per_s"), base.get("throughput_per_s")));
            Map<String, Object> pl = (Map<String, Object>) pipeline.get("client_latency");
            Map<String, Object> bl = (Map<String, Object>) base.get("client_latency");
            if (pl != null && bl != null) {
                r.put("client_p50", ratio(pl.get("p50_ms"), bl.get("p50_ms")));
                r.put("client_p99", ratio(pl.get("p99_ms"), bl.get("p99_ms")));
            }
            out.add(r);
        }
        return out;
    }

    private static Double ratio(Object a, Object b) {
        double x = ((Number) a).doubleValue();
        double y = ((Number) b).doubleValue();
        return y == 0 ? null : Math.round(x / y * 100) / 100.0;
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> root) {
        StringBuilder md = new StringBuilder();
        Map<String, Object> o = (Map<String, Object>) root.get("options");
        md.append("# Load run ").append(root.get("generated_at")).append("\n\n");
        md.append("Options: ").append(o.get("given")).append("; effective: mode ").append(o.get("mode"))
                .append(o.containsKey("clients") ? ", " + o.get("clients") + " clients" : ", " + o.get("rate")
                        + "/s " + o.get("arrivals"))
                .append(", mix ").append(o.get("mix")).append(", size ").append(o.get("size_dist")).append(' ')
                .append(o.get("size_mean")).append(" B, commit interval ").append(o.get("commit_interval_ms"))
                .append(" ms, ").append(o.get("guarantee")).append(", ").append(o.get("stream_threads"))
                .append(" stream thread(s). Machine: ").append(root.get("machine")).append(".\n\n");
        md.append("| scenario | interface | sent | passed | blocked | errors | timeouts | msg/s | client p50 ms "
                + "| p95 | p99 | p99.9 | max | decision p50 ms | p99 | p99.9 | max |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> s : (List<Map<String, Object>>) root.get("scenarios")) {
            row(md, (String) s.get("name"), "all", (Map<String, Object>) s.get("overall"));
            Map<String, Object> ifaces = (Map<String, Object>) s.get("interfaces");
            if (ifaces.size() > 1) {
                ifaces.forEach((k, v) -> row(md, "", k, (Map<String, Object>) v));
            }
        }
        List<Map<String, Object>> ratios = (List<Map<String, Object>>) root.get("ratios");
        if (!ratios.isEmpty()) {
            md.append("\n| pipeline / baseline | msg/s | client p50 | client p99 |\n|---|---|---|---|\n");
            for (Map<String, Object> r : ratios) {
                md.append("| ").append(r.get("baseline")).append(" | ").append(r.get("throughput")).append(" | ")
                        .append(r.get("client_p50")).append(" | ").append(r.get("client_p99")).append(" |\n");
            }
        }
        List<Map<String, Object>> cats = (List<Map<String, Object>>) root.get("categories");
        if (!cats.isEmpty()) {
            md.append("\n| scenario | category | sent | passed | blocked | errors | timeouts | expected passed | "
                    + "expected blocked | ok |\n|---|---|---|---|---|---|---|---|---|---|\n");
            for (Map<String, Object> c : cats) {
                md.append("| ").append(c.get("scenario")).append(" | ").append(c.get("category")).append(" | ")
                        .append(c.get("sent")).append(" | ").append(c.get("passed")).append(" | ")
                        .append(c.get("blocked")).append(" | ").append(c.get("errors")).append(" | ")
                        .append(c.get("timeouts")).append(" | ").append(c.get("expected_passed")).append(" | ")
                        .append(c.get("expected_blocked")).append(" | ")
                        .append(Boolean.TRUE.equals(c.get("ok")) ? "yes" : "**NO**").append(" |\n");
            }
        }
        List<String> mismatches = (List<String>) root.get("mismatches");
        md.append(mismatches.isEmpty() ? "\nNo mismatches.\n" : "\nERRORS:\n");
        mismatches.forEach(m -> md.append("- ").append(m).append('\n'));
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static void row(StringBuilder md, String scenario, String iface, Map<String, Object> s) {
        Map<String, Object> c = (Map<String, Object>) s.get("client_latency");
        Map<String, Object> d = (Map<String, Object>) s.get("decision_latency");
        md.append("| ").append(scenario).append(" | ").append(iface).append(" | ").append(s.get("sent"))
                .append(" | ").append(s.get("passed")).append(" | ").append(s.get("blocked")).append(" | ")
                .append(s.get("errors")).append(" | ").append(s.get("timeouts")).append(" | ")
                .append(s.get("throughput_per_s")).append(" | ");
        for (String k : List.of("p50_ms", "p95_ms", "p99_ms", "p99_9_ms", "max_ms")) {
            md.append(c == null ? "" : c.get(k)).append(" | ");
        }
        for (String k : List.of("p50_ms", "p99_ms", "p99_9_ms", "max_ms")) {
            md.append(d == null ? "–" : d.get(k)).append(" | ");
        }
        md.setLength(md.length() - 1);
        md.append('\n');
    }

    /** Writes result.json at {@code out} and result.md beside it; returns the Markdown. */
    static String write(Map<String, Object> root, Path out) throws Exception {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), root);
        String md = markdown(root);
        Files.writeString(dir.resolve("result.md"), md);
        return md;
    }
}
