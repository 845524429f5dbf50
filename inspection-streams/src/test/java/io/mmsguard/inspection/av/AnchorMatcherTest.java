package io.mmsguard.inspection.av;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The matcher reports exactly the anchor occurrences a naive search finds, in the naive search's order: by end
 * position, then the longer anchor, then the pattern id (the order that decides which signature name a scan
 * reports), and stops exactly where the listener says so.
 */
class AnchorMatcherTest {

    /** Every occurrence, ordered by end, then longer anchor, then id. */
    private static List<String> naive(List<byte[]> anchors, byte[] content) {
        List<String> hits = new ArrayList<>();
        for (int end = 1; end <= content.length; end++) {
            List<Integer> here = new ArrayList<>();
            for (int id = 0; id < anchors.size(); id++) {
                byte[] a = anchors.get(id);
                int start = end - a.length;
                boolean equal = start >= 0;
                for (int k = 0; k < a.length && equal; k++) {
                    equal = content[start + k] == a[k];
                }
                if (equal) {
                    here.add(id);
                }
            }
            here.sort(java.util.Comparator.comparingInt((Integer id) -> -anchors.get(id).length)
                    .thenComparingInt(id -> id));
            for (int id : here) {
                hits.add(id + "@" + end);
            }
        }
        return hits;
    }

    private static List<String> matcher(AnchorMatcher m, byte[] content, int stopAfter) {
        List<String> hits = new ArrayList<>();
        m.scan(content, content.length, (id, end) -> {
            hits.add(id + "@" + end);
            return hits.size() < stopAfter;
        });
        return hits;
    }

    private static byte[] randomBytes(Random r, byte[] alphabet, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = alphabet[r.nextInt(alphabet.length)];
        }
        return b;
    }

    /**
     * Random databases over a small alphabet (with zero bytes, which the rolling gram starts with), anchors of 1 to
     * 9 bytes so each gram length has its own filter and anchors overlap, end inside one another and repeat;
     * contents of the same alphabet with anchors planted, some at the very start. The bitmap density varies down to
     * one bit per gram, where the filter passes most positions and the exact comparison does all the work, and the
     * longest gram from 1 byte (every anchor keyed on its last byte) to the default, and the anchors that share a gram
     * compared one by one, walked in a trie, or both in one database.
     */
    @Property(tries = 400)
    void findsWhatANaiveSearchFindsInItsOrder(@ForAll long seed, @ForAll @IntRange(min = 1, max = 64) int density,
            @ForAll @IntRange(min = 1, max = AnchorMatcher.GRAM) int gram,
            @ForAll @IntRange(min = 1, max = 3) int trieFrom) {
        Random r = new Random(seed);
        byte[] alphabet = r.nextBoolean() ? new byte[] {0, 1, 'A'} : new byte[] {0, 'A', 'B', 'C', (byte) 0xFF};
        List<byte[]> anchors = new ArrayList<>();
        int count = 1 + r.nextInt(40);
        for (int i = 0; i < count; i++) {
            if (i > 0 && r.nextInt(5) == 0) {
                // A suffix, prefix or copy of an earlier anchor: overlapping occurrences, shared end grams.
                byte[] earlier = anchors.get(r.nextInt(i));
                int len = 1 + r.nextInt(earlier.length);
                int from = r.nextBoolean() ? earlier.length - len : 0;
                anchors.add(java.util.Arrays.copyOfRange(earlier, from, from + len));
            } else {
                anchors.add(randomBytes(r, alphabet, 1 + r.nextInt(r.nextInt(3) == 0 ? 9 : 4)));
            }
        }
        byte[] content = randomBytes(r, alphabet, r.nextInt(300));
        for (int p = r.nextInt(6); p > 0 && content.length > 0; p--) {
            byte[] a = anchors.get(r.nextInt(anchors.size()));
            int at = r.nextInt(4) == 0 ? 0 : r.nextInt(content.length);
            System.arraycopy(a, 0, content, at, Math.min(a.length, content.length - at));
        }
        // 1: every gram's anchors in a trie; 2: tries for the grams several anchors share; 3: none.
        int from = trieFrom == 1 ? 1 : trieFrom == 2 ? 2 : Integer.MAX_VALUE;
        AnchorMatcher m = AnchorMatcher.build(anchors, density, gram, from);

        List<String> expected = naive(anchors, content);
        assertThat(matcher(m, content, Integer.MAX_VALUE)).isEqualTo(expected);
        int stop = 1 + r.nextInt(Math.max(1, expected.size()));
        assertThat(matcher(m, content, stop)).isEqualTo(expected.subList(0, Math.min(stop, expected.size())));
    }

    @Test
    void theLengthBoundsTheScanNotTheArray() {
        AnchorMatcher m = AnchorMatcher.build(List.of(new byte[] {'A', 'B'}, new byte[] {'x', 'A', 'B', 'C', 'D'}));
        byte[] content = "ABxABCD".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        List<String> hits = new ArrayList<>();
        m.scan(content, 6, (id, end) -> hits.add(id + "@" + end));
        assertThat(hits).containsExactly("0@2", "0@5");
    }

    /**
     * A database of the size the benchmarks use, random binary and printable anchors of 2 to 24 bytes, against
     * random bytes, text and content made of the anchors themselves (thousands of hits).
     */
    @Test
    void largeDatabaseAgreesWithANaiveSearch() {
        Random r = new Random(11);
        List<byte[]> anchors = new ArrayList<>();
        byte[] printable = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < 3000; i++) {
            int len = 2 + r.nextInt(23);
            if (r.nextBoolean()) {
                anchors.add(randomBytes(r, printable, len));
            } else {
                byte[] a = new byte[len];
                r.nextBytes(a);
                anchors.add(a);
            }
        }
        AnchorMatcher m = AnchorMatcher.build(anchors);
        byte[] random = new byte[20_000];
        r.nextBytes(random);
        byte[] rich = new byte[20_000];
        for (int at = 0; at < rich.length; ) {
            byte[] a = anchors.get(r.nextInt(anchors.size()));
            int n = Math.min(a.length, rich.length - at);
            System.arraycopy(a, 0, rich, at, n);
            at += n;
        }
        for (byte[] content : List.of(random, randomBytes(r, printable, 20_000), rich)) {
            assertThat(matcher(m, content, Integer.MAX_VALUE)).isEqualTo(naive(anchors, content));
        }
        assertThat(naive(anchors, rich)).hasSizeGreaterThan(1000);
    }

    /**
     * Thousands of anchors ending with the same bytes (the run of zeros a database of padded signatures has), some
     * identical, some suffixes of others, against content made of that run with some of them planted: the trie the
     * default build gives such a gram reports what the naive search finds, in its order, and so does the one-by-one
     * comparison.
     */
    @Test
    void anchorsCrowdingOneGramAgreeWithANaiveSearch() {
        Random r = new Random(20261206L);
        List<byte[]> anchors = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int choice = r.nextInt(10);
            if (choice == 0 && !anchors.isEmpty()) {
                anchors.add(anchors.get(r.nextInt(anchors.size())).clone());
            } else if (choice == 1 && !anchors.isEmpty()) {
                byte[] earlier = anchors.get(r.nextInt(anchors.size()));
                anchors.add(java.util.Arrays.copyOfRange(earlier, r.nextInt(earlier.length - 3), earlier.length));
            } else {
                byte[] a = new byte[8 + r.nextInt(57)];
                int head = 1 + r.nextInt(a.length - 4);
                for (int k = 0; k < head; k++) {
                    a[k] = (byte) r.nextInt(3);
                }
                anchors.add(a);
            }
        }
        byte[] content = new byte[20_000];
        for (int p = 0; p < 300; p++) {
            byte[] a = anchors.get(r.nextInt(anchors.size()));
            int at = r.nextInt(content.length - a.length);
            System.arraycopy(a, 0, content, at, a.length);
        }
        List<String> expected = naive(anchors, content);
        assertThat(expected).hasSizeGreaterThan(300);
        assertThat(matcher(AnchorMatcher.build(anchors), content, Integer.MAX_VALUE)).isEqualTo(expected);
        assertThat(matcher(AnchorMatcher.build(anchors, AnchorMatcher.BITS_PER_GRAM, AnchorMatcher.GRAM,
                Integer.MAX_VALUE), content, Integer.MAX_VALUE)).isEqualTo(expected);
    }
}
