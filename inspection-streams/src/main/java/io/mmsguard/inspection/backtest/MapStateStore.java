package io.mmsguard.inspection.backtest;

import java.util.HashMap;
import java.util.Map;

import io.mmsguard.inspection.topology.ThresholdStateStore;

/** A replay's threshold states: in memory, one worker's keys only, gone when the replay ends. */
final class MapStateStore implements ThresholdStateStore {
    private final Map<String, byte[]> states = new HashMap<>();

    @Override
    public byte[] load(String key) {
        return states.get(key);
    }

    @Override
    public void save(String key, byte[] value) {
        states.put(key, value);
    }

    @Override
    public boolean delete(String key) {
        return states.remove(key) != null;
    }
}
