package io.mmsguard.bench.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.inspection.service.InspectionConfig;
import io.mmsguard.inspection.service.InspectionService;
import io.mmsguard.inspection.topology.ContractSerdes;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.schemas.serde.ConfluentAvroSerializer;
import io.mmsguard.service.Settings;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The inspection topology's throughput on a real single-node KRaft broker (in this JVM) with a real registry, next
 * to a pass-through baseline in the same run; then, with {@code --latency}, decision visibility latency at a low
 * offered rate for two commit intervals.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.mmsguard.bench.pipeline.PipelineBenchmark [--messages=20000]
 *      [--size=30720] [--senders=1000] [--commit-interval-ms=100] [--latency]</pre>
 */
public final class PipelineBenchmark {
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    private final Map<String, String> options;
    private final int messages;
    private final int size;
    private final int commitMs;

    private PipelineBenchmark(Map<String, String> options) {
        this.options = options;
        this.messages = Integer.parseInt(options.getOrDefault("messages", "20000"));
        this.size = Integer.parseInt(options.getOrDefault("size", "30720"));
        this.commitMs = Integer.parseInt(options.getOrDefault("commit-interval-ms", "100"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String a : args) {
            if (a.equals("--help")) {
                System.out.println("usage: PipelineBenchmark [--messages=20000] [--size=30720] [--senders=1000] "
                        + "[--commit-interval-ms=100] [--latency]");
                return;
            }
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        new PipelineBenchmark(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("mmsguard-bench");
        try (KafkaTestCluster kafka = KafkaTestCluster.singleNode();
             ApicurioRegistry registry = ApicurioRegistry.start(work.resolve("registry"))) {
            String bootstrap = kafka.bootstrapServers();
            kafka.admin().createTopics(List.of(new NewTopic("mms.inbound", 3, (short) 1),
                    new NewTopic("mms.decisions", 1, (short) 1), new NewTopic("bench.baseline", 1, (short) 1),
                    compacted("mms.profiles"), compacted("mms.endpoint-lists"),
                    new NewTopic("mms.archive", 3, (short) 1), new NewTopic("mms.alerts", 1, (short) 1),
                    new NewTopic("mms.inspection-log", 3, (short) 1))).all().get();
            Map<String, Object> serde = Map.of("schema.registry.url", registry.url());
            BenchTraffic traffic = new BenchTraffic(size, Integer.parseInt(options.getOrDefault("senders", "1000")));

            try (KafkaProducer<String, Object> producer = producer(bootstrap, registry.url())) {
                MmsProfile profile = BenchProfile.profile();
                producer.send(new ProducerRecord<>("mms.profiles", profile.getName(), profile)).get();
                long t0 = System.nanoTime();
                Instant now = Instant.now();
                for (int i = 0; i < messages; i++) {
                    MmsEnvelope env = traffic.envelope(i, 0, now);
                    producer.send(new ProducerRecord<>("mms.inbound", env.getSender(), env));
                }
                producer.flush();
                System.out.printf("produced %d envelopes of %d bytes in %.1f s%n", messages, size,
                        (System.nanoTime() - t0) / 1e9);
            }

            ContractSerdes serdes = new ContractSerdes(SchemaRegistryClient.create(serde), serde);
            double baseline = baseline(serdes, bootstrap, work);
            double topology = topology(bootstrap, registry.url(), work, "bench-inspection", commitMs, "mms.inbound",
                    "mms.decisions", messages);
            System.out.printf("%n| run | records/s | MB/s | ratio to baseline |%n|---|---|---|---|%n");
            System.out.printf("| pass-through baseline (EOS, same serdes) | %.0f | %.1f | 1.00 |%n", baseline,
                    baseline * size / 1e6);
            System.out.printf("| inspection topology, all scanners on | %.0f | %.1f | %.2f |%n", topology,
                    topology * size / 1e6, topology / baseline);

            if (options.containsKey("latency")) {
                latency(kafka, registry.url(), work, traffic);
            }
        }
    }

    private double baseline(ContractSerdes serdes, String bootstrap, Path work) throws Exception {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-baseline");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitMs);
        p.put(StreamsConfig.STATE_DIR_CONFIG, work.resolve("baseline-state").toString());
        try (KafkaStreams streams = PassThroughBaseline.create(serdes, "mms.inbound", "bench.baseline", p)) {
            long start = startAndAwaitRunning(streams);
            Arrivals a = Arrivals.await(bootstrap, "bench.baseline", messages, TIMEOUT);
            return messages * 1000.0 / (a.lastArrivalMillis() - start);
        }
    }

    private double topology(String bootstrap, String registryUrl, Path work, String appId, int commitInterval,
                            String inbound, String decisions, int expected) throws Exception {
        try (InspectionService service = InspectionService.start(config(bootstrap, registryUrl, work, appId,
                commitInterval, inbound, decisions))) {
            long start = awaitRunning(service.streams());
            Arrivals a = Arrivals.await(bootstrap, decisions, expected, TIMEOUT);
            return expected * 1000.0 / (a.lastArrivalMillis() - start);
        }
    }

    /** Low offered load (50 msg/s), so latency is what the commit interval and the two stages cost, not queueing. */
    private void latency(KafkaTestCluster kafka, String registryUrl, Path work, BenchTraffic traffic)
            throws Exception {
        String bootstrap = kafka.bootstrapServers();
        int count = 300;
        System.out.printf("%n| commit interval | decisions | p50 ms | p99 ms | max ms |%n|---|---|---|---|---|%n");
        for (int ci : new int[] {100, 1000}) {
            String inbound = "bench.latency-in-" + ci;
            String decisions = "bench.latency-out-" + ci;
            kafka.admin().createTopics(List.of(new NewTopic(inbound, 3, (short) 1),
                    new NewTopic(decisions, 1, (short) 1))).all().get();
            try (InspectionService service = InspectionService.start(config(bootstrap, registryUrl, work,
                    "bench-latency-" + ci, ci, inbound, decisions));
                 KafkaProducer<String, Object> producer = producer(bootstrap, registryUrl)) {
                awaitRunning(service.streams());
                // The reader runs while the messages are sent: latency is when a decision becomes visible.
                CompletableFuture<Arrivals> reading = CompletableFuture.supplyAsync(
                        () -> Arrivals.await(bootstrap, decisions, count, TIMEOUT));
                Thread.sleep(1000);
                for (int i = 0; i < count; i++) {
                    MmsEnvelope env = traffic.envelope(1_000_000 + i, 0, Instant.now());
                    producer.send(new ProducerRecord<>(inbound, env.getSender(), env));
                    producer.flush();
                    Thread.sleep(20);
                }
                Arrivals a = reading.get();
                System.out.printf("| %d ms | %d | %d | %d | %d |%n", ci, count, a.latencyQuantile(0.5),
                        a.latencyQuantile(0.99), a.latencyQuantile(1.0));
            }
        }
    }

    private static InspectionConfig config(String bootstrap, String registryUrl, Path work, String appId,
                                           int commitInterval, String inbound, String decisions) {
        Map<String, String> s = new HashMap<>();
        s.put("kafka.bootstrap.servers", bootstrap);
        s.put("serde.schema.registry.url", registryUrl);
        s.put("inspection.application-id", appId);
        s.put("inspection.state-dir", work.resolve(appId).toString());
        s.put("inspection.http-port", "0");
        s.put("inspection.commit-interval", commitInterval + "ms");
        s.put("topics.inbound", inbound);
        s.put("topics.decisions", decisions);
        return InspectionConfig.from(Settings.of(s));
    }

    private static NewTopic compacted(String name) {
        return new NewTopic(name, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"));
    }

    private static KafkaProducer<String, Object> producer(String bootstrap, String registryUrl) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        p.put("schema.registry.url", registryUrl);
        ConfluentAvroSerializer<Object> values = new ConfluentAvroSerializer<>();
        values.configure(p, false);
        return new KafkaProducer<>(p, new StringSerializer(), values);
    }

    private static long startAndAwaitRunning(KafkaStreams streams) throws InterruptedException {
        streams.start();
        return awaitRunning(streams);
    }

    private static long awaitRunning(KafkaStreams streams) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT.toMillis();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.currentTimeMillis() > deadline || streams.state() == KafkaStreams.State.ERROR) {
                throw new IllegalStateException("streams not running: " + streams.state());
            }
            Thread.sleep(10);
        }
        return System.currentTimeMillis();
    }
}
