package io.mmsguard.notifier;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Throttling of one notice stream (one key: profile, interface, notification type; or sender and virus for sender
 * notices), as a pure state machine over {@link State}. The first event is notified at once; after a notice, events
 * accumulate until the interval since that notice has elapsed, and then one periodic notice carries their count.
 * <p>
 * Exactness: every event is counted in exactly one notice. {@link #onEvent} either returns it in an immediate
 * notice or adds it to the pending count; {@link #flush} returns the whole pending count and clears it. Nothing is
 * counted twice and nothing is dropped; a pending count waits (in the state) until flushed.
 * <p>
 * Times are what the caller says they are (event time for events, stream or wall-clock time for {@code now});
 * an event older than the last notice simply accumulates. The interval is passed on every call, so a changed rule
 * applies from the next decision on; an interval of zero notifies every event at once.
 */
public final class NoticeWindow {

    public enum Decision {
        /** Notify this event now (count = the event's count); the state records the notice. */
        EMIT_NOW,
        /** The event was added to the pending count; a periodic notice will carry it. */
        ACCUMULATE
    }

    /**
     * The state of one key. {@code lastNoticeAt} is null before the first notice; {@code pending} events
     * happened between {@code firstPendingAt} and {@code lastPendingAt} (both null when nothing is pending);
     * {@code sample} describes the last event counted (in a notice or pending), or is {@link Sample#NONE}.
     */
    public record State(Instant lastNoticeAt, long pending, Instant firstPendingAt, Instant lastPendingAt,
                        Sample sample) {

        public static final State EMPTY = new State(null, 0, null, null, Sample.NONE);

        public State {
            if (pending < 0) {
                throw new IllegalArgumentException("negative pending count " + pending);
            }
            if ((pending == 0) != (firstPendingAt == null) || (firstPendingAt == null) != (lastPendingAt == null)) {
                throw new IllegalArgumentException("pending times must be set exactly when events are pending");
            }
            sample = sample == null ? Sample.NONE : sample;
        }

        public boolean hasPending() {
            return pending > 0;
        }
    }

    /** A notice to send: {@code count} events between {@code firstEventAt} and {@code lastEventAt}. */
    public record Emission(long count, Instant firstEventAt, Instant lastEventAt, Sample sample) {
    }

    /** Outcome of one event: the decision, the new state and, for {@link Decision#EMIT_NOW}, the notice. */
    public record Step(Decision decision, State state, Optional<Emission> emission) {
    }

    /** Outcome of a flush: the periodic notice (empty when nothing was due) and the new state. */
    public record Flush(Optional<Emission> emission, State state) {
    }

    private NoticeWindow() {
    }

    /**
     * One event (or an alert standing for {@code count} events) at {@code at}.
     *
     * @throws IllegalArgumentException when count &lt; 1 or the interval is negative
     */
    public static Step onEvent(State state, Instant at, long count, Sample sample, Duration interval) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        requireInterval(interval);
        Sample s = sample == null ? Sample.NONE : sample;
        boolean first = state.lastNoticeAt() == null;
        boolean elapsed = !first && !at.isBefore(state.lastNoticeAt().plus(interval));
        if (first || (elapsed && !state.hasPending())) {
            State next = new State(at, 0, null, null, s);
            return new Step(Decision.EMIT_NOW, next, Optional.of(new Emission(count, at, at, s)));
        }
        Instant firstAt = state.hasPending() && state.firstPendingAt().isBefore(at) ? state.firstPendingAt() : at;
        Instant lastAt = state.hasPending() && state.lastPendingAt().isAfter(at) ? state.lastPendingAt() : at;
        State next = new State(state.lastNoticeAt(), Math.addExact(state.pending(), count), firstAt, lastAt, s);
        return new Step(Decision.ACCUMULATE, next, Optional.empty());
    }

    /** When the periodic notice for the pending events is due, or empty when nothing is pending. */
    public static Optional<Instant> dueAt(State state, Duration interval) {
        requireInterval(interval);
        if (!state.hasPending()) {
            return Optional.empty();
        }
        return Optional.of(state.lastNoticeAt().plus(interval));
    }

    /** Whether a periodic notice is due at {@code now}. */
    public static boolean isDue(State state, Instant now, Duration interval) {
        return dueAt(state, interval).map(due -> !now.isBefore(due)).orElse(false);
    }

    /**
     * Takes the pending count into a periodic notice if one is due at {@code now}; the notice counts as sent at
     * {@code now}, so the next interval starts there. When nothing is due the state is returned unchanged.
     */
    public static Flush flush(State state, Instant now, Duration interval) {
        if (!isDue(state, now, interval)) {
            return new Flush(Optional.empty(), state);
        }
        Emission e = new Emission(state.pending(), state.firstPendingAt(), state.lastPendingAt(), state.sample());
        return new Flush(Optional.of(e), new State(now, 0, null, null, state.sample()));
    }

    private static void requireInterval(Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("negative interval " + interval);
        }
    }
}
