package io.mmsguard.inspection.av;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mmsguard.inspection.scan.ScanFailedException;

/**
 * Checks whole body signatures around anchor occurrences, for one scan of one content.
 *
 * <p>The tokens after the anchor are matched forwards from the anchor's end and the tokens before it backwards from
 * the anchor's start. Both sides run as sets of reachable positions (a {@link BitSet} per token, like a Thompson
 * NFA), not by backtracking: with several {@code *} or ranges a backtracking matcher takes exponential time, this
 * one O(tokens x content) at worst. The sides are independent (the suffix only depends on where the anchor ends),
 * so a signature matches when the suffix reaches any position and a start reached by the prefix fits the offset.
 *
 * <p>Content can repeat one anchor many times; after an unbounded gap ({@code *}, {@code {n-}}) every candidate
 * would then re-walk the rest of the content, O(n^2) in all. So each side stops at the unbounded gap nearest the
 * anchor: beyond it the suffix only needs "the rest can start at or after q" and the prefix "the earlier tokens,
 * started inside the offset window, can end by u". The last possible start and the first possible end are
 * computed once per signature per scan, so each candidate only walks its bounded stretch next to the anchor.
 * That stretch can still be wide ({@code {0-50000}}), so all verification of a scan shares a work budget: a scan
 * that exceeds it fails with {@link ScanFailedException} rather than stalling on hostile content, and the
 * caller's fail-open/fail-closed rule decides.
 */
final class PatternVerifier {
    /**
     * What one signature's far side (past the unbounded gap nearest the anchor) allows in this content, computed
     * once per scan when first needed; {@link #UNKNOWN} until then.
     */
    private static final class Memo {
        /** Last position the suffix tokens after the gap can start matching from; -1: nowhere. */
        long suffixMaxStart = UNKNOWN;
        /** First position the prefix tokens before the gap can end at, starting inside the offset window. */
        long prefixMinEnd = UNKNOWN;
    }

    private static final long UNKNOWN = Long.MIN_VALUE;

    private final byte[] c;
    private final int length;
    private final long budget;
    private long work;
    private final Map<Integer, Memo> memos = new HashMap<>();

    /**
     * @param budget the most position-steps all verifications of this scan may take together
     */
    PatternVerifier(byte[] content, int length, long budget) {
        this.c = content;
        this.length = length;
        this.budget = budget;
    }

    /**
     * @param id          the signature's index in its database, for the per-scan bounds
     * @param anchorStart where the anchor's first byte lies in the content
     */
    boolean matches(int id, BodySignature signature, int anchorStart) {
        // Every candidate costs a step, even one rejected at once: a database whose signatures share one anchor
        // (thousands ending in zero bytes) would otherwise make content repeating it cost that many calls per byte.
        charge(1);
        BodyPattern p = signature.pattern();
        List<PatternToken> tokens = p.tokens();
        int anchorEnd = anchorStart + (p.anchorEnd() - p.anchorStart());
        SignatureOffset offset = signature.offset();
        long lo = Math.max(0, offset.lowest(length));
        long hi = Math.min(length, offset.highest(length));
        if (lo > hi) {
            return false;
        }
        // Cheap rejections before building any sets: the prefix is at least as long as its fixed part.
        long minPrefix = minLength(tokens, 0, p.anchorStart());
        if (anchorStart - minPrefix < lo) {
            return false;
        }
        if (p.anchorStart() == 0 || !hasUnbounded(tokens, 0, p.anchorStart())) {
            if (anchorStart - maxLength(tokens, 0, p.anchorStart()) > hi) {
                return false;
            }
        }
        Memo memo = memos.computeIfAbsent(id, k -> new Memo());
        return suffixMatches(tokens, p.anchorEnd(), anchorEnd, memo)
                && prefixReachesWindow(tokens, p.anchorStart(), anchorStart, lo, hi, memo);
    }

    // Position sets are BitSets indexed relative to a base (forward: position = base + k; backward:
    // position = base - k), so a candidate deep into large content costs a few words, not one bit per byte before it.

    private boolean suffixMatches(List<PatternToken> tokens, int from, int start, Memo memo) {
        BitSet cur = new BitSet();
        cur.set(0);
        for (int ti = from; ti < tokens.size() && !cur.isEmpty(); ti++) {
            PatternToken t = tokens.get(ti);
            if (t instanceof PatternToken.Gap g && g.max() == PatternToken.Gap.UNBOUNDED) {
                // From here the reachable set is [q, length], so the rest matches iff it can start at or after q.
                long q = (long) start + cur.nextSetBit(0) + g.min();
                if (memo.suffixMaxStart == UNKNOWN) {
                    memo.suffixMaxStart = lastStart(tokens, ti + 1, tokens.size());
                }
                return q <= memo.suffixMaxStart;
            }
            cur = forward(t, cur, start);
        }
        return !cur.isEmpty();
    }

    private boolean prefixReachesWindow(List<PatternToken> tokens, int to, int end, long lo, long hi, Memo memo) {
        BitSet cur = new BitSet();
        cur.set(0);
        for (int ti = to - 1; ti >= 0 && !cur.isEmpty(); ti--) {
            PatternToken t = tokens.get(ti);
            if (t instanceof PatternToken.Gap g && g.max() == PatternToken.Gap.UNBOUNDED) {
                // From here the reachable set is [0, u]: the earlier tokens must fit in the window and end by u.
                long u = (long) end - cur.nextSetBit(0) - g.min();
                if (memo.prefixMinEnd == UNKNOWN) {
                    memo.prefixMinEnd = firstEnd(tokens, 0, ti, lo, hi);
                }
                return memo.prefixMinEnd <= u;
            }
            cur = backward(t, cur, end);
            // Positions only move left from here on: those left of the window can never get back into it.
            long dropFrom = end - lo + 1;
            if (dropFrom < cur.length()) {
                cur.clear((int) Math.max(0, dropFrom), cur.length());
            }
        }
        long kLo = Math.max(0, end - hi);
        long kHi = end - lo;
        if (kLo > kHi) {
            return false;
        }
        int first = cur.nextSetBit((int) kLo);
        return first >= 0 && first <= kHi;
    }

    /** The last position tokens [from, to) can start matching from, anywhere in the content; -1 if none. */
    private long lastStart(List<PatternToken> tokens, int from, int to) {
        BitSet cur = new BitSet();
        cur.set(0, length + 1);
        charge(length / 64 + 1);
        for (int ti = to - 1; ti >= from && !cur.isEmpty(); ti--) {
            cur = backward(tokens.get(ti), cur, length);
        }
        return cur.isEmpty() ? -1 : length - cur.nextSetBit(0);
    }

    /** The first position tokens [from, to) can end at when started inside [lo, hi]; MAX_VALUE if none. */
    private long firstEnd(List<PatternToken> tokens, int from, int to, long lo, long hi) {
        BitSet cur = new BitSet();
        cur.set((int) lo, (int) hi + 1);
        charge((hi - lo) / 64 + 1);
        for (int ti = from; ti < to && !cur.isEmpty(); ti++) {
            cur = forward(tokens.get(ti), cur, 0);
        }
        return cur.isEmpty() ? Long.MAX_VALUE : cur.nextSetBit(0);
    }

    /** One token forwards; bit k of {@code cur} is position {@code base + k}. */
    private BitSet forward(PatternToken t, BitSet cur, int base) {
        BitSet next = new BitSet();
        int room = length - base; // the largest k that is still inside the content
        if (t instanceof PatternToken.ByteToken b) {
            for (int k = cur.nextSetBit(0); k >= 0 && k < room; k = cur.nextSetBit(k + 1)) {
                charge(1);
                if (b.matches(c[base + k])) {
                    next.set(k + 1);
                }
            }
        } else if (t instanceof PatternToken.Gap g) {
            gap(g, cur, next, room);
        } else if (t instanceof PatternToken.Alternatives a) {
            for (int k = cur.nextSetBit(0); k >= 0 && k < room; k = cur.nextSetBit(k + 1)) {
                for (byte[] o : a.options()) {
                    charge(1);
                    if (regionEquals(base + k, o)) {
                        next.set(k + o.length);
                    }
                }
            }
        }
        return next;
    }

    /**
     * A gap, in either direction: every position {@code k} in {@code cur} reaches {@code k+min .. k+max}, capped at
     * {@code limit} (the distance to the content's end forwards, or to its start backwards).
     */
    private void gap(PatternToken.Gap g, BitSet cur, BitSet next, int limit) {
        if (g.max() == PatternToken.Gap.UNBOUNDED) {
            long from = (long) cur.nextSetBit(0) + g.min();
            if (from <= limit) {
                charge((limit - from) / 64 + 1);
                next.set((int) from, limit + 1);
            }
            return;
        }
        for (int k = cur.nextSetBit(0); k >= 0; k = cur.nextSetBit(k + 1)) {
            long lo = (long) k + g.min();
            long hi = Math.min((long) k + g.max(), limit);
            charge(1);
            if (lo <= hi) {
                next.set((int) lo, (int) hi + 1);
            }
        }
    }

    /** One token backwards; bit k of {@code cur} is position {@code base - k}. */
    private BitSet backward(PatternToken t, BitSet cur, int base) {
        BitSet next = new BitSet();
        if (t instanceof PatternToken.ByteToken b) {
            for (int k = cur.nextSetBit(0); k >= 0 && k < base; k = cur.nextSetBit(k + 1)) {
                charge(1);
                if (b.matches(c[base - k - 1])) {
                    next.set(k + 1);
                }
            }
        } else if (t instanceof PatternToken.Gap g) {
            gap(g, cur, next, base);
        } else if (t instanceof PatternToken.Alternatives a) {
            for (int k = cur.nextSetBit(0); k >= 0 && k < base; k = cur.nextSetBit(k + 1)) {
                for (byte[] o : a.options()) {
                    charge(1);
                    int at = base - k - o.length;
                    if (at >= 0 && regionEquals(at, o)) {
                        next.set(k + o.length);
                    }
                }
            }
        }
        return next;
    }

    private void charge(long steps) {
        work += steps;
        if (work > budget) {
            throw new ScanFailedException("signature verification exceeded its budget of " + budget
                    + " steps on " + length + " bytes (content built to defeat the matcher?)");
        }
    }

    private boolean regionEquals(int at, byte[] o) {
        if (at + o.length > length) {
            return false;
        }
        for (int k = 0; k < o.length; k++) {
            if (c[at + k] != o[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasUnbounded(List<PatternToken> tokens, int from, int to) {
        for (int i = from; i < to; i++) {
            if (tokens.get(i) instanceof PatternToken.Gap g && g.max() == PatternToken.Gap.UNBOUNDED) {
                return true;
            }
        }
        return false;
    }

    private static long minLength(List<PatternToken> tokens, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            PatternToken t = tokens.get(i);
            if (t instanceof PatternToken.ByteToken) {
                sum++;
            } else if (t instanceof PatternToken.Gap g) {
                sum += g.min();
            } else if (t instanceof PatternToken.Alternatives a) {
                sum += a.options().stream().mapToInt(o -> o.length).min().orElse(0);
            }
        }
        return sum;
    }

    /** Only called on token ranges without unbounded gaps. */
    private static long maxLength(List<PatternToken> tokens, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            PatternToken t = tokens.get(i);
            if (t instanceof PatternToken.ByteToken) {
                sum++;
            } else if (t instanceof PatternToken.Gap g) {
                sum += g.max();
            } else if (t instanceof PatternToken.Alternatives a) {
                sum += a.options().stream().mapToInt(o -> o.length).max().orElse(0);
            }
        }
        return sum;
    }
}
