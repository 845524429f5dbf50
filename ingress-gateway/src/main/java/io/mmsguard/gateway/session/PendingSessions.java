package io.mmsguard.gateway.session;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.mmsguard.avro.Decision;

/**
 * Sessions waiting for their decision, by session id. Bounded with watermarks: at {@code high} waiting sessions the
 * listener is told to stop reading new requests, at {@code low} to resume. Requests already read are always
 * admitted (at most one per connection while reading is off), so nothing is ever refused or dropped for being full.
 */
public final class PendingSessions {

    /** Told when the gateway must stop or may resume reading from its clients. */
    public interface Backpressure {
        void saturated();

        void drained();
    }

    private final Map<String, CompletableFuture<Decision>> waiting = new ConcurrentHashMap<>();
    private final int high;
    private final int low;
    private final AtomicBoolean saturated = new AtomicBoolean();
    private volatile Backpressure backpressure = new Backpressure() {
        @Override
        public void saturated() {
        }

        @Override
        public void drained() {
        }
    };

    public PendingSessions(int high) {
        if (high < 1) {
            throw new IllegalArgumentException("the pending-session limit must be at least 1");
        }
        this.high = high;
        this.low = Math.max(0, high * 9 / 10 - 1);
    }

    public void onBackpressure(Backpressure listener) {
        this.backpressure = listener;
    }

    /** Registers a session; its future completes when {@link #complete} sees its decision. */
    public CompletableFuture<Decision> register(String sessionId) {
        CompletableFuture<Decision> f = new CompletableFuture<>();
        if (waiting.putIfAbsent(sessionId, f) != null) {
            throw new IllegalStateException("session id " + sessionId + " is already waiting");
        }
        if (waiting.size() >= high && saturated.compareAndSet(false, true)) {
            backpressure.saturated();
        }
        return f;
    }

    /** @return false when no session waits for it (timed out already, or another incarnation's session) */
    public boolean complete(Decision decision) {
        CompletableFuture<Decision> f = remove(decision.getSessionId());
        return f != null && f.complete(decision);
    }

    /** Forgets a session (timed out or failed); its future is left to the caller. */
    public CompletableFuture<Decision> remove(String sessionId) {
        CompletableFuture<Decision> f = waiting.remove(sessionId);
        if (f != null && waiting.size() <= low && saturated.compareAndSet(true, false)) {
            backpressure.drained();
        }
        return f;
    }

    public int size() {
        return waiting.size();
    }

    public boolean isSaturated() {
        return saturated.get();
    }
}
