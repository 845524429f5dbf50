package io.mmsguard.bench.load;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

/**
 * Everything one measured run counts: per interface the client latency histogram and the outcomes, per category the
 * outcomes, and per flood sender and duplicate campaign how many were sent, passed and blocked (from which the
 * expected counts follow).
 */
final class Tally {
    enum Kind { PASSED, BLOCKED, ERROR, TIMEOUT }

    static final class Counts {
        long sent;
        long passed;
        long blocked;
        long errors;
        long timeouts;

        void add(Kind k) {
            switch (k) {
                case PASSED -> passed++;
                case BLOCKED -> blocked++;
                case ERROR -> errors++;
                case TIMEOUT -> timeouts++;
            }
        }

        long answered() {
            return passed + blocked + errors + timeouts;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sent", sent);
            m.put("passed", passed);
            m.put("blocked", blocked);
            m.put("errors", errors);
            m.put("timeouts", timeouts);
            return m;
        }
    }

    final AtomicLong sent = new AtomicLong();
    final AtomicLong done = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    final AtomicLong overflow = new AtomicLong();
    private final Map<Iface, Histogram> latency = new EnumMap<>(Iface.class);
    private final Map<Iface, Counts> byIface = new EnumMap<>(Iface.class);
    private final Map<Category, Counts> byCategory = new EnumMap<>(Category.class);
    private final Map<Integer, Counts> groups = new TreeMap<>();
    private final Map<Integer, Category> groupCategory = new TreeMap<>();
    private final Map<String, Long> errorDetails = new TreeMap<>();
    private long firstSend = Long.MAX_VALUE;
    private long lastAnswer = Long.MIN_VALUE;

    synchronized void sent(TrafficPlan.Planned p, long at) {
        sent.incrementAndGet();
        firstSend = Math.min(firstSend, at);
        byIface.computeIfAbsent(p.iface(), k -> new Counts()).sent++;
        byCategory.computeIfAbsent(p.category(), k -> new Counts()).sent++;
        if (p.group() >= 0) {
            groups.computeIfAbsent(p.group(), k -> new Counts()).sent++;
            groupCategory.put(p.group(), p.category());
        }
    }

    /** @param latencyNanos from the intended send time (open loop) or the actual one (closed loop) to the answer */
    synchronized void answered(TrafficPlan.Planned p, Kind kind, long latencyNanos, long at, String detail) {
        done.incrementAndGet();
        if (kind == Kind.ERROR) {
            errors.incrementAndGet();
            errorDetails.merge(p.iface().label() + ": " + detail, 1L, Long::sum);
        } else if (kind == Kind.TIMEOUT) {
            timeouts.incrementAndGet();
        } else {
            Latencies.record(latency.computeIfAbsent(p.iface(), k -> Latencies.histogram()), latencyNanos);
        }
        lastAnswer = Math.max(lastAnswer, at);
        byIface.get(p.iface()).add(kind);
        byCategory.get(p.category()).add(kind);
        if (p.group() >= 0) {
            groups.get(p.group()).add(kind);
        }
    }

    synchronized double elapsedSeconds() {
        return lastAnswer <= firstSend ? 0 : (lastAnswer - firstSend) / 1e9;
    }

    synchronized Map<Iface, Histogram> latency() {
        Map<Iface, Histogram> copy = new EnumMap<>(Iface.class);
        latency.forEach((k, v) -> copy.put(k, v.copy()));
        return copy;
    }

    synchronized Map<Iface, Counts> byIface() {
        return new EnumMap<>(byIface);
    }

    synchronized Map<Category, Counts> byCategory() {
        return new EnumMap<>(byCategory);
    }

    /** Counts of each flood sender or duplicate campaign, by group number. */
    synchronized Map<Integer, Counts> groups() {
        return new TreeMap<>(groups);
    }

    synchronized Category groupCategory(int group) {
        return groupCategory.get(group);
    }

    synchronized Map<String, Long> errorDetails() {
        return new TreeMap<>(errorDetails);
    }
}
