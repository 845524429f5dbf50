package io.mmsguard.inspection.threshold;

import java.util.Arrays;

/**
 * A sliding-window counter made of {@value #BUCKETS} fixed buckets of {@code window / BUCKETS} each: memory is
 * constant per window whatever the traffic, and an event costs O(1) amortised (advancing clears at most
 * {@value #BUCKETS} buckets, and a running total avoids summing them).
 *
 * <p>Error bound: the count "for the window ending at s" is the sum of the buckets {@code (bucket(s) - BUCKETS,
 * bucket(s)]}. It covers {@code [start, s]} with {@code s - W < start <= s - W + width}, so it never counts an
 * event older than the exact window {@code (s - W, s]} and can miss only events of its oldest {@code width - 1} ms.
 * It is exact when events fall on bucket starts, or when {@code s + 1} is a bucket boundary.
 *
 * <p>Mutable and package-private: {@link ThresholdState} copies it before each change so the public API stays
 * immutable.
 */
final class BucketRing {

    static final int BUCKETS = 60;

    private final int windowMinutes;
    private final long width;
    private final int[] counts;
    private long head;
    private long total;

    BucketRing(int windowMinutes, long head) {
        this.windowMinutes = windowMinutes;
        this.width = widthMillis(windowMinutes);
        this.counts = new int[BUCKETS];
        this.head = head;
    }

    private BucketRing(BucketRing other) {
        this.windowMinutes = other.windowMinutes;
        this.width = other.width;
        this.counts = other.counts.clone();
        this.head = other.head;
        this.total = other.total;
    }

    /** One second per minute of window: bucket boundaries fall on whole seconds and the width divides the window. */
    static long widthMillis(int windowMinutes) {
        return windowMinutes * 60_000L / BUCKETS;
    }

    static long bucketOf(long timeMillis, int windowMinutes) {
        return Math.floorDiv(timeMillis, widthMillis(windowMinutes));
    }

    BucketRing copy() {
        return new BucketRing(this);
    }

    int windowMinutes() {
        return windowMinutes;
    }

    long head() {
        return head;
    }

    long total() {
        return total;
    }

    /** Moves the newest bucket forward; buckets that leave the window are cleared. Never moves backward. */
    void advanceTo(long bucket) {
        if (bucket <= head) {
            return;
        }
        long steps = bucket - head;
        if (steps >= BUCKETS) {
            Arrays.fill(counts, 0);
            total = 0;
        } else {
            for (long b = head + 1; b <= bucket; b++) {
                int i = slot(b);
                total -= counts[i];
                counts[i] = 0;
            }
        }
        head = bucket;
    }

    /**
     * Counts one event in its bucket. An event in a bucket newer than the head must be preceded by
     * {@link #advanceTo}; one older than the ring is outside every window still open and is not counted.
     *
     * @return whether the event was counted
     */
    boolean add(long bucket) {
        if (bucket > head) {
            throw new IllegalStateException("advance to bucket " + bucket + " before adding to it");
        }
        if (bucket <= head - BUCKETS) {
            return false;
        }
        int i = slot(bucket);
        if (counts[i] == Integer.MAX_VALUE) {
            return false;
        }
        counts[i]++;
        total++;
        return true;
    }

    /** Moves the ring as a whole so that its newest bucket is {@code newHead}: counts keep their ages. */
    void reanchor(long newHead) {
        int[] aged = ages();
        head = newHead;
        setAges(aged);
    }

    /**
     * The same events in a ring of another window. Each old bucket's count goes to the new bucket that holds the
     * old bucket's start: exact when the new width is a multiple of the old one; otherwise events move at most one
     * old width earlier, so they can only leave the window early (the ring still never over-counts). A longer
     * window starts with only the history the old ring had. The new ring's head is the bucket holding the old
     * head's start: the caller advances it afterwards, so a longer window keeps what the old one still held.
     */
    BucketRing rebucket(int newWindowMinutes) {
        long newHead = Math.floorDiv(head * width, widthMillis(newWindowMinutes));
        BucketRing target = new BucketRing(newWindowMinutes, newHead);
        for (int age = 0; age < BUCKETS; age++) {
            int c = counts[slot(head - age)];
            if (c == 0) {
                continue;
            }
            long start = (head - age) * width;
            long b = Math.floorDiv(start, target.width);
            if (b <= newHead && b > newHead - BUCKETS) {
                int i = target.slot(b);
                long sum = (long) target.counts[i] + c;
                int stored = (int) Math.min(Integer.MAX_VALUE, sum);
                target.total += stored - target.counts[i];
                target.counts[i] = stored;
            }
        }
        return target;
    }

    /** The first time at which no counted event is inside the window any more; {@code Long.MIN_VALUE} when empty. */
    long expiresAt() {
        for (int age = 0; age < BUCKETS; age++) {
            if (counts[slot(head - age)] != 0) {
                return (head - age + BUCKETS) * width;
            }
        }
        return Long.MIN_VALUE;
    }

    /** Counts by age: index 0 is the newest bucket. */
    int[] ages() {
        int[] aged = new int[BUCKETS];
        for (int age = 0; age < BUCKETS; age++) {
            aged[age] = counts[slot(head - age)];
        }
        return aged;
    }

    void setAges(int[] aged) {
        total = 0;
        for (int age = 0; age < BUCKETS; age++) {
            int c = age < aged.length ? aged[age] : 0;
            counts[slot(head - age)] = c;
            total += c;
        }
    }

    private int slot(long bucket) {
        return (int) Math.floorMod(bucket, (long) BUCKETS);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BucketRing r && r.windowMinutes == windowMinutes && r.head == head
                && Arrays.equals(r.ages(), ages());
    }

    @Override
    public int hashCode() {
        return Long.hashCode(head) * 31 + Arrays.hashCode(ages()) + windowMinutes;
    }
}
