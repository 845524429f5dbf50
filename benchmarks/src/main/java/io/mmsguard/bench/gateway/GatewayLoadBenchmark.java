package io.mmsguard.bench.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.mmsguard.codec.mm1.Mm1Decoder;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.gateway.GatewayService;
import io.mmsguard.inspection.service.InspectionConfig;
import io.mmsguard.inspection.service.InspectionService;
import io.mmsguard.service.Settings;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Sessions per second and client-observed latency of MM1 sends through the gateway, the real inspection topology
 * and a stub MMSC, all on one machine, against a baseline in the same run: the same clients posting straight to
 * the stub MMSC (HTTP and the MMSC's own answer, without the gateway, Kafka and inspection).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.mmsguard.bench.gateway.GatewayLoadBenchmark [--clients=16]
 *      [--messages=4000] [--size=30720] [--commit-interval-ms=100]</pre>
 */
public final class GatewayLoadBenchmark {
    private final int clients;
    private final int messages;
    private final int size;
    private final int commitMs;

    private GatewayLoadBenchmark(Map<String, String> o) {
        clients = Integer.parseInt(o.getOrDefault("clients", "16"));
        messages = Integer.parseInt(o.getOrDefault("messages", "4000"));
        size = Integer.parseInt(o.getOrDefault("size", "30720"));
        commitMs = Integer.parseInt(o.getOrDefault("commit-interval-ms", "100"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String a : args) {
            if (a.equals("--help")) {
                System.out.println("usage: GatewayLoadBenchmark [--clients=16] [--messages=4000] [--size=30720] "
                        + "[--commit-interval-ms=100]");
                return;
            }
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        new GatewayLoadBenchmark(options).run();
        System.exit(0);
    }

    /** What one run measured. */
    record Result(double sessionsPerSecond, long p50Millis, long p99Millis, Map<Integer, Integer> statuses) {
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("mmsguard-gw-bench");
        try (KafkaTestCluster kafka = KafkaTestCluster.singleNode();
             ApicurioRegistry registry = ApicurioRegistry.start(work.resolve("registry"));
             UpstreamStub mmsc = new UpstreamStub()) {
            kafka.admin().createTopics(List.of(new NewTopic("mms.inbound", 3, (short) 1),
                    new NewTopic("mms.decisions", 1, (short) 1),
                    new NewTopic("mms.profiles", 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic("mms.endpoint-lists", 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic("mms.archive", 3, (short) 1), new NewTopic("mms.alerts", 1, (short) 1),
                    new NewTopic("mms.inspection-log", 3, (short) 1))).all().get();
            Map<String, String> common = Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "serde.schema.registry.url", registry.url());
            Map<String, String> is = new HashMap<>(common);
            is.put("inspection.state-dir", work.resolve("streams").toString());
            is.put("inspection.http-port", "0");
            is.put("inspection.commit-interval", commitMs + "ms");
            Map<String, String> gw = new HashMap<>(common);
            gw.put("gateway.id", "bench");
            gw.put("gateway.http-port", "0");
            gw.put("gateway.decision-timeout", "30s");
            gw.put("mm1.listen", "127.0.0.1:0");
            gw.put("mm1.upstream", mmsc.uri().toString());
            Mm1Traffic traffic = new Mm1Traffic(size);
            List<byte[]> pdus = new ArrayList<>(messages);
            for (int i = 0; i < messages; i++) {
                pdus.add(traffic.sendReq(i));
            }
            Result baseline = load(mmsc.uri(), pdus);
            try (InspectionService inspection = InspectionService.start(InspectionConfig.from(Settings.of(is)));
                 GatewayService gateway = GatewayService.start(GatewayConfig.from(Settings.of(gw)))) {
                if (!inspection.awaitRunning(Duration.ofMinutes(2))) {
                    throw new IllegalStateException("inspection not running");
                }
                URI mm1 = URI.create("http://127.0.0.1:" + gateway.port("mm1") + "/mms");
                load(mm1, pdus.subList(0, Math.min(500, pdus.size())));
                Result through = load(mm1, pdus);
                System.out.printf("%n%d clients, %d m-send.req of %d bytes, commit interval %d ms%n", clients,
                        messages, pdus.get(0).length, commitMs);
                System.out.printf("| run | sessions/s | p50 ms | p99 ms | HTTP statuses |%n|---|---|---|---|---|%n");
                System.out.printf("| baseline: straight to the stub MMSC | %.0f | %d | %d | %s |%n",
                        baseline.sessionsPerSecond(), baseline.p50Millis(), baseline.p99Millis(), baseline.statuses());
                System.out.printf("| through gateway + inspection | %.0f | %d | %d | %s |%n",
                        through.sessionsPerSecond(), through.p50Millis(), through.p99Millis(), through.statuses());
                System.out.printf("ratio of sessions/s: %.2f; stub MMSC accepted %d in total%n",
                        through.sessionsPerSecond() / baseline.sessionsPerSecond(), mmsc.accepted());
                System.out.println("gateway decision latency (publish to decision, both runs): "
                        + decisionLatency(gateway.httpPort()));
            }
        }
    }

    private Result load(URI target, List<byte[]> pdus) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < pdus.size()) {
                    HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/vnd.wap.mms-message")
                            .header("x-up-calling-line-id", "+4917" + String.format("%08d", i % 5000))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(pdus.get(i))).build();
                    long t0 = System.nanoTime();
                    int status;
                    try {
                        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        status = r.statusCode() == 200 ? responseStatus(r.body()) : r.statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    latencies.add((System.nanoTime() - t0) / 1_000_000);
                    statuses.merge(status, 1, Integer::sum);
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(pdus.size() / seconds, quantile(sorted, 0.5), quantile(sorted, 0.99), Map.copyOf(statuses));
    }

    /**
     * p50 and p99 of the gateway's own publish-to-decision timer, read from the cumulative histogram buckets on its
     * Prometheus endpoint: the upper bound of the first bucket holding the quantile (Micrometer's buckets are
     * about 10 % apart at these values).
     */
    private static String decisionLatency(int adminPort) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("mmsguard_gateway_decision_latency_seconds_bucket{")) {
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

    /** The m-send.conf's X-Mms-Response-Status (0x80 = Ok), or 0 when the body is not one. */
    private static int responseStatus(byte[] body) {
        try {
            MmsPdu conf = new Mm1Decoder().decode(body);
            Integer status = conf.responseStatus();
            return status == null ? 0 : status;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static long quantile(List<Long> sorted, double q) {
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
