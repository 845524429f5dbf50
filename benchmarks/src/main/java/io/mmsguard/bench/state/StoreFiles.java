package io.mmsguard.bench.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ConfigOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Env;
import org.rocksdb.FlushOptions;
import org.rocksdb.LiveFileMetaData;
import org.rocksdb.OptionsUtil;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * The size of a Kafka Streams RocksDB store: the live SST files and RocksDB's own estimates, as the store left them
 * and after a full manual compaction. A closed store ({@code <state dir>/<app>/<task>/rocksdb/<store>}, flushed by
 * Kafka Streams' close) is opened with the options recorded in its own OPTIONS file, so that compaction keeps the
 * compaction style, compression and filter it was written with; an open one is measured in place.
 */
final class StoreFiles {

    /** Sizes in bytes, summed over the store's column families (data and Kafka Streams' offsets). */
    record Size(int sstFiles, long sstBytes, long totalSstProperty, long liveDataEstimate, long keysEstimate) {
        Size plus(Size o) {
            return new Size(sstFiles + o.sstFiles, sstBytes + o.sstBytes, totalSstProperty + o.totalSstProperty,
                    liveDataEstimate + o.liveDataEstimate, keysEstimate + o.keysEstimate);
        }

        static final Size ZERO = new Size(0, 0, 0, 0, 0);
    }

    /** Before and after a full compaction, and how long that compaction took. */
    record Measured(Size asLeft, Size compacted, long compactionMillis) {
        Measured plus(Measured o) {
            return new Measured(asLeft.plus(o.asLeft), compacted.plus(o.compacted),
                    compactionMillis + o.compactionMillis);
        }

        static final Measured ZERO = new Measured(Size.ZERO, Size.ZERO, 0);
    }

    private StoreFiles() {
    }

    /** Every directory of {@code store} under a Kafka Streams state directory (one per task), measured and summed. */
    static Measured measureAll(Path stateDir, String store) {
        Measured total = Measured.ZERO;
        for (Path dir : storeDirs(stateDir, store)) {
            total = total.plus(measure(dir));
        }
        return total;
    }

    static List<Path> storeDirs(Path stateDir, String store) {
        try (Stream<Path> files = Files.walk(stateDir)) {
            return files.filter(p -> p.getFileName().toString().equals(store)
                            && p.getParent().getFileName().toString().equals("rocksdb") && Files.isDirectory(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Measured measure(Path dir) {
        RocksDB.loadLibrary();
        List<ColumnFamilyDescriptor> families = new ArrayList<>();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (ConfigOptions config = new ConfigOptions().setIgnoreUnknownOptions(true).setEnv(Env.getDefault());
             DBOptions options = new DBOptions()) {
            OptionsUtil.loadLatestOptions(config, dir.toString(), options, families);
            try (RocksDB db = RocksDB.open(options, dir.toString(), families, handles)) {
                return measure(db, handles);
            } finally {
                handles.forEach(ColumnFamilyHandle::close);
                families.forEach(f -> f.getOptions().close());
            }
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot open " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The store a Kafka Streams key-value store (as its processors or a test driver see it, metered and logged)
     * writes to, and the column family holding its data: TopologyTestDriver deletes its state directory on close,
     * so its stores are measured open. Reflection on Kafka Streams internals (RocksDBStore's {@code db} and
     * {@code cfAccessor.columnFamily}), checked against Kafka Streams 4.3.
     */
    static Open open(StateStore store) {
        StateStore inner = store;
        while (inner instanceof WrappedStateStore<?, ?, ?> wrapped) {
            inner = wrapped.wrapped();
        }
        try {
            RocksDB db = (RocksDB) field(inner, "db");
            ColumnFamilyHandle data = (ColumnFamilyHandle) field(field(inner, "cfAccessor"), "columnFamily");
            return new Open(db, data);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("not a RocksDB store as Kafka Streams 4.3 builds it: " + inner, e);
        }
    }

    /** An open store's database and the column family of its data. */
    record Open(RocksDB db, ColumnFamilyHandle data) {
        /** Writes the memtables out, as Kafka Streams does on close. */
        void flush() {
            try (FlushOptions f = new FlushOptions().setWaitForFlush(true)) {
                db.flush(f, data);
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }

        Measured measure() {
            try {
                return StoreFiles.measure(db, List.of(data));
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }

        Size size() {
            try {
                return StoreFiles.size(db, List.of(data));
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(o);
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(name + " in " + o.getClass());
    }

    private static Measured measure(RocksDB db, List<ColumnFamilyHandle> handles) throws RocksDBException {
        Size before = size(db, handles);
        long t0 = System.nanoTime();
        for (ColumnFamilyHandle h : handles) {
            db.compactRange(h);
        }
        long compactionMillis = (System.nanoTime() - t0) / 1_000_000;
        return new Measured(before, size(db, handles), compactionMillis);
    }

    private static Size size(RocksDB db, List<ColumnFamilyHandle> handles) throws RocksDBException {
        long total = 0;
        long live = 0;
        long keys = 0;
        Set<String> names = new HashSet<>();
        for (ColumnFamilyHandle h : handles) {
            total += db.getLongProperty(h, "rocksdb.total-sst-files-size");
            live += db.getLongProperty(h, "rocksdb.estimate-live-data-size");
            keys += db.getLongProperty(h, "rocksdb.estimate-num-keys");
            names.add(new String(h.getName(), StandardCharsets.UTF_8));
        }
        // The live files' own sizes: obsolete ones are deleted asynchronously after a compaction.
        long bytes = 0;
        int count = 0;
        for (LiveFileMetaData f : db.getLiveFilesMetaData()) {
            if (names.contains(new String(f.columnFamilyName(), StandardCharsets.UTF_8))) {
                bytes += f.size();
                count++;
            }
        }
        return new Size(count, bytes, total, live, keys);
    }
}
