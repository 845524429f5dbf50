package io.mmsguard.inspection.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The first {@code n} of a stream of items by an order, in O(n) memory whatever the stream's length: a heap whose
 * head is the worst item kept, replaced when a better one comes.
 */
final class TopN<T> {
    private final int n;
    private final Comparator<T> order;
    private final PriorityQueue<T> kept;

    /** @param order first = best */
    TopN(int n, Comparator<T> order) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        this.n = n;
        this.order = order;
        this.kept = new PriorityQueue<>(n + 1, order.reversed());
    }

    void offer(T item) {
        if (kept.size() < n) {
            kept.add(item);
        } else if (order.compare(item, kept.peek()) < 0) {
            kept.poll();
            kept.add(item);
        }
    }

    /** The kept items, best first. */
    List<T> best() {
        List<T> out = new ArrayList<>(kept);
        out.sort(order);
        return out;
    }
}
