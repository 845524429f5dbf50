package io.mmsguard.bench.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A tiny footprint run end to end (real topology, real RocksDB, real registry): both stores, 300 keys, Kafka
 * Streams' RocksDB settings and a benchmark variant. Asserts the accounting the figures rest on (one changelog
 * record and one key per message, nothing swept while live, every key swept once expired, a store on disk), never
 * speed.
 */
class StateFootprintBenchmarkTest {

    @Test
    void everyMessageAddsOneKeyThatTheSweepKeepsWhileLiveAndDeletesOnceExpired() throws Exception {
        List<Map<String, Object>> rows = new StateFootprintBenchmark().run(Map.of("keys", "300",
                "stores", "flood,duplicate", "rocksdb", "default,level+no-bloom"));

        assertThat(rows).hasSize(4);
        for (Map<String, Object> row : rows) {
            assertThat(row.get("changelogRecords")).as("%s", row).isEqualTo(300L);
            assertThat(row.get("sweepLiveDeleted")).as("%s", row).isEqualTo(0L);
            assertThat(row.get("sweepExpiredDeleted")).as("%s", row).isEqualTo(300L);
            StoreFiles.Measured sst = (StoreFiles.Measured) row.get("sst");
            assertThat(sst.compacted().keysEstimate()).as("%s", row).isEqualTo(300L);
            assertThat(sst.compacted().sstBytes()).as("%s", row).isPositive();
        }
        // A checksum key (MM1| and 64 hex digits) is longer than a sender key (MM1| and 13 characters).
        assertThat((double) rows.get(1).get("changelogKeyValueBytesPerRecord"))
                .isGreaterThan((double) rows.get(0).get("changelogKeyValueBytesPerRecord") + 50);
    }
}
