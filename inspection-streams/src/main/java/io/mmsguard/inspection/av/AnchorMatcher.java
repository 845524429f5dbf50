package io.mmsguard.inspection.av;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Finds every occurrence of the signatures' anchors in a content: a filter on each anchor's last {@value #GRAM}
 * bytes (fewer for shorter anchors) and an exact comparison where the filter passes.
 *
 * <p>At each content position the last {@value #GRAM} bytes, kept in one int as they roll in, are hashed into a
 * bitmap of the anchors' end grams (as ClamAV's and Hyperscan's literal prefilters do). Only where a bit is set
 * does the matcher look the gram up in a hash table (gram to the anchors ending with it) and compare the rest of
 * those anchors backwards. The address of the next bitmap probe depends on the content alone, not on the result of
 * the probe before, so the processor overlaps the probes of consecutive bytes; an Aho-Corasick automaton instead
 * chases one state to the next, and its cost per byte depended on how far the content led it into a large state
 * graph and whether the states it visited were still cached (up to 3.4 times between contents of the same
 * size; see docs/benchmarks.md). Here each byte costs the same few instructions and one probe into a bitmap small
 * enough for the L2 cache; what varies is the number of positions that pass, at most one in
 * {@value #BITS_PER_GRAM} on content unrelated to the signatures (hash collisions) plus the true end grams.
 *
 * <p>Anchors shorter than {@value #GRAM} bytes get a filter of their own length (one per length present), so a
 * 2-byte anchor is found without padding. Hits come in order of end position, then longer anchor first, then pattern
 * id: the order the Aho-Corasick automaton this replaces reported them in, which decides the signature name when
 * several match.
 *
 * <p>Where the filter passes, the anchors ending with that gram are compared one by one when they are fewer than
 * {@value #TRIE_FROM}; more share a {@link ReversedAnchorTrie}, walked backwards from the gram, so a passing position
 * costs at most one step per byte of the longest anchor (64 bytes at most, see {@code HexPatternCompiler}) however
 * many anchors end alike. Without it, content repeating a gram that thousands of anchors end with (runs of zero bytes)
 * cost thousands of comparisons per byte (docs/benchmarks.md).
 *
 * <p>Memory is linear in the anchors: per gram length a bitmap of {@value #BITS_PER_GRAM} bits per distinct gram
 * (rounded up to a power of two) and an open-addressing table of two ints per slot, plus the anchors' bytes, two ints
 * per anchor and the tries' nodes and edges ({@link #memoryBytes()}).
 */
final class AnchorMatcher {

    /** Receives candidate hits; return false to stop the scan. */
    @FunctionalInterface
    interface HitListener {
        boolean onHit(int patternId, int endExclusive);
    }

    /** Bytes of the end gram the filter keys on; anchors shorter than this key on all their bytes. */
    static final int GRAM = 4;
    /** Bitmap bits per distinct gram, before rounding up to a power of two: sets the share of positions that pass. */
    static final int BITS_PER_GRAM = 64;
    /** Anchors sharing one end gram from which they are found by a trie walk instead of one comparison each. */
    static final int TRIE_FROM = 8;

    /** 8 MiB of bitmap per gram length at most, reached above 1 million distinct grams. */
    private static final long MAX_BITS = 1L << 26;

    /** Fibonacci hashing: the high bits of gram times this are well mixed. */
    private static final int MIX = 0x9E3779B1;
    private static final int MIX2 = 0x85EBCA6B;

    /** Index q-1: the filter for anchors whose key is their last q bytes; null when there is none. */
    private final GramFilter[] filters = new GramFilter[GRAM];
    private final byte[] anchorBytes;
    private final int[] anchorOffset;
    private final int[] anchorLength;
    /** The tries of the crowded grams of every filter; a filter's table refers to them by index. */
    private final List<ReversedAnchorTrie> tries = new ArrayList<>();
    /** The longest {@link ReversedAnchorTrie#longestPath()}: the walk buffer one scan allocates. */
    private final int longestTriePath;

    /** Anchors ending with one gram of q bytes: a bitmap of hashed grams, and gram -> anchor ids or their trie. */
    private static final class GramFilter {
        final int q;
        final long[] bits;
        final int bitShift;
        /**
         * Open addressing, linear probing: the gram in each slot and its entry (0: empty slot): above 0, its anchors
         * are ids[entry - 1 ..] up to -1; below 0, they are in trie -entry - 1.
         */
        final int[] keys;
        final int[] starts;
        final int tableShift;
        /** Per gram with few anchors, its anchor ids, longest anchor first then by id, each run ended by -1. */
        final int[] ids;

        /** @param trieOf gives the entry of a crowded gram's anchors (already sorted), null for a gram with few */
        GramFilter(int q, TreeMap<Integer, List<Integer>> byGram, int bitsPerGram,
                Function<List<Integer>, Integer> trieOf) {
            this.q = q;
            int bitCount = (int) Math.min(MAX_BITS,
                    Math.max(64, Long.highestOneBit(Math.max(1, (long) byGram.size() * bitsPerGram - 1)) << 1));
            this.bits = new long[bitCount >>> 6];
            this.bitShift = 32 - Integer.numberOfTrailingZeros(bitCount);
            int slots = Math.max(2, Integer.highestOneBit(byGram.size() * 2 - 1) << 1);
            this.keys = new int[slots];
            this.starts = new int[slots];
            this.tableShift = 32 - Integer.numberOfTrailingZeros(slots);
            int total = 0;
            for (List<Integer> l : byGram.values()) {
                total += trieOf.apply(l) == null ? l.size() + 1 : 0;
            }
            this.ids = new int[total];
            int at = 0;
            for (Map.Entry<Integer, List<Integer>> e : byGram.entrySet()) {
                int key = e.getKey();
                int h = (key * MIX) >>> bitShift;
                bits[h >>> 6] |= 1L << h;
                int slot = (key * MIX2) >>> tableShift;
                while (starts[slot] != 0) {
                    slot = (slot + 1) & (slots - 1);
                }
                keys[slot] = key;
                Integer trie = trieOf.apply(e.getValue());
                if (trie != null) {
                    starts[slot] = -trie - 1;
                    continue;
                }
                starts[slot] = at + 1;
                for (int id : e.getValue()) {
                    ids[at++] = id;
                }
                ids[at++] = -1;
            }
        }

        /** The entry of the anchors ending with {@code key} (see {@link #starts}), 0 when none does. */
        int find(int key) {
            int slot = (key * MIX2) >>> tableShift;
            for (int s = starts[slot]; s != 0; s = starts[slot]) {
                if (keys[slot] == key) {
                    return s;
                }
                slot = (slot + 1) & (keys.length - 1);
            }
            return 0;
        }

        long memoryBytes() {
            return 8L * bits.length + 4L * keys.length + 4L * starts.length + 4L * ids.length;
        }
    }

    private AnchorMatcher(List<byte[]> anchors, int bitsPerGram, int gram, int trieFrom) {
        if (gram < 1 || gram > GRAM) {
            throw new IllegalArgumentException("gram of " + gram + " bytes");
        }
        int total = 0;
        for (byte[] a : anchors) {
            if (a.length == 0) {
                throw new IllegalArgumentException("empty anchor");
            }
            total += a.length;
        }
        anchorBytes = new byte[total];
        anchorOffset = new int[anchors.size()];
        anchorLength = new int[anchors.size()];
        List<TreeMap<Integer, List<Integer>>> byGram = new ArrayList<>();
        for (int q = 1; q <= GRAM; q++) {
            byGram.add(new TreeMap<>());
        }
        int at = 0;
        for (int id = 0; id < anchors.size(); id++) {
            byte[] a = anchors.get(id);
            System.arraycopy(a, 0, anchorBytes, at, a.length);
            anchorOffset[id] = at;
            anchorLength[id] = a.length;
            at += a.length;
            int q = Math.min(gram, a.length);
            byGram.get(q - 1).computeIfAbsent(gramEndingAt(a, a.length, q), k -> new ArrayList<>()).add(id);
        }
        Comparator<Integer> longestFirst =
                Comparator.<Integer>comparingInt(id -> -anchorLength[id]).thenComparingInt(id -> id);
        Map<List<Integer>, Integer> trieIndex = new IdentityHashMap<>();
        int longestPath = 0;
        for (int q = 1; q <= GRAM; q++) {
            for (List<Integer> l : byGram.get(q - 1).values()) {
                l.sort(longestFirst);
                if (l.size() >= trieFrom) {
                    ReversedAnchorTrie trie = new ReversedAnchorTrie(q, l, anchorBytes, anchorOffset, anchorLength);
                    trieIndex.put(l, tries.size());
                    tries.add(trie);
                    longestPath = Math.max(longestPath, trie.longestPath());
                }
            }
            if (!byGram.get(q - 1).isEmpty()) {
                filters[q - 1] = new GramFilter(q, byGram.get(q - 1), bitsPerGram, trieIndex::get);
            }
        }
        this.longestTriePath = longestPath;
    }

    /** @param anchors pattern id i has anchor {@code anchors.get(i)}; anchors must be non-empty */
    static AnchorMatcher build(List<byte[]> anchors) {
        return new AnchorMatcher(anchors, BITS_PER_GRAM, GRAM, TRIE_FROM);
    }

    /**
     * With another bitmap density, a shorter longest gram (1 to {@value #GRAM}) or another share of tries (1: every
     * gram's anchors in a trie; {@link Integer#MAX_VALUE}: none), for tests that make the filter pass most positions
     * or exercise both ways of confirming, and for measuring the alternatives (docs/benchmarks.md).
     */
    static AnchorMatcher build(List<byte[]> anchors, int bitsPerGram, int gram, int trieFrom) {
        return new AnchorMatcher(anchors, bitsPerGram, gram, trieFrom);
    }

    private static int gramEndingAt(byte[] b, int end, int q) {
        int g = 0;
        for (int k = end - q; k < end; k++) {
            g = (g << 8) | (b[k] & 0xFF);
        }
        return g;
    }

    /** Heap bytes of the arrays this matcher holds (object headers left out). */
    long memoryBytes() {
        long m = anchorBytes.length + 4L * anchorOffset.length + 4L * anchorLength.length;
        for (GramFilter f : filters) {
            m += f == null ? 0 : f.memoryBytes();
        }
        for (ReversedAnchorTrie t : tries) {
            m += t.memoryBytes();
        }
        return m;
    }

    /** Reports hits in order of their end position (then longest anchor, then id); stops when the listener says so. */
    void scan(byte[] content, int length, HitListener listener) {
        GramFilter f4 = filters[3];
        GramFilter f3 = filters[2];
        GramFilter f2 = filters[1];
        GramFilter f1 = filters[0];
        // Before the fourth byte the gram holds leading zeros; a key that matches them is rejected by the length
        // check in confirm (the anchor would start before the content), so the loop needs no special start.
        int gram = 0;
        int[] path = new int[longestTriePath];
        for (int i = 0; i < length; i++) {
            gram = (gram << 8) | (content[i] & 0xFF);
            if (f4 != null && passes(f4, gram) && !confirm(f4, gram, content, i + 1, path, listener)) {
                return;
            }
            if (f3 != null && passes(f3, gram & 0xFFFFFF) && !confirm(f3, gram & 0xFFFFFF, content, i + 1, path, listener)) {
                return;
            }
            if (f2 != null && passes(f2, gram & 0xFFFF) && !confirm(f2, gram & 0xFFFF, content, i + 1, path, listener)) {
                return;
            }
            if (f1 != null && passes(f1, gram & 0xFF) && !confirm(f1, gram & 0xFF, content, i + 1, path, listener)) {
                return;
            }
        }
    }

    private static boolean passes(GramFilter f, int key) {
        int h = (key * MIX) >>> f.bitShift;
        return (f.bits[h >>> 6] & (1L << h)) != 0;
    }

    /** Compares the anchors ending with {@code key} at {@code end}; false when the listener stopped the scan. */
    private boolean confirm(GramFilter f, int key, byte[] content, int end, int[] path, HitListener listener) {
        int entry = f.find(key);
        if (entry == 0) {
            return true;
        }
        if (entry < 0) {
            return tries.get(-entry - 1).walk(content, end, path, listener);
        }
        int at = entry - 1;
        int[] ids = f.ids;
        for (int id = ids[at]; id >= 0; id = ids[++at]) {
            int len = anchorLength[id];
            int start = end - len;
            // The last q bytes equal the key; compare the rest.
            if (start >= 0 && Arrays.equals(content, start, end - f.q, anchorBytes, anchorOffset[id],
                    anchorOffset[id] + len - f.q) && !listener.onHit(id, end)) {
                return false;
            }
        }
        return true;
    }
}
