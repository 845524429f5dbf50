package io.mmsguard.inspection.threshold;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Flood and duplicate threshold semantics (FORTICARRIER.md 1.3 and 2.3, FEATURES.md A10-A12), as a pure function
 * of (state, event time, thresholds).
 *
 * <ul>
 * <li><b>Count.</b> Every message evaluated counts, blocked ones included: the count is the key's offered load
 *     (what the monitor shows), and a flooder must not win capacity back by sending harder. The count includes the
 *     message being judged.</li>
 * <li><b>Edge.</b> A threshold is exceeded when the count in its window is greater than its limit: message
 *     {@code limit} passes, message {@code limit + 1} triggers ("more than 100 messages in 60 min").</li>
 * <li><b>Window.</b> {@code (t - W, t]}: an event exactly one window old no longer counts. With buckets the
 *     oldest bucket may already have dropped up to one bucket width earlier (see {@link BucketRing}).</li>
 * <li><b>Order.</b> Only enabled thresholds, in list order; all of them are counted and reported, so the
 *     inspection log and the monitors see every count.</li>
 * <li><b>Actions.</b> An exceeded threshold applies all its actions to the message; FortiOS says the action
 *     "stays in force" during the block time, so blocked attempts get them too. ARCHIVE_FIRST fires only on the
 *     first message of an episode: a run of consecutive messages that exceeded the threshold, which ends with the
 *     first message that does not.</li>
 * <li><b>Block.</b> With BLOCK and block time B > 0 the key stays blocked until {@code attempt + B} (exclusive),
 *     and every attempt during the block restarts it from that attempt, even when the count has fallen below the
 *     limit. With B = 0 only messages over the limit are blocked; because blocked attempts count, a sender who
 *     keeps sending above the rate stays blocked until its attempts in the window fall back to the limit.</li>
 * <li><b>Profile change.</b> A threshold position keeps its state while its window stays the same (limit,
 *     actions and block time apply at once, including to an active block); a new window re-buckets the counts
 *     ({@link BucketRing#rebucket}); a disabled or removed threshold, or one that loses BLOCK, forgets its counts
 *     and lifts its block.</li>
 * <li><b>Time.</b> The key's stream time is the newest event time. A late event within the windows is counted in
 *     its own bucket and judged against the windows ending at the stream time; one older than every window is
 *     not counted. An event more than the largest window older than the stream time is a backward clock jump:
 *     the whole state (counts, blocks, stream time) moves back with it, so a wrong clock neither frees a flooder
 *     nor blocks a key for the length of the jump. A forward jump simply lets windows and blocks expire.</li>
 * </ul>
 */
public final class ThresholdEvaluator {

    private ThresholdEvaluator() {
    }

    public static Evaluation evaluate(ThresholdState state, long eventTimeMillis, List<Threshold> thresholds) {
        checkSize(thresholds);
        Slot[] slots = state.copySlots();
        long streamTime = advanceStreamTime(state, slots, eventTimeMillis, thresholds);
        reconcile(slots, thresholds, streamTime);

        List<ThresholdResult> results = new ArrayList<>();
        Set<ThresholdAction> actions = EnumSet.noneOf(ThresholdAction.class);
        boolean blocked = false;
        long blockedUntil = Long.MIN_VALUE;
        for (int i = 0; i < thresholds.size(); i++) {
            Threshold th = thresholds.get(i);
            if (!th.enabled()) {
                continue;
            }
            Slot slot = slots[i];
            long time = eventTimeMillis;
            slot.ring.add(BucketRing.bucketOf(time, th.windowMinutes()));
            long count = slot.ring.total();
            boolean exceeded = count > th.limit() || slot.blockedAt(time);

            Set<ThresholdAction> applied = EnumSet.noneOf(ThresholdAction.class);
            if (exceeded) {
                applied.addAll(th.actions());
                if (slot.inEpisode) {
                    applied.remove(ThresholdAction.ARCHIVE_FIRST);
                }
                if (th.blocks()) {
                    blocked = true;
                    if (th.blockTimeMinutes() > 0) {
                        slot.blockRestartedAt = Math.max(slot.blockRestartedAt, time);
                        slot.blockMinutes = th.blockTimeMinutes();
                    }
                }
            }
            slot.inEpisode = exceeded;
            actions.addAll(applied);

            OptionalLong until = OptionalLong.empty();
            if (slot.blockedAt(time)) {
                until = OptionalLong.of(slot.blockedUntil());
                blockedUntil = Math.max(blockedUntil, slot.blockedUntil());
            }
            results.add(new ThresholdResult(i + 1, th.windowMinutes(), th.limit(), count, exceeded, applied, until));
        }
        Outcome outcome = new Outcome(results, actions, blocked,
                blockedUntil == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(blockedUntil));
        return new Evaluation(new ThresholdState(streamTime, slots), outcome);
    }

    /**
     * What a message of this key at {@code timeMillis} would get: the very evaluation the topology runs, its new
     * state thrown away. This is "blocked now" for an operator: with block time 0 a key is blocked while its window
     * holds {@code limit} or more, since the next message would make it {@code limit + 1}.
     */
    public static Outcome next(ThresholdState state, long timeMillis, List<Threshold> thresholds) {
        return evaluate(state, timeMillis, thresholds).outcome();
    }

    /**
     * The key as seen at {@code timeMillis} under {@code thresholds}, without counting anything: counts per enabled
     * threshold, whether it is flagged, and the active block with its end.
     */
    public static List<ThresholdView> explain(ThresholdState state, long timeMillis, List<Threshold> thresholds) {
        checkSize(thresholds);
        Slot[] slots = state.copySlots();
        long streamTime = state.isEmpty() ? timeMillis : Math.max(state.streamTime(), timeMillis);
        reconcile(slots, thresholds, streamTime);
        List<ThresholdView> views = new ArrayList<>();
        for (int i = 0; i < thresholds.size(); i++) {
            Threshold th = thresholds.get(i);
            if (!th.enabled()) {
                continue;
            }
            Slot slot = slots[i];
            boolean blockActive = slot.blockedAt(timeMillis);
            views.add(new ThresholdView(i + 1, th.windowMinutes(), th.limit(), slot.ring.total(),
                    blockActive || slot.ring.total() > th.limit(),
                    blockActive ? OptionalLong.of(slot.blockedUntil()) : OptionalLong.empty()));
        }
        return views;
    }

    private static void checkSize(List<Threshold> thresholds) {
        if (thresholds.size() > Threshold.MAX_THRESHOLDS) {
            throw new IllegalArgumentException("at most 3 thresholds, got " + thresholds.size());
        }
    }

    private static long advanceStreamTime(ThresholdState state, Slot[] slots, long t, List<Threshold> thresholds) {
        if (state.isEmpty()) {
            return t;
        }
        long streamTime = state.streamTime();
        if (t >= streamTime) {
            return t;
        }
        long largestWindow = thresholds.stream().filter(Threshold::enabled)
                .mapToLong(Threshold::windowMillis).max().orElse(0);
        if (streamTime - t <= largestWindow) {
            return streamTime;
        }
        long shift = streamTime - t;
        for (Slot s : slots) {
            if (s != null) {
                s.ring.reanchor(BucketRing.bucketOf(t, s.ring.windowMinutes()));
                if (s.blockRestartedAt != Slot.NO_BLOCK) {
                    s.blockRestartedAt -= shift;
                }
            }
        }
        return t;
    }

    /** Brings the slots in line with the thresholds in force and moves every ring to the stream time. */
    private static void reconcile(Slot[] slots, List<Threshold> thresholds, long streamTime) {
        for (int i = 0; i < slots.length; i++) {
            Threshold th = i < thresholds.size() ? thresholds.get(i) : null;
            if (th == null || !th.enabled()) {
                slots[i] = null;
                continue;
            }
            long head = BucketRing.bucketOf(streamTime, th.windowMinutes());
            Slot slot = slots[i];
            if (slot == null) {
                slots[i] = new Slot(new BucketRing(th.windowMinutes(), head));
                continue;
            }
            if (slot.ring.windowMinutes() != th.windowMinutes()) {
                slot.ring = slot.ring.rebucket(th.windowMinutes());
            }
            slot.ring.advanceTo(head);
            if (!th.blocks() || th.blockTimeMinutes() == 0) {
                slot.clearBlock();
            } else if (slot.blockRestartedAt != Slot.NO_BLOCK) {
                slot.blockMinutes = th.blockTimeMinutes();
            }
        }
    }
}
