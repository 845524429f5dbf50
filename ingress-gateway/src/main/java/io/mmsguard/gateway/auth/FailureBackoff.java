package io.mmsguard.gateway.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Exponential back-off after authentication failures, per (source address, identity): the first failure blocks that
 * pair for {@code initial}, each further one doubles it, up to {@code cap}. While a pair is blocked the caller answers
 * at once as for a failure, without checking the credentials, so guessing costs the guesser time, not the server
 * work. A success forgets the pair.
 *
 * <p>The key includes the source address so that failures from one address never block the same identity from
 * another: an attacker cannot lock a legitimate client out. Memory is bounded: at most {@code maxEntries} pairs; a pair's
 * failures are forgotten {@code cap} after its back-off ended (the next failure starts again at {@code initial}), and
 * when the map is full the pair whose last failure is oldest goes first (an attacker who floods the map only shortens back-offs, never imposes one on somebody else).
 *
 * <p>Thread-safe; the clock is injected ({@code System::nanoTime} in production) so the arithmetic is tested without
 * waiting.
 */
public final class FailureBackoff {
    /** The documented defaults: 1 s doubling to 60 s, 10,000 pairs. */
    public static final Duration INITIAL = Duration.ofSeconds(1);
    public static final Duration CAP = Duration.ofSeconds(60);
    public static final int MAX_ENTRIES = 10_000;
    /** Identities are cut to this length in the key: an attacker's long user names must not grow the map's bytes. */
    static final int MAX_IDENTITY_CHARS = 128;

    private record Key(String source, String identity) {
    }

    private static final class Entry {
        long backoff;
        long blockedUntil;
    }

    private final long initialNanos;
    private final long capNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    /** In the order of their last failure: the eldest is the first to evict. */
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>();

    public FailureBackoff(Duration initial, Duration cap, int maxEntries, LongSupplier nanoTime) {
        if (initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0 || maxEntries < 1) {
            throw new IllegalArgumentException("need 0 < initial <= cap and maxEntries >= 1");
        }
        this.initialNanos = initial.toNanos();
        this.capNanos = cap.toNanos();
        this.maxEntries = maxEntries;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** How long the pair is still blocked; zero when it may try. */
    public synchronized Duration remaining(String source, String identity) {
        long now = nanoTime.getAsLong();
        Key key = key(source, identity);
        Entry e = entries.get(key);
        if (e == null) {
            return Duration.ZERO;
        }
        if (expired(e, now)) {
            entries.remove(key);
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, e.blockedUntil - now));
    }

    /** Records a failure of the pair; returns how long it is now blocked. */
    public synchronized Duration failed(String source, String identity) {
        long now = nanoTime.getAsLong();
        Key key = key(source, identity);
        Entry e = entries.remove(key);
        if (e == null || expired(e, now)) {
            e = new Entry();
        }
        e.backoff = e.backoff == 0 ? initialNanos : Math.min(capNanos, e.backoff * 2);
        e.blockedUntil = now + e.backoff;
        entries.put(key, e);
        if (entries.size() > maxEntries) {
            entries.remove(entries.keySet().iterator().next());
        }
        return Duration.ofNanos(e.backoff);
    }

    /** The pair authenticated: its failures are forgotten. */
    public synchronized void succeeded(String source, String identity) {
        entries.remove(key(source, identity));
    }

    /** Pairs remembered now (a gauge, and the bound the tests check). */
    public synchronized int size() {
        return entries.size();
    }

    private boolean expired(Entry e, long now) {
        return now - e.blockedUntil > capNanos;
    }

    private static Key key(String source, String identity) {
        String id = identity == null ? "" : identity;
        return new Key(source == null ? "" : source,
                id.length() > MAX_IDENTITY_CHARS ? id.substring(0, MAX_IDENTITY_CHARS) : id);
    }
}
