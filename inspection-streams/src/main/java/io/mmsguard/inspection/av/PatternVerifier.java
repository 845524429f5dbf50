package io.mmsguard.inspection.av;

import java.util.BitSet;
import java.util.List;

/**
 * Checks a whole body signature around one anchor occurrence.
 *
 * <p>The tokens after the anchor are matched forwards from the anchor's end and the tokens before it backwards from
 * the anchor's start. Both sides are run as sets of reachable positions (a {@link BitSet} per step, like a
 * Thompson NFA), not by backtracking: with several {@code *} or ranges a backtracking matcher can take exponential
 * time, this one takes O(tokens x content) at worst. The two sides are independent (the suffix only depends on
 * where the anchor ends), so the signature matches when the suffix reaches any position and some start reached
 * by the prefix satisfies the offset.
 */
final class PatternVerifier {

    private PatternVerifier() {
    }

    /**
     * @param anchorStart where the anchor's first byte lies in the content
     */
    static boolean matches(BodySignature signature, byte[] content, int length, int anchorStart) {
        BodyPattern p = signature.pattern();
        List<PatternToken> tokens = p.tokens();
        int anchorEnd = anchorStart + (p.anchorEnd() - p.anchorStart());
        SignatureOffset offset = signature.offset();
        // Cheap rejection before building any sets: the prefix is at least as long as its fixed part.
        if (offset.kind() != SignatureOffset.Kind.ANY) {
            long latestStart = anchorStart - minLength(tokens, 0, p.anchorStart());
            if (latestStart < offset.lowest(length)) {
                return false;
            }
        }
        if (!suffixMatches(tokens, p.anchorEnd(), content, length, anchorEnd)) {
            return false;
        }
        BitSet starts = prefixStarts(tokens, p.anchorStart(), content, anchorStart);
        if (offset.kind() == SignatureOffset.Kind.ANY) {
            return !starts.isEmpty();
        }
        long lo = Math.max(0, offset.lowest(length));
        long hi = Math.min(length, offset.highest(length));
        if (lo > hi) {
            return false;
        }
        int next = starts.nextSetBit((int) lo);
        return next >= 0 && next <= hi;
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

    private static boolean suffixMatches(List<PatternToken> tokens, int from, byte[] c, int length, int start) {
        BitSet cur = new BitSet();
        cur.set(start);
        for (int ti = from; ti < tokens.size() && !cur.isEmpty(); ti++) {
            PatternToken t = tokens.get(ti);
            BitSet next = new BitSet();
            if (t instanceof PatternToken.ByteToken b) {
                for (int i = cur.nextSetBit(0); i >= 0 && i < length; i = cur.nextSetBit(i + 1)) {
                    if (b.matches(c[i])) {
                        next.set(i + 1);
                    }
                }
            } else if (t instanceof PatternToken.Gap g) {
                if (g.max() == PatternToken.Gap.UNBOUNDED) {
                    long from0 = (long) cur.nextSetBit(0) + g.min();
                    if (from0 <= length) {
                        next.set((int) from0, length + 1);
                    }
                } else {
                    for (int i = cur.nextSetBit(0); i >= 0; i = cur.nextSetBit(i + 1)) {
                        long lo = (long) i + g.min();
                        long hi = Math.min((long) i + g.max(), length);
                        if (lo <= hi) {
                            next.set((int) lo, (int) hi + 1);
                        }
                    }
                }
            } else if (t instanceof PatternToken.Alternatives a) {
                for (int i = cur.nextSetBit(0); i >= 0 && i < length; i = cur.nextSetBit(i + 1)) {
                    for (byte[] o : a.options()) {
                        if (regionEquals(c, length, i, o)) {
                            next.set(i + o.length);
                        }
                    }
                }
            }
            cur = next;
        }
        return !cur.isEmpty();
    }

    /** @return the set of positions where the tokens [0, to) can start so that they end at {@code end} */
    private static BitSet prefixStarts(List<PatternToken> tokens, int to, byte[] c, int end) {
        BitSet cur = new BitSet();
        cur.set(end);
        for (int ti = to - 1; ti >= 0 && !cur.isEmpty(); ti--) {
            PatternToken t = tokens.get(ti);
            BitSet next = new BitSet();
            if (t instanceof PatternToken.ByteToken b) {
                for (int i = cur.nextSetBit(1); i >= 0; i = cur.nextSetBit(i + 1)) {
                    if (b.matches(c[i - 1])) {
                        next.set(i - 1);
                    }
                }
            } else if (t instanceof PatternToken.Gap g) {
                if (g.max() == PatternToken.Gap.UNBOUNDED) {
                    long upTo = (long) cur.previousSetBit(cur.length()) - g.min();
                    if (upTo >= 0) {
                        next.set(0, (int) upTo + 1);
                    }
                } else {
                    for (int i = cur.nextSetBit(0); i >= 0; i = cur.nextSetBit(i + 1)) {
                        long lo = Math.max(0, (long) i - g.max());
                        long hi = (long) i - g.min();
                        if (lo <= hi) {
                            next.set((int) lo, (int) hi + 1);
                        }
                    }
                }
            } else if (t instanceof PatternToken.Alternatives a) {
                for (int i = cur.nextSetBit(0); i >= 0; i = cur.nextSetBit(i + 1)) {
                    for (byte[] o : a.options()) {
                        if (i - o.length >= 0 && regionEquals(c, i, i - o.length, o)) {
                            next.set(i - o.length);
                        }
                    }
                }
            }
            cur = next;
        }
        return cur;
    }

    private static boolean regionEquals(byte[] c, int length, int at, byte[] o) {
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
}
