package io.mmsguard.inspection.av;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The anchors that end with one gram, as a trie of their other bytes read backwards from the gram: where the gram
 * occurs, one walk towards the content's start finds every one of them that occurs there, in at most one step per
 * byte of the longest of them, however many they are. Comparing each anchor in turn costs one comparison per
 * anchor instead, which content repeating that gram (runs of zero bytes) turns into a cost per byte proportional to
 * the anchors sharing it.
 */
final class ReversedAnchorTrie {
    private static final long MIX = 0x9E3779B97F4A7C15L;

    /** Bytes of the gram every anchor here ends with; the walk starts before them. */
    private final int q;
    /** Per node, the first index into {@link #termIds} of the anchors that end at this node, or -1. */
    private final int[] termStart;
    /** Runs of anchor ids (ascending; all of one run have the same bytes) each ended by -1. */
    private final int[] termIds;
    /** Open addressing on (node, byte): the key plus one (0: empty slot) and the child it leads to. */
    private final long[] edgeKeys;
    private final int[] edgeChild;
    private final int edgeShift;
    /** Nodes on the longest path with anchors ending at them: the size of the walk's buffer. */
    private final int longestPath;

    /**
     * @param ids the anchors ending with the gram, longest first then by id (their reporting order at one position)
     */
    ReversedAnchorTrie(int q, List<Integer> ids, byte[] anchorBytes, int[] anchorOffset, int[] anchorLength) {
        this.q = q;
        Map<Long, Integer> edges = new HashMap<>();
        List<List<Integer>> terms = new ArrayList<>();
        terms.add(null);
        int deepest = 0;
        for (int id : ids) {
            int node = 0;
            int from = anchorOffset[id];
            for (int k = from + anchorLength[id] - q - 1; k >= from; k--) {
                long key = edgeKey(node, anchorBytes[k]);
                Integer child = edges.get(key);
                if (child == null) {
                    child = terms.size();
                    terms.add(null);
                    edges.put(key, child);
                }
                node = child;
            }
            if (terms.get(node) == null) {
                terms.set(node, new ArrayList<>());
            }
            terms.get(node).add(id);
            deepest = Math.max(deepest, anchorLength[id] - q + 1);
        }
        this.longestPath = deepest;
        this.termStart = new int[terms.size()];
        int total = 0;
        for (List<Integer> t : terms) {
            total += t == null ? 0 : t.size() + 1;
        }
        this.termIds = new int[total];
        int at = 0;
        for (int node = 0; node < terms.size(); node++) {
            List<Integer> t = terms.get(node);
            if (t == null) {
                termStart[node] = -1;
                continue;
            }
            termStart[node] = at;
            for (int id : t) {
                termIds[at++] = id;
            }
            termIds[at++] = -1;
        }
        int slots = Math.max(2, Integer.highestOneBit(Math.max(1, edges.size() * 2 - 1)) << 1);
        this.edgeKeys = new long[slots];
        this.edgeChild = new int[slots];
        this.edgeShift = 64 - Integer.numberOfTrailingZeros(slots);
        for (Map.Entry<Long, Integer> e : edges.entrySet()) {
            int slot = (int) ((e.getKey() * MIX) >>> edgeShift);
            while (edgeKeys[slot] != 0) {
                slot = (slot + 1) & (slots - 1);
            }
            edgeKeys[slot] = e.getKey();
            edgeChild[slot] = e.getValue();
        }
    }

    private static long edgeKey(int node, byte b) {
        return (((long) node << 8) | (b & 0xFF)) + 1;
    }

    private int child(int node, byte b) {
        long key = edgeKey(node, b);
        int slot = (int) ((key * MIX) >>> edgeShift);
        for (long k = edgeKeys[slot]; k != 0; k = edgeKeys[slot]) {
            if (k == key) {
                return edgeChild[slot];
            }
            slot = (slot + 1) & (edgeKeys.length - 1);
        }
        return -1;
    }

    /** The buffer {@link #walk} needs. */
    int longestPath() {
        return longestPath;
    }

    /**
     * Reports the anchors that occur ending at {@code end} (whose last {@link #q} bytes are known to be the gram),
     * longest first then by id.
     *
     * @param path a buffer of at least {@link #longestPath()} ints
     * @return false when the listener stopped the scan
     */
    boolean walk(byte[] content, int end, int[] path, AnchorMatcher.HitListener listener) {
        int pos = end - q;
        if (pos < 0) {
            // The rolling gram still holds leading zeros: nothing can end here.
            return true;
        }
        int found = 0;
        int node = 0;
        if (termStart[0] >= 0) {
            path[found++] = 0;
        }
        while (pos > 0) {
            node = child(node, content[--pos]);
            if (node < 0) {
                break;
            }
            if (termStart[node] >= 0) {
                path[found++] = node;
            }
        }
        // Deeper nodes are longer anchors, which come first.
        for (int k = found - 1; k >= 0; k--) {
            for (int t = termStart[path[k]]; termIds[t] >= 0; t++) {
                if (!listener.onHit(termIds[t], end)) {
                    return false;
                }
            }
        }
        return true;
    }

    long memoryBytes() {
        return 4L * termStart.length + 4L * termIds.length + 8L * edgeKeys.length + 4L * edgeChild.length;
    }
}
