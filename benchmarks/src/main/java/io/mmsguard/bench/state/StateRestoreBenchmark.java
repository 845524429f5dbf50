package io.mmsguard.bench.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;


import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.bench.BenchArgs;
import io.mmsguard.bench.gateway.BenchPipeline;
import io.mmsguard.bench.pipeline.Arrivals;
import io.mmsguard.inspection.service.InspectionConfig;
import io.mmsguard.inspection.service.InspectionService;
import io.mmsguard.inspection.threshold.Threshold;
import io.mmsguard.inspection.threshold.ThresholdAction;
import io.mmsguard.inspection.threshold.ThresholdEvaluator;
import io.mmsguard.inspection.threshold.ThresholdState;
import io.mmsguard.inspection.threshold.ThresholdStateCodec;
import io.mmsguard.inspection.topology.InspectionTopology;
import io.mmsguard.inspection.topology.StateKeys;
import io.mmsguard.schemas.MessageSize;
import io.mmsguard.schemas.Topics;
import io.mmsguard.schemas.serde.ConfluentAvroSerializer;
import io.mmsguard.service.Settings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * What bounds failover: an instance that lost its disk rebuilds the threshold stores from their changelogs before
 * it is RUNNING. On a real single-node KRaft broker with a real registry ({@link BenchPipeline}), per N:
 * <ol>
 *   <li>N messages, each from its own sender with its own content ({@link StateTraffic}), go through the real
 *       {@link InspectionService} (exactly-once, one stream thread, 3 input partitions): N flood keys and, with
 *       {@code --stores=both}, N duplicate keys;</li>
 *   <li>baseline: the instance is closed and started again on its state directory (nothing to restore), timed to
 *       RUNNING;</li>
 *   <li>the store directories and changelog topics are measured, the state directory is deleted, and a new instance
 *       is started on the empty directory, timed to RUNNING (Kafka Streams reports RUNNING once every active task
 *       has restored); the restored key counts are read back.</li>
 * </ol>
 *
 * With {@code --synthetic}, also restores of flood changelogs the benchmark writes itself, for sizes the service
 * cannot fill within a run ({@link #measureSynthetic}).
 *
 * <pre>java -Xmx3g -cp benchmarks/target/benchmarks.jar io.mmsguard.bench.state.StateRestoreBenchmark
 *      [--senders=100000,1000000] [--stores=flood|both] [--synthetic=5000000,10000000] [--rocksdb=default,level,...] [--commit-interval-ms=100]
 *      [--kafka.&lt;streams setting&gt;=value ...] [--out=DIR]</pre>
 */
public final class StateRestoreBenchmark {
    private static final String USAGE = "usage: StateRestoreBenchmark [--senders=100000,1000000] [--stores=flood|both] "
            + "[--synthetic=5000000,10000000]\n       [--rocksdb=default[,level|no-bloom|lz4|cache-<MB>m, joined with +]] "
            + "[--commit-interval-ms=100]\n"
            + "       [--kafka.<streams setting>=value ...] [--out=DIR]\n"
            + "  Fills the threshold stores with N senders through the real InspectionService on an in-process broker,"
            + " then times\n  to RUNNING a restart on the kept state directory (baseline) and a new instance on a "
            + "wiped one (changelog restore).\n  --synthetic: also N flood keys whose changelog the benchmark writes "
            + "itself (for N the service cannot fill in a run).";
    private static final Duration TIMEOUT = Duration.ofMinutes(20);

    private final Map<String, String> options;
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final StringBuilder markdown = new StringBuilder();

    private StateRestoreBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchArgs.options(args);
        if (options.containsKey("help")) {
            System.out.println(USAGE);
            return;
        }
        new StateRestoreBenchmark(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        long[] senders = longs(options.getOrDefault("senders", "100000"));
        long[] synthetic = longs(options.getOrDefault("synthetic", ""));
        StateTraffic.Stores stores = StateTraffic.Stores.parse(options.getOrDefault("stores", "both"));
        List<String> variants = List.of(options.getOrDefault("rocksdb", "default").split(","));
        markdown.append("| RocksDB | senders | stores | fill msg/s | changelog records | changelog MB | "
                + "store SST MB as left | restart, state kept s | restore (wiped) s | restore − restart s "
                + "| restore MB/s (changelog) | s per million keys | keys restored |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        try (BenchPipeline pipeline = new BenchPipeline()) {
            pipeline.publishProfile(StateTraffic.profile(stores));
            int run = 0;
            for (String variant : variants) {
                for (long n : senders) {
                    Map<String, Object> row = measure(pipeline, "state-restore-" + (run++), stores, variant, n);
                    rows.add(row);
                    markdown.append(markdownRow(row));
                    System.out.println(row);
                }
                for (long n : synthetic) {
                    Map<String, Object> row = measureSynthetic(pipeline, "state-restore-" + (run++), variant, n);
                    rows.add(row);
                    markdown.append(markdownRow(row));
                    System.out.println(row);
                }
            }
        }
        BenchArgs.report(options, "state-restore", rows, markdown);
    }

    private static long[] longs(String list) {
        return Arrays.stream(list.split(",")).filter(v -> !v.isBlank()).mapToLong(Long::parseLong).toArray();
    }

    /**
     * Restore of a flood changelog written by the benchmark instead of the service, for store sizes the service
     * cannot fill within a run: N records with the keys the sender stage writes ({@link StateKeys}) and the value
     * the flood evaluation leaves after one message under the profile's threshold (real {@link ThresholdEvaluator}
     * and {@link ThresholdStateCodec}), spread over the changelog's 3 partitions. The restore path is the service's
     * own; only how the changelog came to be differs (no transaction markers between the records).
     */
    private Map<String, Object> measureSynthetic(BenchPipeline pipeline, String appId, String variant, long n)
            throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rocksdb", variant);
        row.put("senders", n);
        row.put("stores", "flood, changelog written by the benchmark");
        String inbound = appId + "-in";
        String out = appId + "-out";
        String changelogTopic = appId + "-" + InspectionTopology.FLOOD_STORE + "-changelog";
        try (Admin admin = pipeline.kafka().admin()) {
            admin.createTopics(List.of(new NewTopic(inbound, 3, (short) 1).configs(Topics.inboundTopicConfigs()),
                    new NewTopic(out, 1, (short) 1),
                    new NewTopic(changelogTopic, 3, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get();
        }
        long now = System.currentTimeMillis();
        byte[] value = ThresholdStateCodec.encode(ThresholdEvaluator.evaluate(ThresholdState.EMPTY, now,
                List.of(Threshold.of(60, 1_000_000, 5, ThresholdAction.BLOCK, ThresholdAction.LOG))).state());
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafka().bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        long t0 = System.nanoTime();
        // A send that fails (under load the in-process broker has refused batches as out of sequence) is counted,
        // not retried: the row reports the records the changelog really holds and the keys really restored.
        AtomicLong failed = new AtomicLong();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            for (long i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(changelogTopic, (int) (i % 3),
                        StateKeys.of(MmsInterface.MM1, StateTraffic.sender(i)), value), (meta, e) -> {
                            if (e != null) {
                                failed.incrementAndGet();
                            }
                        });
            }
            producer.flush();
        }
        System.out.printf("%s: wrote %,d changelog records in %.1f s, %,d sends failed%n", changelogTopic, n,
                (System.nanoTime() - t0) / 1e9, failed.get());
        row.put("changelogSendsFailed", failed.get());
        row.put("fillMessagesPerSecond", Double.NaN);
        Path stateDir = pipeline.work().resolve(appId);
        List<String> storeNames = List.of(InspectionTopology.FLOOD_STORE);
        Changelog changelog = changelog(pipeline, appId, storeNames);
        row.put("changelogRecords", changelog.records);
        row.put("changelogBytes", changelog.bytes);

        t0 = System.nanoTime();
        InspectionService restored = start(pipeline, appId, stateDir, inbound, out, variant);
        double restoreSeconds = (System.nanoTime() - t0) / 1e9;
        long keys = restoredKeys(restored, storeNames);
        restored.close();
        StoreFiles.Size onDisk = StoreFiles.measureAll(stateDir, InspectionTopology.FLOOD_STORE).asLeft();
        row.put("storeSstBytesAsLeft", onDisk.sstBytes());

        t0 = System.nanoTime();
        InspectionService restarted = start(pipeline, appId, stateDir, inbound, out, variant);
        row.put("restartKeptStateSeconds", (System.nanoTime() - t0) / 1e9);
        restarted.close();
        return restored(row, restoreSeconds, keys, changelog, n * storeNames.size());
    }

    private static long restoredKeys(InspectionService service, List<String> storeNames) {
        long keys = 0;
        for (String store : storeNames) {
            keys += service.streams().store(StoreQueryParameters.fromNameAndType(store,
                    QueryableStoreTypes.<String, byte[]>keyValueStore())).approximateNumEntries();
        }
        return keys;
    }

    private static Map<String, Object> restored(Map<String, Object> row, double restoreSeconds, long keys,
                                                Changelog changelog, long expectedKeys) {
        row.put("restoreSeconds", restoreSeconds);
        row.put("keysRestoredEstimate", keys);
        double restoreOnly = restoreSeconds - (double) row.get("restartKeptStateSeconds");
        row.put("restoreMinusRestartSeconds", restoreOnly);
        row.put("restoreMegabytesPerSecond", changelog.bytes / 1e6 / restoreOnly);
        row.put("restoreSecondsPerMillionKeys", restoreOnly * 1e6 / expectedKeys);
        return row;
    }

    private Map<String, Object> measure(BenchPipeline pipeline, String appId, StateTraffic.Stores stores,
                                        String variant, long n) throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rocksdb", variant);
        row.put("senders", n);
        row.put("stores", stores.name().toLowerCase());
        String inbound = appId + "-in";
        String out = appId + "-out";
        String bootstrap = pipeline.kafka().bootstrapServers();
        try (Admin admin = pipeline.kafka().admin()) {
            admin.createTopics(List.of(new NewTopic(inbound, 3, (short) 1).configs(Topics.inboundTopicConfigs()),
                    new NewTopic(out, 1, (short) 1))).all().get();
        }
        produce(pipeline, inbound, n);
        Path stateDir = pipeline.work().resolve(appId);

        // Fill through the real service: done when every decision is visible.
        InspectionService first = start(pipeline, appId, stateDir, inbound, out, variant);
        long running = System.currentTimeMillis();
        Arrivals decided = Arrivals.await(bootstrap, out, Math.toIntExact(n), TIMEOUT);
        row.put("fillMessagesPerSecond", decided.rateSince(running));
        first.close();

        long t0 = System.nanoTime();
        InspectionService restarted = start(pipeline, appId, stateDir, inbound, out, variant);
        row.put("restartKeptStateSeconds", (System.nanoTime() - t0) / 1e9);
        restarted.close();

        List<String> storeNames = stores.duplicate()
                ? List.of(InspectionTopology.FLOOD_STORE, InspectionTopology.DUPLICATE_STORE)
                : List.of(InspectionTopology.FLOOD_STORE);
        Changelog changelog = changelog(pipeline, appId, storeNames);
        row.put("changelogRecords", changelog.records);
        row.put("changelogBytes", changelog.bytes);
        StoreFiles.Size onDisk = StoreFiles.Size.ZERO;
        for (String store : storeNames) {
            onDisk = onDisk.plus(StoreFiles.measureAll(stateDir, store).asLeft());
        }
        row.put("storeSstBytesAsLeft", onDisk.sstBytes());

        deleteRecursively(stateDir);
        t0 = System.nanoTime();
        InspectionService restored = start(pipeline, appId, stateDir, inbound, out, variant);
        double restoreSeconds = (System.nanoTime() - t0) / 1e9;
        long keys = restoredKeys(restored, storeNames);
        restored.close();
        return restored(row, restoreSeconds, keys, changelog, n * storeNames.size());
    }

    private InspectionService start(BenchPipeline pipeline, String appId, Path stateDir, String inbound, String out,
                                    String variant) throws Exception {
        Map<String, String> s = new HashMap<>(pipeline.common());
        s.put("inspection.application-id", appId);
        s.put("inspection.state-dir", stateDir.toString());
        s.put("inspection.http-port", "0");
        s.put("inspection.commit-interval", options.getOrDefault("commit-interval-ms", "100") + "ms");
        s.put("topics.inbound", inbound);
        s.put("topics.decisions", out);
        BenchRocksDb.streamsConfig(variant).forEach((k, v) -> s.put("kafka." + k, v.toString()));
        options.forEach((k, v) -> {
            if (k.startsWith("kafka.")) {
                s.put(k, v);
            }
        });
        InspectionService service = InspectionService.start(InspectionConfig.from(Settings.of(s)));
        if (!service.awaitRunning(TIMEOUT)) {
            service.close();
            throw new IllegalStateException(appId + " not running: " + service.streams().state());
        }
        return service;
    }

    private static void produce(BenchPipeline pipeline, String topic, long n) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafka().bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        p.putAll(MessageSize.producerConfigs());
        p.put("schema.registry.url", pipeline.registryUrl());
        ConfluentAvroSerializer<Object> values = new ConfluentAvroSerializer<>();
        values.configure(p, false);
        long t0 = System.nanoTime();
        Instant now = Instant.now();
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(p, new StringSerializer(), values)) {
            for (long i = 0; i < n; i++) {
                MmsEnvelope env = StateTraffic.envelope(i, now);
                producer.send(new ProducerRecord<>(topic, env.getSender().toString(), env));
            }
            producer.flush();
        }
        System.out.printf("%s: wrote %,d envelopes in %.1f s%n", topic, n, (System.nanoTime() - t0) / 1e9);
    }

    private record Changelog(long records, long bytes) {
    }

    /** The stores' changelog topics on the broker: log bytes and end offsets (transaction markers included). */
    private static Changelog changelog(BenchPipeline pipeline, String appId, List<String> stores) throws Exception {
        List<String> topics = stores.stream().map(s -> appId + "-" + s + "-changelog").toList();
        try (Admin admin = pipeline.kafka().admin()) {
            long bytes = 0;
            Map<Integer, Map<String, LogDirDescription>> dirs = admin.describeLogDirs(pipeline.kafka().nodeIds())
                    .allDescriptions().get();
            for (Map<String, LogDirDescription> byDir : dirs.values()) {
                for (LogDirDescription d : byDir.values()) {
                    for (var e : d.replicaInfos().entrySet()) {
                        if (topics.contains(e.getKey().topic())) {
                            bytes += e.getValue().size();
                        }
                    }
                }
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var d : admin.describeTopics(topics).allTopicNames().get().values()) {
                d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()),
                        OffsetSpec.latest()));
            }
            long records = 0;
            for (var r : admin.listOffsets(latest).all().get().values()) {
                records += r.offset();
            }
            return new Changelog(records, bytes);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String markdownRow(Map<String, Object> r) {
        return String.format("| %s | %,d | %s | %s | %,d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %,d |%n",
                r.get("rocksdb"), (long) r.get("senders"), r.get("stores"),
                Double.isNaN((double) r.get("fillMessagesPerSecond")) ? "n/a"
                        : String.format("%,.0f", r.get("fillMessagesPerSecond")),
                (long) r.get("changelogRecords"), (long) r.get("changelogBytes") / 1e6,
                (long) r.get("storeSstBytesAsLeft") / 1e6, r.get("restartKeptStateSeconds"), r.get("restoreSeconds"),
                r.get("restoreMinusRestartSeconds"), r.get("restoreMegabytesPerSecond"),
                r.get("restoreSecondsPerMillionKeys"), (long) r.get("keysRestoredEstimate"));
    }
}
