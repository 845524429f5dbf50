package io.mmsguard.inspection.topology;

import io.mmsguard.inspection.threshold.ThresholdState;
import io.mmsguard.inspection.threshold.ThresholdStateCodec;

/**
 * Where a stage keeps its threshold states, by {@link StateKeys} key, as the bytes of {@link ThresholdStateCodec}:
 * the topology's RocksDB store ({@link ThresholdStore}) or a backtest's map. The stage logic sees only this, so the
 * same code counts in both. The one decoding rule lives here: a value that cannot be decoded starts the key over.
 */
public interface ThresholdStateStore {

    /** The stored bytes, or null when the key has no state. */
    byte[] load(String key);

    void save(String key, byte[] value);

    /** Forgets the key (counts and block); whether it had any state. */
    boolean delete(String key);

    /** Told of a value that could not be decoded, before the key starts over. */
    default void corrupt(String key, RuntimeException cause) {
    }

    default ThresholdState loadState(String key) {
        return decode(key, load(key));
    }

    default void saveState(String key, ThresholdState state) {
        save(key, ThresholdStateCodec.encode(state));
    }

    default ThresholdState decode(String key, byte[] bytes) {
        if (bytes == null) {
            return ThresholdState.EMPTY;
        }
        try {
            return ThresholdStateCodec.decode(bytes);
        } catch (RuntimeException e) {
            corrupt(key, e);
            return ThresholdState.EMPTY;
        }
    }
}
