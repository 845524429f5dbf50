package io.mmsguard.inspection.threshold;

import static io.mmsguard.inspection.threshold.Keys.MINUTE;
import static io.mmsguard.inspection.threshold.Keys.SECOND;
import static io.mmsguard.inspection.threshold.Keys.T0;
import static io.mmsguard.inspection.threshold.ThresholdAction.ALERT_ADMIN;
import static io.mmsguard.inspection.threshold.ThresholdAction.ARCHIVE;
import static io.mmsguard.inspection.threshold.ThresholdAction.ARCHIVE_FIRST;
import static io.mmsguard.inspection.threshold.ThresholdAction.BLOCK;
import static io.mmsguard.inspection.threshold.ThresholdAction.LOG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ThresholdEvaluatorTest {

    @Test
    void messageNumberLimitPassesAndLimitPlusOneExceeds() {
        Keys key = new Keys(Threshold.of(60, 3, 0, LOG));

        Outcome third = key.send(T0, 3);
        assertThat(third.results()).singleElement().satisfies(r -> {
            assertThat(r.count()).isEqualTo(3);
            assertThat(r.exceeded()).isFalse();
            assertThat(r.actions()).isEmpty();
        });
        assertThat(third.actions()).isEmpty();

        Outcome fourth = key.send(T0);
        assertThat(fourth.results().get(0).count()).isEqualTo(4);
        assertThat(fourth.results().get(0).exceeded()).isTrue();
        assertThat(fourth.actions()).containsExactly(LOG);
        assertThat(fourth.blocked()).isFalse();
    }

    @Test
    void anEventExactlyOneWindowOldNoLongerCounts() {
        Keys atEdge = new Keys(Threshold.of(1, 1, 0, LOG));
        atEdge.send(T0);
        assertThat(atEdge.send(T0 + MINUTE).results().get(0).count()).isEqualTo(1);

        Keys oneMsAfter = new Keys(Threshold.of(1, 1, 0, LOG));
        oneMsAfter.send(T0);
        assertThat(oneMsAfter.send(T0 + MINUTE + 1).results().get(0).count()).isEqualTo(1);

        Keys oneMsBefore = new Keys(Threshold.of(1, 1, 0, LOG));
        oneMsBefore.send(T0);
        Outcome o = oneMsBefore.send(T0 + MINUTE - 1);
        assertThat(o.results().get(0).count()).isEqualTo(2);
        assertThat(o.results().get(0).exceeded()).isTrue();
    }

    @Test
    void theOldestBucketLeavesUpToOneBucketWidthEarly() {
        // 1-minute window = 60 buckets of 1 s; an event at T0 + 500 ms sits in the bucket [T0, T0 + 1 s).
        Keys key = new Keys(Threshold.of(1, 5, 0, LOG));
        key.send(T0 + 500);
        assertThat(key.send(T0 + MINUTE - 1).results().get(0).count()).isEqualTo(2);
        Keys later = new Keys(Threshold.of(1, 5, 0, LOG));
        later.send(T0 + 500);
        // exact window (T0 + 60 s - 500 ms... ] would still hold it at T0 + 60 s + 499 ms; the bucket has gone.
        assertThat(later.send(T0 + MINUTE + 499).results().get(0).count()).isEqualTo(1);
    }

    @Test
    void aBlockHoldsForTheBlockTimeAndEveryAttemptRestartsIt() {
        Keys key = new Keys(Threshold.of(1, 2, 10, BLOCK));
        key.send(T0, 2);
        Outcome third = key.send(T0);
        assertThat(third.blocked()).isTrue();
        assertThat(third.blockedUntil()).hasValue(T0 + 10 * MINUTE);

        // The window has emptied (count 1 <= limit), but the block holds and the attempt restarts it.
        Outcome during = key.send(T0 + 5 * MINUTE);
        assertThat(during.results().get(0).count()).isEqualTo(1);
        assertThat(during.blocked()).isTrue();
        assertThat(during.results().get(0).exceeded()).isTrue();
        assertThat(during.blockedUntil()).hasValue(T0 + 15 * MINUTE);

        Outcome lastMs = key.send(T0 + 15 * MINUTE - 1);
        assertThat(lastMs.blocked()).isTrue();
        assertThat(lastMs.blockedUntil()).hasValue(T0 + 25 * MINUTE - 1);
    }

    @Test
    void aBlockEndsExactlyAtItsExpiry() {
        Keys key = new Keys(Threshold.of(1, 2, 10, BLOCK));
        key.send(T0, 3);
        Outcome atExpiry = key.send(T0 + 10 * MINUTE);
        assertThat(atExpiry.blocked()).isFalse();
        assertThat(atExpiry.blockedUntil()).isEmpty();
        assertThat(atExpiry.results().get(0).exceeded()).isFalse();

        Keys before = new Keys(Threshold.of(1, 2, 10, BLOCK));
        before.send(T0, 3);
        assertThat(before.send(T0 + 10 * MINUTE - 1).blocked()).isTrue();
    }

    @Test
    void blockTimeZeroBlocksOnlyTheMessagesOverTheLimit() {
        Keys key = new Keys(Threshold.of(60, 2, 0, BLOCK));
        assertThat(key.send(T0, 2).blocked()).isFalse();
        Outcome third = key.send(T0);
        assertThat(third.blocked()).isTrue();
        assertThat(third.blockedUntil()).isEmpty();
        // Blocked attempts count, so a sender who keeps sending stays over the limit.
        assertThat(key.send(T0 + MINUTE).blocked()).isTrue();
        // A window later everything has expired: no lasting block.
        Outcome later = key.send(T0 + 61 * MINUTE + 1);
        assertThat(later.blocked()).isFalse();
        assertThat(later.results().get(0).count()).isEqualTo(1);
        assertThat(key.state().idleAt()).isEqualTo(T0 + 121 * MINUTE);
    }

    @Test
    void archiveFirstFiresOncePerEpisode() {
        Keys key = new Keys(Threshold.of(1, 1, 0, ARCHIVE_FIRST, LOG));
        assertThat(key.send(T0).actions()).isEmpty();
        assertThat(key.send(T0).actions()).containsExactlyInAnyOrder(ARCHIVE_FIRST, LOG);
        assertThat(key.send(T0 + SECOND).actions()).containsExactly(LOG);
        assertThat(key.send(T0 + 2 * SECOND).actions()).containsExactly(LOG);
        // The window empties: the next message is under the limit and ends the episode.
        assertThat(key.send(T0 + 2 * MINUTE).actions()).isEmpty();
        assertThat(key.send(T0 + 2 * MINUTE).actions()).containsExactlyInAnyOrder(ARCHIVE_FIRST, LOG);
    }

    @Test
    void archiveFirstDoesNotFireAgainDuringABlock() {
        Keys key = new Keys(Threshold.of(1, 1, 30, ARCHIVE_FIRST, BLOCK));
        key.send(T0);
        assertThat(key.send(T0).actions()).containsExactlyInAnyOrder(ARCHIVE_FIRST, BLOCK);
        assertThat(key.send(T0 + 10 * MINUTE).actions()).containsExactly(BLOCK);
    }

    @Test
    void disabledThresholdsAreSkippedAndHoldNoState() {
        Threshold off = new Threshold(false, 60, 1, Set.of(BLOCK), 10);
        Keys key = new Keys(off, Threshold.of(60, 2, 0, LOG));
        key.send(T0, 2);
        Outcome o = key.send(T0);
        assertThat(o.results()).extracting(ThresholdResult::index).containsExactly(2);
        assertThat(o.blocked()).isFalse();
        assertThat(o.actions()).containsExactly(LOG);
        assertThat(key.state().slot(0)).isNull();
    }

    @Test
    void threeThresholdsAtDifferentWindowsAreCountedSeparately() {
        Keys key = new Keys(
                Threshold.of(1, 2, 0, LOG),
                Threshold.of(10, 4, 0, ALERT_ADMIN),
                Threshold.of(60, 6, 30, BLOCK));
        Outcome o = null;
        for (int k = 0; k <= 6; k++) {
            o = key.send(T0 + k * 20 * SECOND);
            List<ThresholdResult> r = o.results();
            assertThat(r).extracting(ThresholdResult::count).containsExactly((long) Math.min(k + 1, 3), k + 1L, k + 1L);
            assertThat(r.get(0).exceeded()).isEqualTo(k >= 2);
            assertThat(r.get(1).exceeded()).isEqualTo(k >= 4);
            assertThat(r.get(2).exceeded()).isEqualTo(k >= 6);
        }
        assertThat(o.actions()).containsExactlyInAnyOrder(LOG, ALERT_ADMIN, BLOCK);
        assertThat(o.blocked()).isTrue();
        assertThat(o.blockedUntil()).hasValue(T0 + 120 * SECOND + 30 * MINUTE);
        assertThat(o.hits()).extracting(ThresholdResult::index).containsExactly(1, 2, 3);
        assertThat(o.results().get(2).blockedUntil()).hasValue(T0 + 120 * SECOND + 30 * MINUTE);
        assertThat(o.results().get(0).blockedUntil()).isEmpty();
    }

    @Test
    void aLimitChangeKeepsTheCounts() {
        Keys key = new Keys(Threshold.of(60, 5, 0, LOG));
        key.send(T0, 4);
        key.profile(Threshold.of(60, 3, 0, LOG));
        Outcome o = key.send(T0 + MINUTE);
        assertThat(o.results().get(0).count()).isEqualTo(5);
        assertThat(o.results().get(0).exceeded()).isTrue();
    }

    @Test
    void aLongerWindowThatIsAMultipleKeepsTheCountsExactly() {
        Keys key = new Keys(Threshold.of(30, 100, 0, LOG));
        for (int m = 0; m < 30; m++) {
            key.send(T0 + m * MINUTE);
        }
        key.profile(Threshold.of(60, 100, 0, LOG));
        assertThat(key.send(T0 + 30 * MINUTE).results().get(0).count()).isEqualTo(31);
        // Events keep their times: the one at T0 leaves the 60-minute window at T0 + 60 min.
        assertThat(key.send(T0 + 60 * MINUTE).results().get(0).count()).isEqualTo(31);
    }

    @Test
    void aShorterWindowDropsWhatIsOutsideIt() {
        Keys key = new Keys(Threshold.of(60, 100, 0, LOG));
        for (int m = 0; m < 60; m++) {
            key.send(T0 + m * MINUTE);
        }
        key.profile(Threshold.of(10, 100, 0, LOG));
        // (T0 + 50 min, T0 + 60 min]: minutes 51..59 plus this message.
        assertThat(key.send(T0 + 60 * MINUTE).results().get(0).count()).isEqualTo(10);
    }

    @Test
    void disablingAThresholdForgetsItsCountsAndLiftsItsBlock() {
        Threshold blocking = Threshold.of(60, 1, 60, BLOCK);
        Keys key = new Keys(blocking);
        assertThat(key.send(T0, 2).blocked()).isTrue();
        key.profile(new Threshold(false, 60, 1, Set.of(BLOCK), 60));
        assertThat(key.send(T0 + MINUTE).results()).isEmpty();
        key.profile(blocking);
        Outcome o = key.send(T0 + 2 * MINUTE);
        assertThat(o.results().get(0).count()).isEqualTo(1);
        assertThat(o.blocked()).isFalse();
    }

    @Test
    void removingBlockLiftsTheBlockAndAShorterBlockTimeAppliesAtOnce() {
        Keys lifted = new Keys(Threshold.of(1, 1, 60, BLOCK, LOG));
        lifted.send(T0, 2);
        lifted.profile(Threshold.of(1, 1, 60, LOG));
        assertThat(lifted.send(T0 + 5 * MINUTE).blocked()).isFalse();

        Keys shortened = new Keys(Threshold.of(1, 1, 60, BLOCK));
        shortened.send(T0, 2);
        shortened.profile(Threshold.of(1, 1, 10, BLOCK));
        Outcome o = shortened.send(T0 + 10 * MINUTE);
        assertThat(o.blocked()).isFalse();
    }

    @Test
    void aLateEventWithinTheWindowIsCountedInItsBucket() {
        Keys key = new Keys(Threshold.of(10, 10, 0, LOG));
        key.send(T0 + 5 * MINUTE);
        Outcome late = key.send(T0 + MINUTE);
        assertThat(late.results().get(0).count()).isEqualTo(2);
        assertThat(key.state().streamTime()).isEqualTo(T0 + 5 * MINUTE);
        // The late event leaves the window with its own time, not with the stream time.
        assertThat(key.send(T0 + 11 * MINUTE).results().get(0).count()).isEqualTo(2);
    }

    @Test
    void aLateEventOlderThanTheWindowIsNotCounted() {
        Keys key = new Keys(Threshold.of(10, 100, 0, LOG));
        key.send(T0 + 10 * MINUTE);
        // Exactly one window behind the stream time: outside every window still open, and not a clock jump.
        Outcome late = key.send(T0);
        assertThat(late.results().get(0).count()).isEqualTo(1);
        assertThat(key.state().streamTime()).isEqualTo(T0 + 10 * MINUTE);
        assertThat(key.send(T0 + 10 * MINUTE).results().get(0).count()).isEqualTo(2);
    }

    @Test
    void aBackwardClockJumpKeepsCountsAndBlocks() {
        Keys key = new Keys(Threshold.of(10, 2, 30, BLOCK));
        long future = T0 + 24 * 60 * MINUTE;
        key.send(future, 3);
        Outcome back = key.send(T0);
        assertThat(back.results().get(0).count()).isEqualTo(4);
        assertThat(back.blocked()).isTrue();
        assertThat(back.blockedUntil()).hasValue(T0 + 30 * MINUTE);
        assertThat(key.state().streamTime()).isEqualTo(T0);
    }

    @Test
    void aForwardClockJumpExpiresWindowsAndBlocks() {
        Keys key = new Keys(Threshold.of(10, 2, 30, BLOCK));
        key.send(T0, 3);
        Outcome o = key.send(T0 + 365L * 24 * 60 * MINUTE);
        assertThat(o.blocked()).isFalse();
        assertThat(o.results().get(0).count()).isEqualTo(1);
    }

    @Test
    void aKeyIsIdleOnceEveryWindowAndBlockHasExpired() {
        Keys key = new Keys(Threshold.of(10, 1, 30, BLOCK), Threshold.of(60, 100, 0, LOG));
        key.send(T0 + 30 * SECOND, 2);
        ThresholdState s = key.state();
        // The 60-minute window's bucket [T0, T0 + 60 s) leaves the window at T0 + 60 min; the block ends earlier.
        assertThat(s.idleAt()).isEqualTo(T0 + 60 * MINUTE);
        assertThat(s.isIdle(T0 + 60 * MINUTE - 1)).isFalse();
        assertThat(s.isIdle(T0 + 60 * MINUTE)).isTrue();

        Keys blockOutlasts = new Keys(Threshold.of(1, 1, 90, BLOCK));
        blockOutlasts.send(T0, 2);
        assertThat(blockOutlasts.state().idleAt()).isEqualTo(T0 + 90 * MINUTE);
        assertThat(ThresholdState.EMPTY.isIdle(Long.MIN_VALUE)).isTrue();
    }

    @Test
    void explainShowsCountsAndTheActiveBlockWithoutCounting() {
        Keys key = new Keys(Threshold.of(1, 2, 0, LOG), Threshold.of(60, 2, 15, BLOCK));
        key.send(T0, 3);
        ThresholdState before = key.state();
        List<ThresholdView> views = key.explain(T0 + 2 * MINUTE);
        assertThat(views).containsExactly(
                new ThresholdView(1, 1, 2, 0, false, OptionalLong.empty()),
                new ThresholdView(2, 60, 2, 3, true, OptionalLong.of(T0 + 15 * MINUTE)));
        assertThat(key.state()).isEqualTo(before);
        assertThat(key.explain(T0 + 15 * MINUTE).get(1).blockedUntil()).isEmpty();
    }

    @Test
    void nextTellsWhetherTheNextMessageIsBlockedEvenWithBlockTimeZero() {
        List<Threshold> blockTimeZero = List.of(Threshold.of(60, 3, 0, BLOCK));
        Keys key = new Keys(blockTimeZero.get(0));
        key.send(T0, 2);
        assertThat(ThresholdEvaluator.next(key.state(), T0 + SECOND, blockTimeZero).blocked()).isFalse();

        key.send(T0);
        ThresholdState atTheLimit = key.state();
        Outcome next = ThresholdEvaluator.next(atTheLimit, T0 + SECOND, blockTimeZero);

        assertThat(next.blocked()).as("count 3 = limit: the 4th message exceeds").isTrue();
        assertThat(next.blockedUntil()).as("no lasting block with block time 0").isEmpty();
        assertThat(key.explain(T0 + SECOND).get(0).blocked()).isFalse();
        assertThat(key.state()).isEqualTo(atTheLimit);
        assertThat(key.send(T0 + SECOND).blocked()).as("and the topology blocks it").isTrue();
        assertThat(ThresholdEvaluator.next(key.state(), T0 + 61 * MINUTE, blockTimeZero).blocked())
                .as("the window has emptied").isFalse();
    }

    @Test
    void archiveAndLogApplyToEveryMessageOverTheLimit() {
        Keys key = new Keys(Threshold.of(60, 1, 0, ARCHIVE, LOG));
        key.send(T0);
        assertThat(key.send(T0).actions()).containsExactlyInAnyOrder(ARCHIVE, LOG);
        assertThat(key.send(T0).actions()).containsExactlyInAnyOrder(ARCHIVE, LOG);
    }

    @Test
    void theEvaluationIsPure() {
        ThresholdState s0 = ThresholdState.EMPTY;
        List<Threshold> ths = List.of(Threshold.of(60, 1, 5, BLOCK));
        Evaluation a = ThresholdEvaluator.evaluate(s0, T0, ths);
        Evaluation b = ThresholdEvaluator.evaluate(a.state(), T0, ths);
        Evaluation b2 = ThresholdEvaluator.evaluate(a.state(), T0, ths);
        assertThat(b).isEqualTo(b2);
        assertThat(a.state().slot(0).ring.total()).isEqualTo(1);
        assertThat(s0.isEmpty()).isTrue();
    }

    @Test
    void moreThanThreeThresholdsAndOutOfRangeValuesAreRejected() {
        Threshold t = Threshold.of(1, 1, 0, LOG);
        assertThatThrownBy(() -> ThresholdEvaluator.evaluate(ThresholdState.EMPTY, T0, List.of(t, t, t, t)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Threshold.of(0, 1, 0, LOG)).hasMessageContaining("outside 1-2880");
        assertThatThrownBy(() -> Threshold.of(2881, 1, 0, LOG)).hasMessageContaining("outside 1-2880");
        assertThatThrownBy(() -> Threshold.of(1, 0, 0, LOG)).hasMessageContaining("greater than 0");
        assertThatThrownBy(() -> Threshold.of(1, 1, 35792, LOG)).hasMessageContaining("outside 0-35791");
    }
}
