package io.mmsguard.schemas.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A least-recently-used map with a fixed capacity and an optional time to live, so that a long-running
 * serializer meeting many schemas never grows without bound. Loads happen outside the lock: two threads may
 * load the same key once each, which is harmless for registry look-ups (same answer) and keeps slow HTTP calls
 * from serialising every caller.
 */
public final class BoundedCache<K, V> {
    private final int capacity;
    private final long ttlNanos;
    private final Map<K, Entry<V>> map;

    private record Entry<V>(V value, long loadedAt) {
    }

    /** @param ttlMillis entries older than this are reloaded; a negative value means never */
    public BoundedCache(int capacity, long ttlMillis) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.ttlNanos = ttlMillis < 0 ? -1 : ttlMillis * 1_000_000;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > BoundedCache.this.capacity;
            }
        };
    }

    public V get(K key, Function<K, V> loader) {
        synchronized (map) {
            Entry<V> e = map.get(key);
            if (e != null && fresh(e)) {
                return e.value();
            }
        }
        V value = loader.apply(key);
        put(key, value);
        return value;
    }

    public void put(K key, V value) {
        synchronized (map) {
            map.put(key, new Entry<>(value, System.nanoTime()));
        }
    }

    public void invalidate(K key) {
        synchronized (map) {
            map.remove(key);
        }
    }

    public int size() {
        synchronized (map) {
            return map.size();
        }
    }

    private boolean fresh(Entry<V> e) {
        return ttlNanos < 0 || System.nanoTime() - e.loadedAt() < ttlNanos;
    }
}
