package io.mmsguard.inspection.backtest;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.mmsguard.inspection.topology.SimilarBandLogic;

/**
 * A replay's similar-content witnesses: in memory, gone when the replay ends. Never swept: live, the band store's
 * idle sweep drops a band's witness with its expired count, at a wall-clock moment the log does not hold, so a
 * replayed explanation may name an earlier session the live one no longer knew (the verdict is the same).
 */
final class MapWitnesses implements SimilarBandLogic.Witnesses {
    private final Map<String, SimilarBandLogic.Witness> witnesses = new HashMap<>();

    @Override
    public Optional<SimilarBandLogic.Witness> get(String key) {
        return Optional.ofNullable(witnesses.get(key));
    }

    @Override
    public void put(String key, SimilarBandLogic.Witness witness) {
        witnesses.put(key, witness);
    }
}
