package io.mmsguard.inspection.scan;

import io.mmsguard.inspection.validation.ValidationProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OversizeTest {

    private static ScanSettings limit(int kb, OversizeAction action) {
        return new ScanSettings(true, true, true, true, false, false, kb, action);
    }

    @Test
    void exactlyAtTheLimitIsScannedOneByteMoreIsOversize() {
        ScanSettings s = limit(100, OversizeAction.BLOCK);
        assertThat(Oversize.check(100 * 1024, s)).isEqualTo(Oversize.Status.WITHIN);
        assertThat(Oversize.check(100 * 1024 + 1, s)).isEqualTo(Oversize.Status.BLOCK);
    }

    @Test
    void passUnscannedActionPassesUnscanned() {
        assertThat(Oversize.check(2048 + 1, limit(2, OversizeAction.PASS_UNSCANNED)))
                .isEqualTo(Oversize.Status.PASS_UNSCANNED);
    }

    @Test
    void largestLimitDoesNotOverflow() {
        ScanSettings s = limit(ScanSettings.MAX_OVERSIZE_LIMIT_KB, OversizeAction.BLOCK);
        assertThat(Oversize.check(819_200L * 1024, s)).isEqualTo(Oversize.Status.WITHIN);
        assertThat(Oversize.check(819_200L * 1024 + 1, s)).isEqualTo(Oversize.Status.BLOCK);
    }

    @Test
    void limitOutsideTheRangeIsAProblem() {
        assertThat(limit(0, OversizeAction.BLOCK).validate("mm1"))
                .extracting(ValidationProblem::path).containsExactly("mm1.oversizeLimitKb");
        assertThat(limit(819_201, null).validate("mm4"))
                .extracting(ValidationProblem::path).containsExactly("mm4.oversizeLimitKb", "mm4.oversizeAction");
        assertThat(limit(1, OversizeAction.BLOCK).validate("mm1")).isEmpty();
    }
}
