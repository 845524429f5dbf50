package io.mmsguard.bench.state;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;

/**
 * Benchmark-only RocksDB settings on top of Kafka Streams' defaults (the project has no config setter of its own):
 * {@value #VARIANT_CONFIG} in the Streams configuration names a variant, several joined with {@code +}:
 * <ul>
 *   <li>{@code default}: Kafka Streams' own (universal compaction, no compression, 4 kB blocks, a 50 MB block cache
 *       per store, a Bloom filter of 10 bits per key);</li>
 *   <li>{@code level}: level compaction with dynamic level sizes;</li>
 *   <li>{@code no-bloom}: no Bloom filter;</li>
 *   <li>{@code lz4}: LZ4 compression of the blocks;</li>
 *   <li>{@code cache-<MB>m}: a block cache of that many MB per store instead of 50.</li>
 * </ul>
 */
public final class BenchRocksDb implements RocksDBConfigSetter {
    public static final String VARIANT_CONFIG = "mmsguard.bench.rocksdb";

    private Cache cache;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object variant = configs.get(VARIANT_CONFIG);
        if (variant == null) {
            return;
        }
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        for (String v : variant.toString().split("\\+")) {
            if (v.equals("default")) {
                continue;
            } else if (v.equals("level")) {
                options.setCompactionStyle(CompactionStyle.LEVEL);
                options.setLevelCompactionDynamicLevelBytes(true);
            } else if (v.equals("no-bloom")) {
                table.setFilterPolicy(null);
            } else if (v.equals("lz4")) {
                options.setCompressionType(CompressionType.LZ4_COMPRESSION);
            } else if (v.matches("cache-\\d+m")) {
                cache = new LRUCache(Long.parseLong(v.substring(6, v.length() - 1)) << 20);
                table.setBlockCache(cache);
            } else {
                throw new IllegalArgumentException("unknown RocksDB variant " + v + " in " + variant);
            }
        }
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        if (cache != null) {
            cache.close();
        }
    }

    /** Streams settings for a variant: none for {@code default}. */
    static Map<String, Object> streamsConfig(String variant) {
        return variant.equals("default") ? Map.of()
                : Map.of("rocksdb.config.setter", BenchRocksDb.class.getName(), VARIANT_CONFIG, variant);
    }
}
