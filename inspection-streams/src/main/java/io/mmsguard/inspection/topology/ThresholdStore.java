package io.mmsguard.inspection.topology;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A threshold store (RocksDB, changelogged) as the stages' {@link ThresholdStateStore}, plus the idle-key sweep. A
 * value that cannot be decoded resets that key (logged and counted) instead of failing every message of the partition.
 */
final class ThresholdStore implements ThresholdStateStore {
    private static final Logger LOG = LoggerFactory.getLogger(ThresholdStore.class);

    private final KeyValueStore<String, byte[]> store;
    private final String name;
    private final InspectionMetrics metrics;
    private String sweepFrom;

    ThresholdStore(KeyValueStore<String, byte[]> store, String name, InspectionMetrics metrics) {
        this.store = store;
        this.name = name;
        this.metrics = metrics;
    }

    @Override
    public byte[] load(String key) {
        return store.get(key);
    }

    @Override
    public void save(String key, byte[] value) {
        store.put(key, value);
    }

    @Override
    public boolean delete(String key) {
        return store.delete(key) != null;
    }

    @Override
    public void corrupt(String key, RuntimeException cause) {
        LOG.error("{}: state of {} cannot be decoded ({}); the key starts over", name, key, cause.getMessage());
        metrics.corruptState(name);
    }

    /**
     * Visits at most {@code maxVisits} keys, continuing where the previous sweep stopped, and deletes those idle at
     * {@code nowMillis}. Bounded per call so that a punctuation never stalls the stream thread on a large store.
     *
     * @return the number of keys deleted
     */
    int sweep(long nowMillis, int maxVisits) {
        return sweep(nowMillis, maxVisits, key -> { });
    }

    /** @param deleted told each deleted key, for state kept beside the counts under the same key */
    int sweep(long nowMillis, int maxVisits, java.util.function.Consumer<String> deleted) {
        List<String> idle = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = sweepFrom == null ? store.all() : store.range(sweepFrom, null)) {
            int visited = 0;
            while (it.hasNext() && visited < maxVisits) {
                KeyValue<String, byte[]> kv = it.next();
                visited++;
                if (decode(kv.key, kv.value).isIdle(nowMillis)) {
                    idle.add(kv.key);
                }
            }
            sweepFrom = it.hasNext() ? it.peekNextKey() : null;
        }
        for (String key : idle) {
            store.delete(key);
            deleted.accept(key);
        }
        if (!idle.isEmpty()) {
            metrics.purged(name, idle.size());
        }
        return idle.size();
    }
}
