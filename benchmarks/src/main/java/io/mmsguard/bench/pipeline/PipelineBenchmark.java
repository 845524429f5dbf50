package io.mmsguard.bench.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.bench.BenchArgs;
import io.mmsguard.bench.gateway.BenchPipeline;
import io.mmsguard.inspection.service.InspectionConfig;
import io.mmsguard.inspection.service.InspectionService;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.MessageSize;
import io.mmsguard.schemas.Topic;
import io.mmsguard.schemas.Topics;
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
 * to a pass-through baseline with the same processing guarantee in the same run; with {@code --instances=2} also a
 * pair of instances with one application id (separate state directories, in this JVM) next to a pair of baseline
 * instances; with {@code --latency}, decision visibility latency at a low offered rate per commit interval and per
 * processing guarantee, topology and baseline.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.mmsguard.bench.pipeline.PipelineBenchmark [--messages=20000]
 *      [--size=30720] [--senders=1000] [--commit-interval-ms=100] [--instances=1|2]
 *      [--guarantee=exactly_once_v2|at_least_once] [--latency] [--commit-intervals=20,100,1000]
 *      [--latency-guarantees=exactly_once_v2,at_least_once] [--latency-messages=300] [--latency-rate=50]
 *      [--out=DIR]</pre>
 */
public final class PipelineBenchmark {
    private static final Duration TIMEOUT = Duration.ofMinutes(15);
    private static final List<String> GUARANTEES = List.of(StreamsConfig.EXACTLY_ONCE_V2,
            StreamsConfig.AT_LEAST_ONCE);
    private static final String USAGE = "usage: PipelineBenchmark [--messages=20000] [--size=30720] [--senders=1000] "
            + "[--commit-interval-ms=100] [--instances=1|2] [--guarantee=exactly_once_v2|at_least_once] [--latency] "
            + "[--commit-intervals=20,100,1000] [--latency-guarantees=exactly_once_v2,at_least_once] "
            + "[--latency-messages=300] [--latency-rate=50] [--out=DIR]";

    private final Map<String, String> options;
    private final int messages;
    private final int size;
    private final int commitMs;
    private final int instances;
    private final String guarantee;
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final StringBuilder markdown = new StringBuilder();

    private PipelineBenchmark(Map<String, String> options) {
        this.options = options;
        this.messages = Integer.parseInt(options.getOrDefault("messages", "20000"));
        this.size = Integer.parseInt(options.getOrDefault("size", "30720"));
        this.commitMs = Integer.parseInt(options.getOrDefault("commit-interval-ms", "100"));
        this.instances = Integer.parseInt(options.getOrDefault("instances", "1"));
        this.guarantee = guarantee(options.getOrDefault("guarantee", StreamsConfig.EXACTLY_ONCE_V2));
        if (instances < 1 || instances > 2) {
            throw new IllegalArgumentException("--instances is 1 or 2: " + instances);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchArgs.options(args);
        if (options.containsKey("help")) {
            System.out.println(USAGE);
            return;
        }
        new PipelineBenchmark(options).run();
        System.exit(0);
    }

    private static String guarantee(String g) {
        if (!GUARANTEES.contains(g)) {
            throw new IllegalArgumentException("guarantee is one of " + GUARANTEES + ": " + g);
        }
        return g;
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("mmsguard-bench");
        report.put("started", Instant.now().toString());
        report.put("machine", Map.of("availableProcessors", Runtime.getRuntime().availableProcessors(),
                "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                "maxHeapBytes", Runtime.getRuntime().maxMemory()));
        report.put("options", new LinkedHashMap<>(options));
        try (KafkaTestCluster kafka = KafkaTestCluster.singleNode();
             ApicurioRegistry registry = ApicurioRegistry.start(work.resolve("registry"))) {
            String bootstrap = kafka.bootstrapServers();
            // Inbound and decisions are per run; the topology reads and writes these under their default names.
            kafka.admin().createTopics(List.of(BenchPipeline.compacted(Contracts.PROFILES.defaultTopic()),
                    BenchPipeline.compacted(Contracts.ENDPOINT_LISTS.defaultTopic()),
                    new NewTopic(Contracts.ARCHIVE.defaultTopic(), 3, (short) 1),
                    new NewTopic(Contracts.ALERTS.defaultTopic(), 1, (short) 1),
                    new NewTopic(Contracts.INSPECTION_LOG.defaultTopic(), 3, (short) 1),
                    // Read by the topology; no resets in a benchmark, so its partition count does not matter.
                    new NewTopic(Contracts.STATE_RESETS.defaultTopic(), 3, (short) 1),
                    new NewTopic(Contracts.SHADOW_LOG.defaultTopic(), 3, (short) 1))).all().get();
            int senders = Integer.parseInt(options.getOrDefault("senders", "1000"));
            ContractTopics serdes = ContractTopics.create(Map.of("schema.registry.url", registry.url()));

            Topic<String, MmsProfile> profiles = serdes.topic(Contracts.PROFILES);
            try (KafkaProducer<String, MmsProfile> producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), profiles.keySerde().serializer(),
                    profiles.valueSerde().serializer())) {
                MmsProfile profile = BenchProfile.profile();
                producer.send(new ProducerRecord<>(profiles.name(), profile.getName(), profile)).get();
            }

            throughput(kafka, serdes, registry.url(), work, senders);
            if (options.containsKey("latency")) {
                latency(kafka, serdes, registry.url(), work, new BenchTraffic(size, senders));
            }
        }
        System.out.println(markdown);
        if (options.containsKey("out")) {
            Path out = Files.createDirectories(Path.of(options.get("out")));
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(out.resolve("pipeline.json").toFile(), report);
            Files.writeString(out.resolve("pipeline.md"), markdown);
            System.out.println("wrote " + out.resolve("pipeline.json") + " and " + out.resolve("pipeline.md"));
        }
    }

    /** One and (with --instances=2) two instances of the baseline and of the topology, on the same input. */
    private void throughput(KafkaTestCluster kafka, ContractTopics serdes, String registryUrl, Path work,
                            int senders) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        markdown.append(String.format("%n%,d messages of %,d bytes, %s, commit interval %d ms%n%n", messages, size,
                guarantee, commitMs));
        markdown.append("| run | instances | records/s | MB/s | ratio to baseline (same instances) "
                + "| ratio to 1 instance |\n|---|---|---|---|---|---|\n");
        double oneInstanceTopology = 0;
        for (int n = 1; n <= instances; n++) {
            Measured baseline = baselineRun(serdes, kafka.bootstrapServers(), work,
                    throughputRun(kafka, registryUrl, "bench-baseline-" + n, n, senders));
            Measured topology = topologyRun(kafka.bootstrapServers(), registryUrl, work,
                    throughputRun(kafka, registryUrl, "bench-inspection-" + n, n, senders));
            if (n == 1) {
                oneInstanceTopology = topology.rate;
            }
            for (Measured m : List.of(baseline, topology)) {
                if (m.visibleBeforeStart > messages / 10) {
                    System.out.printf("WARNING: %d of %d records were decided before every instance was RUNNING;"
                            + " use more --messages%n", m.visibleBeforeStart, messages);
                }
            }
            rows.add(row("pass-through baseline", n, baseline, 1.0, Double.NaN));
            rows.add(row("inspection topology, all scanners on", n, topology, topology.rate / baseline.rate,
                    topology.rate / oneInstanceTopology));
            for (Map<String, Object> r : rows.subList(rows.size() - 2, rows.size())) {
                markdown.append(String.format("| %s | %d | %s | %s | %s | %s |%n", r.get("run"), n,
                        number("%,.0f", r.get("recordsPerSecond")), number("%.1f", r.get("megabytesPerSecond")),
                        number("%.2f", r.get("ratioToBaseline")), r.get("run").toString().startsWith("pass") ? ""
                                : number("%.2f", r.get("ratioToOneInstance"))));
            }
        }
        report.put("throughput", Map.of("messages", messages, "sizeBytes", size, "guarantee", guarantee,
                "commitIntervalMs", commitMs, "runs", rows));
    }

    /**
     * A run on its own input and output topics; the input, the same {@code --messages} envelopes every time (a
     * fresh generator with the same seed), is written before the instances start.
     */
    private Run throughputRun(KafkaTestCluster kafka, String registryUrl, String appId, int n, int senders)
            throws Exception {
        String inbound = appId + "-in";
        String out = appId + "-out";
        kafka.admin().createTopics(List.of(new NewTopic(inbound, 3, (short) 1).configs(Topics.inboundTopicConfigs()),
                        new NewTopic(out, 1, (short) 1)))
                .all().get();
        String bootstrap = kafka.bootstrapServers();
        Input preload = () -> {
            BenchTraffic traffic = new BenchTraffic(size, senders);
            try (KafkaProducer<String, Object> producer = producer(bootstrap, registryUrl)) {
                long t0 = System.nanoTime();
                Instant now = Instant.now();
                for (int i = 0; i < messages; i++) {
                    MmsEnvelope env = traffic.envelope(i, 0, now);
                    producer.send(new ProducerRecord<>(inbound, env.getSender(), env));
                }
                producer.flush();
                System.out.printf("%s: wrote %d envelopes of %d bytes in %.1f s%n", appId,
                        messages, size, (System.nanoTime() - t0) / 1e9);
            }
        };
        return new Run(appId, n, commitMs, guarantee, inbound, out, messages, preload, true);
    }

    /** "n/a" where nothing was measured (every record decided before the pair formed). */
    private static String number(String format, Object value) {
        double v = (double) value;
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(format, v);
    }

    private Map<String, Object> row(String run, int n, Measured m, double toBaseline, double toOne) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("run", run);
        r.put("instances", n);
        r.put("recordsPerSecond", m.rate);
        r.put("megabytesPerSecond", m.rate * size / 1e6);
        r.put("ratioToBaseline", toBaseline);
        if (!Double.isNaN(toOne)) {
            r.put("ratioToOneInstance", toOne);
        }
        r.put("visibleBeforeAllRunning", m.visibleBeforeStart);
        return r;
    }

    /**
     * Low offered load (--latency-rate, 50 msg/s), so latency is what the commit interval, the guarantee and the
     * two stages cost, not queueing; per guarantee and commit interval, the baseline then the topology.
     */
    private void latency(KafkaTestCluster kafka, ContractTopics serdes, String registryUrl, Path work,
                         BenchTraffic traffic) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        int count = Integer.parseInt(options.getOrDefault("latency-messages", "300"));
        int rate = Integer.parseInt(options.getOrDefault("latency-rate", "50"));
        List<String> guarantees = Arrays.stream(options.getOrDefault("latency-guarantees",
                String.join(",", GUARANTEES)).split(",")).map(PipelineBenchmark::guarantee).toList();
        int[] intervals = Arrays.stream(options.getOrDefault("commit-intervals", "20,100,1000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        List<Map<String, Object>> rows = new ArrayList<>();
        markdown.append(String.format("%nDecision visibility latency, %d messages at %d/s per run, "
                + "read_committed reader%n%n", count, rate));
        markdown.append("| guarantee | commit interval | run | p50 ms | p95 ms | p99 ms | max ms | p99 ratio to baseline |"
                + "\n|---|---|---|---|---|---|---|---|\n");
        int runNo = 0;
        for (String g : guarantees) {
            for (int ci : intervals) {
                long baselineP99 = 0;
                for (boolean topology : new boolean[] {false, true}) {
                    String id = "bench-latency-" + (runNo++);
                    String inbound = id + "-in";
                    String out = id + "-out";
                    kafka.admin().createTopics(List.of(new NewTopic(inbound, 3, (short) 1).configs(Topics.inboundTopicConfigs()),
                            new NewTopic(out, 1, (short) 1))).all().get();
                    Sender sender = new Sender(bootstrap, registryUrl, traffic, inbound, count, rate);
                    Run run = new Run(id, 1, ci, g, inbound, out, count, sender, false);
                    Measured m = topology ? topologyRun(bootstrap, registryUrl, work, run)
                            : baselineRun(serdes, bootstrap, work, run);
                    Arrivals a = m.arrivals;
                    long p99 = a.latencyPercentile(99);
                    if (!topology) {
                        baselineP99 = p99;
                    }
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("guarantee", g);
                    r.put("commitIntervalMs", ci);
                    r.put("run", topology ? "topology" : "baseline");
                    r.put("messages", count);
                    r.put("p50Ms", a.latencyPercentile(50));
                    r.put("p95Ms", a.latencyPercentile(95));
                    r.put("p99Ms", p99);
                    r.put("maxMs", a.maxLatency());
                    r.put("p99RatioToBaseline", (double) p99 / Math.max(1, baselineP99));
                    rows.add(r);
                    markdown.append(String.format("| %s | %d ms | %s | %d | %d | %d | %d | %.2f |%n", g, ci,
                            r.get("run"), r.get("p50Ms"), r.get("p95Ms"), p99, a.maxLatency(),
                            (double) r.get("p99RatioToBaseline")));
                }
            }
        }
        report.put("latency", Map.of("messagesPerRun", count, "offeredRatePerSecond", rate, "runs", rows));
    }

    /** Writes a run's input. */
    @FunctionalInterface
    private interface Input {
        void send() throws Exception;
    }

    /** Sends {@code count} fresh envelopes at about {@code rate} per second, each flushed on its own. */
    private record Sender(String bootstrap, String registryUrl, BenchTraffic traffic, String topic, int count,
                          int rate) implements Input {
        @Override
        public void send() throws Exception {
            try (KafkaProducer<String, Object> producer = producer(bootstrap, registryUrl)) {
                long periodNanos = 1_000_000_000L / rate;
                long next = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    MmsEnvelope env = traffic.envelope(1_000_000 + i, 0, Instant.now());
                    producer.send(new ProducerRecord<>(topic, env.getSender(), env));
                    producer.flush();
                    next += periodNanos;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                    }
                }
            }
        }
    }

    /** Throughput (from when every instance is RUNNING) and the arrivals behind it. */
    private record Measured(double rate, int visibleBeforeStart, Arrivals arrivals) {
    }

    /**
     * One measured run: {@code instances} members of application {@code appId} read {@code inbound} and write
     * {@code out}; done when {@code expected} records are visible there. {@code input} writes the input: with
     * {@code preload} all of it before the instances start (throughput), else at its own pace once they run
     * (latency).
     */
    private record Run(String appId, int instances, int commitInterval, String guarantee, String inbound,
                       String out, int expected, Input input, boolean preload) {
    }

    private Measured baselineRun(ContractTopics serdes, String bootstrap, Path work, Run run) throws Exception {
        List<KafkaStreams> all = new ArrayList<>();
        try {
            return measure(bootstrap, run, () -> {
                for (int i = 0; i < run.instances; i++) {
                    Properties p = new Properties();
                    p.put(StreamsConfig.APPLICATION_ID_CONFIG, run.appId);
                    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, run.guarantee);
                    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, run.commitInterval);
                    p.put(StreamsConfig.STATE_DIR_CONFIG, work.resolve(run.appId + "-" + i).toString());
                    KafkaStreams streams = PassThroughBaseline.create(serdes, run.inbound, run.out, p);
                    all.add(streams);
                    streams.start();
                }
                return all;
            });
        } finally {
            all.forEach(KafkaStreams::close);
        }
    }

    private Measured topologyRun(String bootstrap, String registryUrl, Path work, Run run) throws Exception {
        List<InspectionService> services = new ArrayList<>();
        try {
            return measure(bootstrap, run, () -> {
                for (int i = 0; i < run.instances; i++) {
                    InspectionService service = InspectionService.start(config(bootstrap, registryUrl,
                            work.resolve(run.appId + "-" + i), run));
                    services.add(service);
                }
                return services.stream().map(InspectionService::streams).toList();
            });
        } finally {
            for (InspectionService s : services) {
                s.close();
            }
        }
    }

    /** Creates and starts every instance of a run, one right after the other. */
    @FunctionalInterface
    private interface Instances {
        List<KafkaStreams> start() throws Exception;
    }

    /**
     * Starts a read_committed reader of the output; for throughput writes the whole input first; starts the
     * instances and waits until every one is RUNNING; for latency then sends. Records/s count what became visible
     * from that moment to the last record. A pair is measured once both are RUNNING (its rebalance done); what the
     * first instance decided alone before is left out and reported ({@code visibleBeforeAllRunning}), so
     * {@code --messages} must be large enough for the pair to work together most of the run.
     *
     * <p>Holding the instances with {@code KafkaStreams.pause()} until the pair has formed did not work here: a
     * stateful instance paused from its start never reaches RUNNING (its stores are not restored while paused),
     * and in a smoke run instances paused once RUNNING delivered nothing after {@code resume()} within the run's
     * timeout (not diagnosed).
     */
    private static Measured measure(String bootstrap, Run run, Instances instances) throws Exception {
        CompletableFuture<Arrivals> reading = CompletableFuture.supplyAsync(
                () -> Arrivals.await(bootstrap, run.out, run.expected, TIMEOUT));
        if (run.preload) {
            run.input.send();
        }
        List<KafkaStreams> streams = instances.start();
        for (KafkaStreams s : streams) {
            awaitRunning(s);
        }
        long start = System.currentTimeMillis();
        if (!run.preload) {
            run.input.send();
        }
        Arrivals a = reading.get();
        return new Measured(a.rateSince(start), a.arrivedBefore(start), a);
    }

    private static void awaitRunning(KafkaStreams streams) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT.toMillis();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.currentTimeMillis() > deadline || streams.state() == KafkaStreams.State.ERROR) {
                throw new IllegalStateException("streams not running: " + streams.state());
            }
            Thread.sleep(10);
        }
    }

    private static InspectionConfig config(String bootstrap, String registryUrl, Path stateDir, Run run) {
        Map<String, String> s = new HashMap<>();
        s.put("kafka.bootstrap.servers", bootstrap);
        s.put("kafka." + StreamsConfig.PROCESSING_GUARANTEE_CONFIG, run.guarantee);
        s.put("serde.schema.registry.url", registryUrl);
        s.put("inspection.application-id", run.appId);
        s.put("inspection.state-dir", stateDir.toString());
        s.put("inspection.http-port", "0");
        s.put("inspection.commit-interval", run.commitInterval + "ms");
        s.put("topics.inbound", run.inbound);
        s.put("topics.decisions", run.out);
        return InspectionConfig.from(Settings.of(s));
    }

    private static KafkaProducer<String, Object> producer(String bootstrap, String registryUrl) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        p.putAll(MessageSize.producerConfigs());
        p.put("schema.registry.url", registryUrl);
        ConfluentAvroSerializer<Object> values = new ConfluentAvroSerializer<>();
        values.configure(p, false);
        return new KafkaProducer<>(p, new StringSerializer(), values);
    }

}
