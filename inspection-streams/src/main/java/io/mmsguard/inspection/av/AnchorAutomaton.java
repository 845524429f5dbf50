package io.mmsguard.inspection.av;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aho-Corasick automaton over the signatures' anchors. One pass over the content reports every (anchor, end
 * position) occurrence in O(n + hits).
 *
 * <p>Transitions are stored sparsely (sorted edge bytes per state) except for the root and every state with more
 * than {@value #DENSE_FANOUT} edges, which get a full 256-entry table: on clean content the scan keeps falling
 * back to the root and the states just below it, and with tens of thousands of anchors those have dozens of
 * edges each, so a linear search there was most of the cost per byte (benchmarks: AntivirusThroughput). A dense
 * table for every state would cost 1 KiB per state on databases with hundreds of thousands of anchor bytes.
 */
final class AnchorAutomaton {

    /** Receives candidate hits; return false to stop the scan. */
    @FunctionalInterface
    interface HitListener {
        boolean onHit(int patternId, int endExclusive);
    }

    /** States with more edges than this get a dense transition table. */
    static final int DENSE_FANOUT = 8;

    private final int[] rootNext;
    /** Per state: a 256-entry table (-1 = no edge) for high-fanout states, else null. */
    private final int[][] dense;
    private final byte[][] edgeBytes;
    private final int[][] edgeTargets;
    private final int[] fail;
    /** Nearest state on the fail chain (or this state) that has outputs, -1 if none: skips output-less states. */
    private final int[] outputLink;
    private final int[][] outputs;

    private AnchorAutomaton(int[] rootNext, int[][] dense, byte[][] edgeBytes, int[][] edgeTargets, int[] fail,
            int[] outputLink, int[][] outputs) {
        this.rootNext = rootNext;
        this.dense = dense;
        this.edgeBytes = edgeBytes;
        this.edgeTargets = edgeTargets;
        this.fail = fail;
        this.outputLink = outputLink;
        this.outputs = outputs;
    }

    int stateCount() {
        return fail.length;
    }

    /** @param anchors pattern id i has anchor {@code anchors.get(i)}; anchors must be non-empty */
    static AnchorAutomaton build(List<byte[]> anchors) {
        List<int[]> keys = new ArrayList<>();     // per state: sorted edge bytes (as 0..255), built incrementally
        List<int[]> targets = new ArrayList<>();
        List<List<Integer>> outs = new ArrayList<>(); // null: no pattern ends here (most states)
        keys.add(new int[0]);
        targets.add(new int[0]);
        outs.add(null);
        for (int id = 0; id < anchors.size(); id++) {
            int state = 0;
            for (byte b : anchors.get(id)) {
                int key = b & 0xFF;
                int[] k = keys.get(state);
                int pos = Arrays.binarySearch(k, key);
                if (pos >= 0) {
                    state = targets.get(state)[pos];
                } else {
                    int ins = -pos - 1;
                    int next = keys.size();
                    keys.add(new int[0]);
                    targets.add(new int[0]);
                    outs.add(null);
                    keys.set(state, insert(k, ins, key));
                    targets.set(state, insert(targets.get(state), ins, next));
                    state = next;
                }
            }
            if (outs.get(state) == null) {
                outs.set(state, new ArrayList<>(1));
            }
            outs.get(state).add(id);
        }
        int n = keys.size();
        byte[][] edgeBytes = new byte[n][];
        int[][] edgeTargets = new int[n][];
        for (int s = 0; s < n; s++) {
            int[] k = keys.get(s);
            edgeBytes[s] = new byte[k.length];
            for (int i = 0; i < k.length; i++) {
                edgeBytes[s][i] = (byte) k[i];
            }
            edgeTargets[s] = targets.get(s);
        }
        int[] rootNext = new int[256];
        for (int i = 0; i < edgeBytes[0].length; i++) {
            rootNext[edgeBytes[0][i] & 0xFF] = edgeTargets[0][i];
        }
        int[] fail = new int[n];
        int[] outputLink = new int[n];
        int[][] outputs = new int[n][];
        for (int st = 0; st < n; st++) {
            List<Integer> o = outs.get(st);
            outputs[st] = o == null ? new int[0] : o.stream().mapToInt(Integer::intValue).toArray();
        }
        outputLink[0] = -1;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int t : edgeTargets[0]) {
            fail[t] = 0;
            outputLink[t] = outputs[t].length > 0 ? t : -1;
            queue.add(t);
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (int i = 0; i < edgeBytes[s].length; i++) {
                int b = edgeBytes[s][i] & 0xFF;
                int t = edgeTargets[s][i];
                int f = fail[s];
                int next;
                while (true) {
                    next = f == 0 ? rootNext[b] : child(edgeBytes, edgeTargets, f, b);
                    if (next >= 0 || f == 0) {
                        break;
                    }
                    f = fail[f];
                }
                fail[t] = Math.max(next, 0);
                outputLink[t] = outputs[t].length > 0 ? t : outputLink[fail[t]];
                queue.add(t);
            }
        }
        int[][] dense = new int[n][];
        for (int st = 1; st < n; st++) {
            if (edgeBytes[st].length > DENSE_FANOUT) {
                dense[st] = new int[256];
                Arrays.fill(dense[st], -1);
                for (int i = 0; i < edgeBytes[st].length; i++) {
                    dense[st][edgeBytes[st][i] & 0xFF] = edgeTargets[st][i];
                }
            }
        }
        return new AnchorAutomaton(rootNext, dense, edgeBytes, edgeTargets, fail, outputLink, outputs);
    }

    private static int[] insert(int[] a, int at, int v) {
        int[] r = new int[a.length + 1];
        System.arraycopy(a, 0, r, 0, at);
        r[at] = v;
        System.arraycopy(a, at, r, at + 1, a.length - at);
        return r;
    }

    private static int child(byte[][] edgeBytes, int[][] edgeTargets, int state, int b) {
        byte[] k = edgeBytes[state];
        // Edge lists are short; a linear scan beats binary search on signed/unsigned juggling.
        for (int i = 0; i < k.length; i++) {
            if ((k[i] & 0xFF) == b) {
                return edgeTargets[state][i];
            }
        }
        return -1;
    }

    /** Reports hits in order of their end position; stops early when the listener says so. */
    void scan(byte[] content, int length, HitListener listener) {
        int state = 0;
        for (int i = 0; i < length; i++) {
            int b = content[i] & 0xFF;
            while (true) {
                if (state == 0) {
                    state = rootNext[b];
                    break;
                }
                int[] table = dense[state];
                int next = table != null ? table[b] : child(edgeBytes, edgeTargets, state, b);
                if (next >= 0) {
                    state = next;
                    break;
                }
                state = fail[state];
            }
            for (int o = outputLink[state]; o > 0; o = outputLink[fail[o]]) {
                for (int id : outputs[o]) {
                    if (!listener.onHit(id, i + 1)) {
                        return;
                    }
                }
            }
        }
    }
}
