package io.mmsguard.gateway.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gateway-wide budget of buffered message bytes, a hard cap: what every connection has read from its client and
 * not yet answered (a request being received, waiting for its decision, on its way upstream), plus what the socket
 * reads under way may still bring. With messages up to 16 MiB, the pending-session watermark alone cannot protect
 * the heap: {@code max-pending} sessions of 16 MiB each would exhaust it.
 *
 * <p>A connection reads from its socket only into room it {@link #reserve reserved} first, at most {@link #READ_BYTES}
 * a read; after the read the part actually read is held until the connection is {@link #answered answered} and the
 * rest goes back ({@link #settle}). Held plus reserved, {@link #total()}, never exceeds the budget.
 *
 * <p>Stopping every connection could stall for ever when the budget is full of messages read only in part (each
 * waits for bytes nobody reads). So a {@code reserve} of one largest message plus one read is kept apart: ordinary
 * connections reserve only while that reserve stays free, and once one of them is refused (the budget is saturated)
 * only the privileged connection reads on, from the reserve. It is one of the connections refused room for a read
 * (their clients are sending), chosen fairly between client addresses: the one whose address holds the fewest bytes,
 * and of that address's connections the one holding the most (the nearest to a whole message). So a client sending
 * one small request is served next even while other addresses keep the budget full with large or stalled bodies.
 * While saturated, a connection that has not yet been refused may still ask to read: that is how the budget learns
 * its client is sending (the read is refused and it waits to be chosen) without holding any byte for it. When the
 * privileged connection is answered (or gone) the next one is chosen; when the total is down to 90 % of the ordinary
 * share every connection reads again. Since ordinary connections stop at the budget less the reserve and the
 * privileged one needs at most one message and one read more, any connection chosen finishes its message within the
 * budget.
 *
 * <p>Pure logic: a {@link Connection} is anything that can be told to look again whether it may read. Thread-safe.
 */
public final class BufferedBytes {
    /** The most bytes one socket read brings (the listeners' receive buffer is never larger). */
    public static final int READ_BYTES = 64 * 1024;

    /** One client connection's share of the budget. */
    public interface Connection {
        /** The budget changed in a way that may let this connection read again; called on any thread. */
        void mayReadAgain();

        /** The client this connection comes from (its address): the unit of fairness when the budget is spent. */
        default Object peer() {
            return this;
        }
    }

    private static final class Account {
        long held;
        long reserved;
    }

    private final long budget;
    private final long reserve;
    private final long low;
    private final Runnable onSaturated;
    private final Map<Connection, Account> accounts = new IdentityHashMap<>();
    private long total;
    private boolean saturated;
    private Connection privileged;
    /** Connections refused while saturated: each is woken when it may read again. */
    private final Set<Connection> refused = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Of those, the ones refused room for a read: their client has sent bytes that wait in the socket. */
    private final Set<Connection> waiting = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * @param budget         the cap on held plus reserved bytes; {@code Long.MAX_VALUE} for no budget
     * @param largestMessage the most bytes one message takes on the wire, on any listener sharing the budget
     * @param onSaturated    told (outside any lock) each time the budget becomes spent: for the log and a counter
     */
    public BufferedBytes(long budget, long largestMessage, Runnable onSaturated) {
        if (largestMessage < 0 || budget < minimumBudget(largestMessage)) {
            throw new IllegalArgumentException("the pending-bytes budget must be at least "
                    + minimumBudget(largestMessage) + " bytes, not " + budget);
        }
        this.budget = budget;
        this.reserve = largestMessage + READ_BYTES;
        this.low = (budget - reserve) - (budget - reserve) / 10;
        this.onSaturated = onSaturated;
    }

    /** A budget that never stops reading, for listeners started without one. */
    public static BufferedBytes unlimited() {
        return new BufferedBytes(Long.MAX_VALUE, 0, () -> { });
    }

    /**
     * The smallest budget for messages up to {@code largestMessage} bytes: the reserve (one message and one read)
     * and one read for the ordinary connections.
     */
    public static long minimumBudget(long largestMessage) {
        return largestMessage + 2L * READ_BYTES;
    }

    /** {@code gateway.max-pending-bytes} when unset: an eighth of the maximum heap, and not under the minimum. */
    public static long defaultBudget(long largestMessage) {
        return Math.max(Runtime.getRuntime().maxMemory() / 8, minimumBudget(largestMessage));
    }

    /**
     * Room for one socket read of up to {@code wanted} bytes on {@code connection}, taken from the budget.
     *
     * @return the bytes reserved: {@code wanted}, or for the privileged connection possibly less; 0 when refused,
     *         and then the connection is told by {@link Connection#mayReadAgain()} when it may try again
     */
    public long reserve(Connection connection, long wanted) {
        if (wanted <= 0) {
            throw new IllegalArgumentException("a read reserves at least 1 byte, not " + wanted);
        }
        boolean newlySaturated = false;
        Connection wake = null;
        long granted;
        synchronized (this) {
            if (!saturated && total + reserve + wanted <= budget) {
                granted = wanted;
            } else {
                if (!saturated) {
                    saturated = true;
                    newlySaturated = true;
                }
                if (privileged == null) {
                    waiting.add(connection);
                    privileged = elect();
                    if (privileged != connection && refused.remove(privileged)) {
                        waiting.remove(privileged);
                        wake = privileged;
                    }
                }
                granted = connection == privileged ? Math.min(wanted, budget - total) : 0;
            }
            if (granted > 0) {
                waiting.remove(connection);
                Account account = accounts.computeIfAbsent(connection, c -> new Account());
                account.reserved += granted;
                total += granted;
            } else {
                refused.add(connection);
                waiting.add(connection);
            }
        }
        if (newlySaturated) {
            onSaturated.run();
        }
        if (wake != null) {
            wake.mayReadAgain();
        }
        return granted;
    }

    /**
     * The read that {@code reserved} bytes were reserved for brought {@code read} of them (0 at the end of the
     * stream): those are held until the connection is answered, the rest goes back.
     */
    public void settle(Connection connection, long reserved, long read) {
        if (read < 0 || read > reserved) {
            throw new IllegalArgumentException("read " + read + " bytes into a reservation of " + reserved);
        }
        List<Connection> wake;
        synchronized (this) {
            Account account = accounts.get(connection);
            if (account == null || account.reserved < reserved) {
                throw new IllegalStateException("settling " + reserved + " bytes never reserved");
            }
            account.reserved -= reserved;
            account.held += read;
            total -= reserved - read;
            forgetIfEmpty(connection, account);
            wake = released(null);
        }
        wake.forEach(Connection::mayReadAgain);
    }

    /** Everything {@code connection} had read was answered: what it holds is released (a read under way is not). */
    public void answered(Connection connection) {
        List<Connection> wake;
        synchronized (this) {
            Account account = accounts.get(connection);
            if (account != null) {
                total -= account.held;
                account.held = 0;
                forgetIfEmpty(connection, account);
            }
            wake = released(connection);
        }
        wake.forEach(Connection::mayReadAgain);
    }

    /** The connection closed: what it holds and reserved is released and it is no longer woken. */
    public void closed(Connection connection) {
        List<Connection> wake;
        synchronized (this) {
            refused.remove(connection);
            waiting.remove(connection);
            Account account = accounts.remove(connection);
            if (account != null) {
                total -= account.held + account.reserved;
            }
            wake = released(connection);
        }
        wake.forEach(Connection::mayReadAgain);
    }

    /**
     * Whether {@code connection} may start a read now; when not, it is told by {@link Connection#mayReadAgain()}.
     * A read started may still be refused its room ({@link #reserve}).
     */
    public synchronized boolean mayRead(Connection connection) {
        if (!saturated || connection == privileged && total < budget || connection != privileged
                && !waiting.contains(connection)) {
            return true;
        }
        refused.add(connection);
        return false;
    }

    /** Bytes held and reserved: what the gauge shows, never over {@link #limit()}. */
    public synchronized long total() {
        return total;
    }

    /** Bytes held by {@code connection} (read and not answered). */
    public synchronized long held(Connection connection) {
        Account account = accounts.get(connection);
        return account == null ? 0 : account.held;
    }

    public synchronized boolean isSaturated() {
        return saturated;
    }

    /** The connection reading on from the reserve while saturated; null when not saturated. */
    public synchronized Connection privileged() {
        return privileged;
    }

    public long limit() {
        return budget;
    }

    /** Who to wake after bytes were released ({@code gone}: a connection answered or closed), under the lock. */
    private List<Connection> released(Connection gone) {
        List<Connection> wake = new ArrayList<>();
        if (!saturated) {
            return wake;
        }
        if (total <= low) {
            saturated = false;
            privileged = null;
            wake.addAll(refused);
            refused.clear();
            waiting.clear();
            return wake;
        }
        // A privileged connection holding nothing yet keeps its turn: it was woken and its client is sending.
        if (privileged == gone || privileged == null) {
            privileged = elect(); // null: the next to ask for room is chosen
        }
        if (privileged != null && total < budget && refused.remove(privileged)) {
            waiting.remove(privileged);
            wake.add(privileged);
        }
        return wake;
    }

    private void forgetIfEmpty(Connection connection, Account account) {
        if (account.held == 0 && account.reserved == 0) {
            accounts.remove(connection);
        }
    }

    /**
     * The next privileged connection: of those refused room for a read (their client is sending), one of the address
     * holding the fewest bytes, and of those the one holding the most (the nearest to a whole message); without one,
     * the connection holding the most. A connection that holds much but whose client has gone silent (a body stopped
     * half-way) would keep everyone waiting until its deadline, and an address holding much of the budget (many
     * large or stalled bodies) is not let to crowd out one that holds little.
     */
    private Connection elect() {
        Map<Object, Long> byPeer = new HashMap<>();
        accounts.forEach((c, a) -> byPeer.merge(c.peer(), a.held + a.reserved, Long::sum));
        Connection best = null;
        long fewest = Long.MAX_VALUE;
        long most = -1;
        for (Connection c : waiting) {
            long peerHeld = byPeer.getOrDefault(c.peer(), 0L);
            long held = held(c);
            if (peerHeld < fewest || peerHeld == fewest && held > most) {
                fewest = peerHeld;
                most = held;
                best = c;
            }
        }
        if (best != null) {
            return best;
        }
        for (Map.Entry<Connection, Account> e : accounts.entrySet()) {
            if (e.getValue().held > Math.max(most, 0)) {
                most = e.getValue().held;
                best = e.getKey();
            }
        }
        return best;
    }
}
