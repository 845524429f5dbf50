package io.mmsguard.testkit.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmsguard.testkit.FreePorts;
import io.mmsguard.testkit.JavaProcess;
import io.mmsguard.testkit.Oracles;

/**
 * Debian's Prometheus ({@code prometheus}, 2.42 in bookworm) as a child process of the test: its configuration,
 * TSDB and log under one directory, its HTTP server on a free loopback port, stopped by its own PID. Only what a
 * test needs runs: no alertmanager, no self-scrape, no admin or lifecycle API (both off unless enabled), no TSDB
 * lock file; rule files are evaluated if the configuration names them. {@link #query} evaluates PromQL through
 * {@code /api/v1/query}, as Grafana does.
 */
public final class PrometheusProcess implements AutoCloseable {
    public static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Answers larger than this are not read: a test's queries return tens of series. */
    private static final int MAX_ANSWER_BYTES = 4 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One series of an instant query's answer: its labels and its value (NaN and infinities as in Java). */
    public record Sample(Map<String, String> labels, double value) {
    }

    private final JavaProcess process;
    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusProcess(JavaProcess process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** Returns when Prometheus is installed; otherwise skips the calling test, or fails it in CI. */
    public static void requireInstalled() {
        Oracles.requireExecutable(PROMETHEUS, "prometheus");
    }

    /**
     * Writes {@code config} to {@code home/prometheus.yml} and starts Prometheus on it; returns once
     * {@code /-/ready} answers 200 (the configuration and rule files are loaded by then).
     *
     * @throws IllegalStateException when it exits (e.g. refusing the configuration; its log is in the message) or
     *                               is not ready within a minute
     */
    public static PrometheusProcess start(Path home, String config) throws IOException, InterruptedException {
        Files.createDirectories(home);
        Path file = Files.writeString(home.resolve("prometheus.yml"), config);
        int port = FreePorts.next();
        JavaProcess p = JavaProcess.exec("prometheus", List.of(PROMETHEUS.toString(),
                "--config.file=" + file,
                "--storage.tsdb.path=" + home.resolve("data"),
                "--no-storage.tsdb.use-lockfile",
                "--storage.tsdb.retention.time=1d",
                "--web.listen-address=127.0.0.1:" + port,
                "--query.max-concurrency=4"), home, home.resolve("prometheus.log"), Map.of());
        PrometheusProcess prometheus = new PrometheusProcess(p, URI.create("http://127.0.0.1:" + port));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!prometheus.ready()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                String log = p.logTail(40);
                prometheus.close();
                throw new IllegalStateException("Prometheus was not ready within " + START_TIMEOUT + ":\n" + log);
            }
            Thread.sleep(100);
        }
        return prometheus;
    }

    /**
     * A configuration scraping {@code jobs} (job name to {@code host:port} targets, path {@code /metrics}) every
     * {@code interval}, evaluating {@code ruleFiles} at the same interval.
     */
    public static String config(Duration interval, Map<String, List<String>> jobs, List<Path> ruleFiles) {
        String seconds = interval.toMillis() + "ms";
        StringBuilder b = new StringBuilder("global:\n  scrape_interval: " + seconds + "\n  scrape_timeout: "
                + seconds + "\n  evaluation_interval: " + seconds + "\n");
        if (!ruleFiles.isEmpty()) {
            b.append("rule_files:\n");
            ruleFiles.forEach(f -> b.append("  - ").append(quote(f.toAbsolutePath().toString())).append('\n'));
        }
        b.append("scrape_configs:\n");
        jobs.forEach((job, targets) -> {
            b.append("  - job_name: ").append(quote(job)).append("\n    metrics_path: /metrics\n")
                    .append("    static_configs:\n      - targets: [");
            b.append(String.join(", ", targets.stream().map(PrometheusProcess::quote).toList())).append("]\n");
        });
        return b.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(url.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Evaluates {@code promql} at {@code time} through {@code /api/v1/query}.
     *
     * @throws IllegalStateException when Prometheus refuses it (its error type and message are in the exception)
     */
    public List<Sample> query(String promql, Instant time) {
        String form = "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time="
                + time.getEpochSecond() + "." + String.format("%03d", time.getNano() / 1_000_000);
        JsonNode data = answer(HttpRequest.newBuilder(url.resolve("/api/v1/query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), promql);
        List<Sample> samples = new ArrayList<>();
        switch (data.path("resultType").asText()) {
            case "vector" -> {
                for (JsonNode series : data.path("result")) {
                    samples.add(new Sample(labels(series.path("metric")), value(series.path("value").get(1))));
                }
            }
            case "scalar" -> samples.add(new Sample(Map.of(), value(data.path("result").get(1))));
            default -> throw new IllegalStateException("not an instant vector or scalar: " + promql + " -> " + data);
        }
        return samples;
    }

    /** The {@code data} of a GET under {@code /api/v1/}, e.g. {@code targets} or {@code rules}. */
    public JsonNode api(String path) {
        return answer(HttpRequest.newBuilder(url.resolve("/api/v1/" + path)).GET(), path);
    }

    /**
     * Waits until every active target has been scraped, successfully, after {@code after}, as the TSDB shows it
     * (the {@code up} sample of each scrape is committed with the scrape's samples); returns the latest of those
     * scrapes: an evaluation time at which everything the targets exported before {@code after} is stored.
     *
     * @throws IllegalStateException when that has not happened within {@code hangGuard}, with the targets' state
     */
    public Instant awaitScrapedAfter(Instant after, Duration hangGuard) throws InterruptedException {
        long deadline = System.nanoTime() + hangGuard.toNanos();
        while (true) {
            int targets = api("targets?state=active").path("activeTargets").size();
            Instant now = Instant.now();
            List<Sample> up = query("up", now);
            List<Sample> scraped = query("timestamp(up)", now);
            Optional<Instant> latest = latest(scraped, after);
            if (targets > 0 && scraped.size() == targets && up.stream().allMatch(s -> s.value() == 1)
                    && latest.isPresent()) {
                return latest.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every target (" + targets + ") was scraped successfully after "
                        + after + " within " + hangGuard + ": up " + up + ", scraped at " + scraped);
            }
            Thread.sleep(200);
        }
    }

    /** The latest of the scrape times (seconds), when every one is after {@code after}. */
    private static Optional<Instant> latest(List<Sample> scrapeTimes, Instant after) {
        Instant latest = after;
        for (Sample s : scrapeTimes) {
            Instant t = Instant.ofEpochMilli(Math.round(s.value() * 1000));
            if (!t.isAfter(after)) {
                return Optional.empty();
            }
            latest = t.isAfter(latest) ? t : latest;
        }
        return Optional.of(latest);
    }

    private JsonNode answer(HttpRequest.Builder request, String what) {
        try {
            HttpResponse<byte[]> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.body().length > MAX_ANSWER_BYTES) {
                throw new IllegalStateException("answer to " + what + " over " + MAX_ANSWER_BYTES + " bytes");
            }
            JsonNode body = JSON.readTree(r.body());
            if (!"success".equals(body.path("status").asText())) {
                throw new IllegalStateException("Prometheus refused " + what + ": HTTP " + r.statusCode() + " "
                        + body.path("errorType").asText() + ": " + body.path("error").asText());
            }
            return body.path("data");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot ask Prometheus for " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted asking Prometheus for " + what, e);
        }
    }

    private static Map<String, String> labels(JsonNode metric) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metric.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            labels.put(e.getKey(), e.getValue().asText());
        }
        return labels;
    }

    /** Prometheus writes values as strings: a Go float, or NaN, +Inf, -Inf. */
    private static double value(JsonNode value) {
        return switch (value.asText()) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value.asText());
        };
    }

    public URI url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    /** The last lines of its log, for failure messages. */
    public String logTail(int lines) {
        return process.logTail(lines);
    }

    /** SIGTERM to its PID (it flushes the TSDB head), SIGKILL if it is still there after the grace. */
    @Override
    public void close() {
        process.close();
    }
}
