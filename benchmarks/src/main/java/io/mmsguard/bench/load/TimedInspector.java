package io.mmsguard.bench.load;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.gateway.session.Inspector;
import io.mmsguard.gateway.session.SessionOutcome;
import io.mmsguard.gateway.session.SessionTicket;
import org.HdrHistogram.Histogram;

/**
 * The gateway's decision latency, exactly: wraps the inspector the gateway's handlers use (given to
 * {@code GatewayListeners} in their {@code GatewayContext}) and records, per interface, the time from handing the envelope
 * over (publish) to the outcome (decision, timeout or unavailable), the same span as the gateway's
 * {@code mmsguard_gateway_decision_latency_seconds}.
 */
final class TimedInspector implements Inspector {
    private final Inspector inner;
    private final Map<Iface, Histogram> histograms = new EnumMap<>(Iface.class);
    private volatile boolean recording;

    TimedInspector(Inspector inner) {
        this.inner = inner;
        for (Iface i : Iface.values()) {
            histograms.put(i, Latencies.histogram());
        }
    }

    /** Starts recording afresh (after the warm-up). */
    void reset() {
        synchronized (histograms) {
            histograms.values().forEach(Histogram::reset);
            recording = true;
        }
    }

    /** A copy per interface. */
    Map<Iface, Histogram> snapshot() {
        synchronized (histograms) {
            Map<Iface, Histogram> copy = new EnumMap<>(Iface.class);
            histograms.forEach((k, v) -> copy.put(k, v.copy()));
            return copy;
        }
    }

    @Override
    public SessionTicket newTicket() {
        return inner.newTicket();
    }

    @Override
    public CompletableFuture<SessionOutcome> inspect(MmsEnvelope envelope) {
        long started = System.nanoTime();
        Iface iface = Iface.valueOf(envelope.getMmsInterface().name());
        return inner.inspect(envelope).whenComplete((o, e) -> {
            long took = System.nanoTime() - started;
            if (recording) {
                synchronized (histograms) {
                    Latencies.record(histograms.get(iface), took);
                }
            }
        });
    }

    @Override
    public Duration timeout() {
        return inner.timeout();
    }
}
