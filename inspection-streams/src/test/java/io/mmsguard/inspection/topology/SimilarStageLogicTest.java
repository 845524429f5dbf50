package io.mmsguard.inspection.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mmsguard.avro.MmsInterface;
import io.mmsguard.inspection.similar.Fingerprint;
import io.mmsguard.inspection.similar.SimilarTo;
import io.mmsguard.inspection.threshold.Threshold;
import io.mmsguard.inspection.threshold.ThresholdAction;
import org.junit.jupiter.api.Test;

class SimilarStageLogicTest {

    private static final List<Threshold> LIMIT_3 = List.of(
            Threshold.of(60, 3, 0, ThresholdAction.BLOCK, ThresholdAction.LOG));

    private final Map<String, byte[]> counts = new HashMap<>();
    private final ThresholdStateStore store = new ThresholdStateStore() {
        @Override
        public byte[] load(String key) {
            return counts.get(key);
        }

        @Override
        public void save(String key, byte[] value) {
            counts.put(key, value);
        }

        @Override
        public boolean delete(String key) {
            return counts.remove(key) != null;
        }
    };
    private final SimilarBandLogic.Witnesses witnesses = SimilarBandLogic.Witnesses.inMemory();
    private final SimilarBandLogic bands = new SimilarBandLogic();
    private long now = 1_764_000_000_000L;

    @Test
    void theLargestNumberOfMessagesSharingOneBandIsTheCountAndTheFourthIsBlocked() {
        List<SimilarCombine.Combined> outcomes = new ArrayList<>();
        // every copy shares band "a"; the bands "b<n>" are each copy's own
        for (int copy = 1; copy <= 4; copy++) {
            outcomes.add(message("s" + copy, fingerprint(List.of("t0-a", "t1-b" + copy))));
        }
        assertThat(outcomes).extracting(c -> c.outcome().results().get(0).count()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(outcomes).extracting(c -> c.outcome().blocked()).containsExactly(false, false, false, true);
        SimilarTo why = outcomes.get(3).explanation().orElseThrow();
        assertThat(why.earlierSession()).isEqualTo("s3");
        assertThat(why.sharedBands()).containsExactly("t0-a");
        assertThat(why.similarity()).isEqualTo(0.5);
        assertThat(outcomes.get(0).explanation()).isEmpty();
    }

    @Test
    void unrelatedMessagesCountOnlyThemselves() {
        SimilarCombine.Combined first = message("s1", fingerprint(List.of("t0-a", "t1-b")));
        SimilarCombine.Combined other = message("s2", fingerprint(List.of("t0-c", "t1-d")));
        assertThat(other.outcome().results().get(0).count()).isEqualTo(1);
        assertThat(other.explanation()).isEmpty();
        assertThat(first.outcome().blocked()).isFalse();
    }

    @Test
    void theCombineWaitsForEveryBand() {
        Fingerprint f = fingerprint(List.of("t0-a", "t1-b"));
        SimilarBandLogic.BandCount one = bands.count(MmsInterface.MM1, "t0-a", "s1", f, now, LIMIT_3, store, witnesses);
        assertThat(SimilarCombine.whenComplete(2, List.of(one), f)).isEmpty();
        SimilarBandLogic.BandCount two = bands.count(MmsInterface.MM1, "t1-b", "s1", f, now, LIMIT_3, store, witnesses);
        assertThat(SimilarCombine.whenComplete(2, List.of(one, two), f)).isPresent();
    }

    private SimilarCombine.Combined message(String session, Fingerprint fingerprint) {
        now += 1_000;
        List<SimilarBandLogic.BandCount> counted = new ArrayList<>();
        for (String band : fingerprint.bands()) {
            counted.add(bands.count(MmsInterface.MM1, band, session, fingerprint, now, LIMIT_3, store, witnesses));
        }
        return SimilarCombine.whenComplete(fingerprint.bands().size(), counted, fingerprint).orElseThrow();
    }

    /** Two text minima per band in the text signature, so that sharing one band of two reads as 0.5. */
    private static Fingerprint fingerprint(List<String> bandKeys) {
        int[] text = new int[bandKeys.size()];
        for (int i = 0; i < text.length; i++) {
            text[i] = bandKeys.get(i).hashCode();
        }
        return new Fingerprint(text, new long[0], bandKeys);
    }
}
