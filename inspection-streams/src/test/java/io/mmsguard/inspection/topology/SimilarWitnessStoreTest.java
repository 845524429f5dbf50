package io.mmsguard.inspection.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import io.mmsguard.inspection.similar.Fingerprint;
import org.junit.jupiter.api.Test;

class SimilarWitnessStoreTest {

    @Test
    void aWitnessReadsBackWithoutItsBands() {
        Fingerprint f = new Fingerprint(new int[] {1, -2, Integer.MAX_VALUE}, new long[] {Long.MIN_VALUE, 42L},
                List.of("t0-abc", "i1-ff"));
        SimilarBandLogic.Witness back = SimilarWitnessStore.decode(
                SimilarWitnessStore.encode(new SimilarBandLogic.Witness("s-7", f))).orElseThrow();
        assertThat(back.sessionId()).isEqualTo("s-7");
        assertThat(back.fingerprint().text()).containsExactly(1, -2, Integer.MAX_VALUE);
        assertThat(back.fingerprint().images()).containsExactly(Long.MIN_VALUE, 42L);
        assertThat(back.fingerprint().bands()).isEmpty();
    }

    @Test
    void bytesThatAreNoWitnessAreNone() {
        byte[] good = SimilarWitnessStore.encode(new SimilarBandLogic.Witness("s", new Fingerprint(new int[48],
                new long[0], List.of())));
        assertThat(SimilarWitnessStore.decode(Arrays.copyOf(good, good.length - 3))).as("truncated").isEmpty();
        assertThat(SimilarWitnessStore.decode(new byte[] {9, 0, 0})).as("unknown version").isEmpty();
        byte[] huge = good.clone();
        int lengthAt = 1 + 2 + 1; // version, UTF length, "s"
        huge[lengthAt] = (byte) 0xff;
        huge[lengthAt + 1] = (byte) 0xff;
        assertThat(SimilarWitnessStore.decode(huge)).as("a length beyond any fingerprint").isEmpty();
    }
}
