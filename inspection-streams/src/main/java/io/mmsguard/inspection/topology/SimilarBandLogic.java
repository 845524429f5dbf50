package io.mmsguard.inspection.topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mmsguard.avro.MmsInterface;
import io.mmsguard.inspection.similar.Fingerprint;
import io.mmsguard.inspection.threshold.Evaluation;
import io.mmsguard.inspection.threshold.Outcome;
import io.mmsguard.inspection.threshold.Threshold;
import io.mmsguard.inspection.threshold.ThresholdEvaluator;

/**
 * The band step of the similar-content threshold, keyed by {@code <interface>|<band>}, without Kafka: one message's
 * record for one of its fingerprint bands counts one event under the band's key with the {@link ThresholdEvaluator}
 * (so the count is the number of distinct messages that had the band in the window: a message sends each of its
 * bands once), and names the latest earlier message that had the band, with its fingerprint, so that the decision
 * can say whom the message is similar to and how much.
 */
public final class SimilarBandLogic {

    /** The latest message counted under a band key. */
    public record Witness(String sessionId, Fingerprint fingerprint) {
    }

    /** Where the band step keeps each key's witness (a store beside the counts; a map in tests and backtests). */
    public interface Witnesses {
        Optional<Witness> get(String key);

        void put(String key, Witness witness);

        /** In a map, never swept: for tests and backtests. */
        static Witnesses inMemory() {
            Map<String, Witness> witnesses = new HashMap<>();
            return new Witnesses() {
                @Override
                public Optional<Witness> get(String key) {
                    return Optional.ofNullable(witnesses.get(key));
                }

                @Override
                public void put(String key, Witness witness) {
                    witnesses.put(key, witness);
                }
            };
        }
    }

    /** One band of one message, counted. */
    public record BandCount(String band, Outcome outcome, Optional<Witness> earlier) {
        /** A band that could not be counted: it adds nothing to its message's outcome. */
        public static BandCount uncounted(String band) {
            return new BandCount(band, Outcome.NONE, Optional.empty());
        }
    }

    public BandCount count(MmsInterface mmsInterface, String band, String sessionId, Fingerprint fingerprint,
                           long eventTimeMillis, List<Threshold> thresholds, ThresholdStateStore counts,
                           Witnesses witnesses) {
        String key = StateKeys.of(mmsInterface, band);
        Evaluation evaluation = ThresholdEvaluator.evaluate(counts.loadState(key), eventTimeMillis, thresholds);
        counts.saveState(key, evaluation.state());
        Optional<Witness> earlier = witnesses.get(key).filter(w -> !w.sessionId().equals(sessionId));
        witnesses.put(key, new Witness(sessionId, fingerprint));
        return new BandCount(band, evaluation.outcome(), earlier);
    }
}
