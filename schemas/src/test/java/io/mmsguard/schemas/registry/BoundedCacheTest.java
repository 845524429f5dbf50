package io.mmsguard.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    @Test
    void evictsTheLeastRecentlyUsedEntryBeyondCapacity() {
        AtomicInteger loads = new AtomicInteger();
        BoundedCache<String, Integer> cache = new BoundedCache<>(2, -1);
        cache.get("a", k -> loads.incrementAndGet());
        cache.get("b", k -> loads.incrementAndGet());
        cache.get("a", k -> loads.incrementAndGet());
        cache.get("c", k -> loads.incrementAndGet());
        assertThat(cache.size()).isEqualTo(2);
        assertThat(loads).hasValue(3);
        cache.get("a", k -> loads.incrementAndGet());
        assertThat(loads).hasValue(3);
        cache.get("b", k -> loads.incrementAndGet());
        assertThat(loads).hasValue(4);
    }
}
