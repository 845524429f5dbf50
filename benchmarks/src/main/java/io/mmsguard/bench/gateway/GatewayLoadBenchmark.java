package io.mmsguard.bench.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mmsguard.bench.BenchArgs;
import io.mmsguard.codec.mm1.Mm1Decoder;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.gateway.GatewayService;
import io.mmsguard.service.Settings;

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
        Map<String, String> options = BenchArgs.options(args);
        if (options.containsKey("help")) {
            System.out.println("usage: GatewayLoadBenchmark [--clients=16] [--messages=4000] [--size=30720] "
                    + "[--commit-interval-ms=100]");
            return;
        }
        new GatewayLoadBenchmark(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        try (BenchPipeline pipeline = new BenchPipeline(); UpstreamStub mmsc = new UpstreamStub()) {
            Map<String, String> gw = pipeline.gatewaySettings();
            gw.put("mm1.enabled", "true");
            gw.put("mm1.listen", "127.0.0.1:0");
            gw.put("mm1.upstream", mmsc.uri().toString());
            gw.put("mm1.msisdn.trusted-proxies", "127.0.0.0/8"); // the load client plays the operator's proxy
            Mm1Traffic traffic = new Mm1Traffic(size);
            List<byte[]> pdus = new ArrayList<>(messages);
            for (int i = 0; i < messages; i++) {
                pdus.add(traffic.sendReq(i));
            }
            ClosedLoop.Result baseline = load(mmsc.uri(), pdus);
            pipeline.startInspection(commitMs);
            try (GatewayService gateway = GatewayService.start(GatewayConfig.from(Settings.of(gw)))) {
                URI mm1 = URI.create("http://127.0.0.1:" + gateway.port("mm1") + "/mms");
                load(mm1, pdus.subList(0, Math.min(500, pdus.size())));
                ClosedLoop.Result through = load(mm1, pdus);
                System.out.printf("%n%d clients, %d m-send.req of %d bytes, commit interval %d ms%n", clients,
                        messages, pdus.get(0).length, commitMs);
                System.out.printf("| run | sessions/s | p50 ms | p99 ms | HTTP statuses |%n|---|---|---|---|---|%n");
                System.out.printf("| baseline: straight to the stub MMSC | %.0f | %d | %d | %s |%n",
                        baseline.perSecond(), baseline.p50Millis(), baseline.p99Millis(), baseline.codes());
                System.out.printf("| through gateway + inspection | %.0f | %d | %d | %s |%n",
                        through.perSecond(), through.p50Millis(), through.p99Millis(), through.codes());
                System.out.printf("ratio of sessions/s: %.2f; stub MMSC accepted %d in total%n",
                        through.perSecond() / baseline.perSecond(), mmsc.accepted());
                System.out.println("gateway decision latency (publish to decision, both runs): "
                        + DecisionLatency.scrape(gateway.httpPort(), "MM1"));
            }
        }
    }

    private ClosedLoop.Result load(URI target, List<byte[]> pdus) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        return ClosedLoop.run(clients, pdus.size(), i -> {
            HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/vnd.wap.mms-message")
                    .header("x-up-calling-line-id", "+4917" + String.format("%08d", i % 5000))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(pdus.get(i))).build();
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200 ? responseStatus(r.body()) : r.statusCode();
        });
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

}
