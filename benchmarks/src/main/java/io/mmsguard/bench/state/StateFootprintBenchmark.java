package io.mmsguard.bench.state;

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
import java.util.Optional;
import java.util.Properties;


import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.bench.BenchArgs;
import io.mmsguard.inspection.profile.ProfileCatalog;
import io.mmsguard.inspection.profile.ProfileValidator;
import io.mmsguard.inspection.topology.InspectionMetrics;
import io.mmsguard.inspection.topology.InspectionTopology;
import io.mmsguard.inspection.topology.RuleBook;
import io.mmsguard.inspection.topology.TopicNames;
import io.mmsguard.inspection.topology.TopologySettings;
import io.mmsguard.schemas.ContractTopics;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topic;
import io.mmsguard.testkit.ApicurioRegistry;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * What the threshold stores cost per key, and what their idle sweep costs: N messages, each from its own sender
 * with its own content, go through the real topology (TopologyTestDriver: real RocksDB stores, real serdes with a
 * real registry, one task), so the flood store ends with N sender keys or the duplicate store with N checksum keys.
 * Then:
 * <ol>
 *   <li>the sweep over N live keys: one wall-clock punctuation with an unbounded {@code sweep-max-visits}, timed;
 *       nothing is deleted;</li>
 *   <li>the store on disk: flushed as Kafka Streams' close would, measured as left and after a full compaction
 *       ({@link StoreFiles}); and the changelog records the driver captured (key and value bytes);</li>
 *   <li>the sweep over N expired keys: one more message two hours later moves event time on, the wall clock
 *       follows, and one punctuation deletes the N keys, timed; then the store's SST bytes with the tombstones.</li>
 * </ol>
 *
 * <pre>java -Xmx3g -cp benchmarks/target/benchmarks.jar io.mmsguard.bench.state.StateFootprintBenchmark
 *      [--keys=100000,1000000] [--stores=flood,duplicate] [--rocksdb=default,level,no-bloom,lz4,cache-8m] [--out=DIR]</pre>
 */
public final class StateFootprintBenchmark {
    private static final String USAGE = "usage: StateFootprintBenchmark [--keys=100000,1000000] "
            + "[--stores=flood,duplicate] [--rocksdb=default[,level|no-bloom|lz4|cache-<MB>m, joined with +]] "
            + "[--out=DIR]\n"
            + "  Fills the flood (one key per sender) or duplicate (one key per checksum) store with N keys through "
            + "the real topology\n  (TopologyTestDriver, real RocksDB), times one sweep over N live and N expired "
            + "keys, and measures the store\n  on disk (SST files as Kafka Streams left them and after a full "
            + "compaction) and the changelog records per key.";
    private static final String APP = "state-bench";
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);
    /** Drains the driver's captured outputs this often, so they do not pile up in memory. */
    private static final int DRAIN_EVERY = 10_000;

    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final StringBuilder markdown = new StringBuilder();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchArgs.options(args);
        if (options.containsKey("help")) {
            System.out.println(USAGE);
            return;
        }
        new StateFootprintBenchmark().run(options);
        System.exit(0);
    }

    /** One row per store, RocksDB variant and key count, as also written to {@code --out}. */
    List<Map<String, Object>> run(Map<String, String> options) throws Exception {
        long[] keys = Arrays.stream(options.getOrDefault("keys", "100000").split(",")).mapToLong(Long::parseLong)
                .toArray();
        List<StateTraffic.Stores> stores = Arrays.stream(options.getOrDefault("stores", "flood,duplicate")
                .split(",")).map(StateTraffic.Stores::parse).toList();
        if (stores.contains(StateTraffic.Stores.BOTH)) {
            throw new IllegalArgumentException("--stores lists flood and/or duplicate: one store is measured at a time");
        }
        List<String> variants = List.of(options.getOrDefault("rocksdb", "default").split(","));
        Path work = Files.createTempDirectory("mmsguard-state-bench");
        markdown.append("| store | RocksDB | keys | fill µs/msg | SST bytes/key as left (files) "
                + "| SST bytes/key compacted | live-data estimate bytes/key | changelog key+value bytes/record "
                + "| sweep live ms | sweep live ms/M keys | sweep expired ms | sweep expired ms/M keys | deleted "
                + "| SST bytes/key after expiry sweep |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        try (ApicurioRegistry registry = ApicurioRegistry.start(work.resolve("registry"))) {
            ContractTopics contracts = ContractTopics.create(Map.of("schema.registry.url", registry.url()));
            int run = 0;
            for (String variant : variants) {
                for (StateTraffic.Stores store : stores) {
                    for (long n : keys) {
                        Path stateDir = work.resolve("run-" + (run++));
                        Map<String, Object> row = measure(contracts, stateDir, store, variant, n);
                        rows.add(row);
                        markdown.append(markdownRow(row));
                        System.out.println(row);
                    }
                }
            }
        }
        BenchArgs.report(options, "state-footprint", rows, markdown);
        return rows;
    }

    private Map<String, Object> measure(ContractTopics contracts, Path stateDir, StateTraffic.Stores stores,
                                        String variant, long n) throws Exception {
        String storeName = stores == StateTraffic.Stores.FLOOD ? InspectionTopology.FLOOD_STORE
                : InspectionTopology.DUPLICATE_STORE;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("store", storeName);
        row.put("rocksdb", variant);
        row.put("keys", n);
        Instant t0 = Instant.now();

        // Fill, and the sweep over live keys: event time is t0, so every key's 60-minute window still counts.
        try (Driver d = new Driver(contracts, stateDir, variant, t0)) {
            d.publish(StateTraffic.profile(stores));
            long start = System.nanoTime();
            for (long i = 0; i < n; i++) {
                d.send(StateTraffic.envelope(i, t0));
                if ((i + 1) % DRAIN_EVERY == 0) {
                    d.drain(storeName);
                }
            }
            d.drain(storeName);
            row.put("fillMicrosPerMessage", (System.nanoTime() - start) / 1e3 / n);
            row.put("changelogRecords", d.changelogRecords);
            row.put("changelogKeyValueBytesPerRecord", (double) d.changelogBytes / Math.max(1, d.changelogRecords));
            row.put("sweepLiveMillis", d.sweep(SWEEP_INTERVAL) / 1e6);
            row.put("sweepLiveDeleted", d.purged(storeName));

            StoreFiles.Open store = StoreFiles.open(d.driver.<String, byte[]>getKeyValueStore(storeName));
            store.flush();
            StoreFiles.Measured filled = store.measure();
            row.put("sst", filled);
            row.put("sstBytesPerKeyAsLeft", (double) filled.asLeft().sstBytes() / n);
            row.put("sstBytesPerKeyCompacted", (double) filled.compacted().sstBytes() / n);
            row.put("liveDataEstimateBytesPerKey", (double) filled.compacted().liveDataEstimate() / n);

            // Two hours on: one message at that time moves event time on, and the next sweep finds the N keys
            // expired (it runs on the store just compacted).
            Instant later = t0.plus(Duration.ofHours(2));
            d.send(StateTraffic.envelope(n, later));
            d.drain(storeName);
            row.put("sweepExpiredMillis", d.sweep(Duration.ofHours(2)) / 1e6);
            row.put("sweepExpiredDeleted", d.purged(storeName));
            d.drain(storeName);
            store.flush();
            StoreFiles.Size afterSweep = store.size();
            row.put("afterExpirySweep", afterSweep);
            row.put("sstBytesPerKeyAfterExpirySweep", (double) afterSweep.sstBytes() / n);
        }
        return row;
    }

    private static String markdownRow(Map<String, Object> r) {
        long n = (long) r.get("keys");
        StoreFiles.Measured m = (StoreFiles.Measured) r.get("sst");
        double perMillion = 1e6 / n;
        return String.format("| %s | %s | %,d | %.1f | %.1f (%d) | %.1f | %.1f | %.1f | %,.0f | %,.0f | %,.0f | %,.0f "
                        + "| %,d | %.1f |%n", r.get("store"), r.get("rocksdb"), n, r.get("fillMicrosPerMessage"),
                r.get("sstBytesPerKeyAsLeft"), m.asLeft().sstFiles(), r.get("sstBytesPerKeyCompacted"),
                r.get("liveDataEstimateBytesPerKey"), r.get("changelogKeyValueBytesPerRecord"),
                r.get("sweepLiveMillis"), (double) r.get("sweepLiveMillis") * perMillion, r.get("sweepExpiredMillis"),
                (double) r.get("sweepExpiredMillis") * perMillion, (long) r.get("sweepExpiredDeleted"),
                r.get("sstBytesPerKeyAfterExpirySweep"));
    }

    /** One TopologyTestDriver over the real topology, a sweep that visits every key, no scanner. */
    private static final class Driver implements AutoCloseable {
        private final TopologyTestDriver driver;
        private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
        private final TestInputTopic<String, MmsEnvelope> inbound;
        private final TestInputTopic<String, MmsProfile> profiles;
        private final Map<String, TestOutputTopic<byte[], byte[]>> outputs = new HashMap<>();
        long changelogRecords;
        long changelogBytes;

        Driver(ContractTopics contracts, Path stateDir, String variant, Instant wallClock) {
            RuleBook rules = new RuleBook(ProfileCatalog.pinningEveryName(ProfileValidator.standard()),
                    content -> Optional.empty());
            TopologySettings settings = new TopologySettings(TopicNames.defaults(), SWEEP_INTERVAL,
                    Integer.MAX_VALUE);
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            props.putAll(BenchRocksDb.streamsConfig(variant));
            driver = new TopologyTestDriver(InspectionTopology.build(rules, contracts, settings,
                    new InspectionMetrics(meters)), props, wallClock);
            Topic<String, MmsEnvelope> in = contracts.topic(Contracts.INBOUND);
            inbound = driver.createInputTopic(in.name(), in.keySerde().serializer(), in.valueSerde().serializer(),
                    wallClock, Duration.ZERO);
            Topic<String, MmsProfile> p = contracts.topic(Contracts.PROFILES);
            profiles = driver.createInputTopic(p.name(), p.keySerde().serializer(), p.valueSerde().serializer());
        }

        void publish(MmsProfile profile) {
            profiles.pipeInput(profile.getName().toString(), profile);
        }

        void send(MmsEnvelope envelope) {
            inbound.pipeInput(envelope.getSender().toString(), envelope);
        }

        /** Empties every captured output topic, adding up the store's changelog records on the way. */
        void drain(String storeName) {
            String changelog = APP + "-" + storeName + "-changelog";
            for (String topic : driver.producedTopicNames()) {
                TestOutputTopic<byte[], byte[]> out = outputs.computeIfAbsent(topic, t -> driver.createOutputTopic(t,
                        new ByteArrayDeserializer(), new ByteArrayDeserializer()));
                while (!out.isEmpty()) {
                    TestRecord<byte[], byte[]> r = out.readRecord();
                    if (topic.equals(changelog)) {
                        changelogRecords++;
                        changelogBytes += r.key().length + (r.value() == null ? 0 : r.value().length);
                    }
                }
            }
        }

        /**
         * Moves the wall clock on by at least one sweep period: the task's punctuations run (the driver runs each
         * due one once). Nanoseconds, the commit after it included.
         */
        long sweep(Duration wallClock) {
            long t0 = System.nanoTime();
            driver.advanceWallClockTime(wallClock);
            return System.nanoTime() - t0;
        }

        long purged(String storeName) {
            Counter c = meters.find("mmsguard.inspection.state.purged").tag("store", storeName).counter();
            return c == null ? 0 : (long) c.count();
        }

        @Override
        public void close() {
            driver.close();
        }
    }
}
