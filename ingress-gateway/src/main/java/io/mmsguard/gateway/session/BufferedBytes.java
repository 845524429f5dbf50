package io.mmsguard.gateway.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gateway-wide budget of buffered message bytes: what every connection has read from its client and not yet
 * answered (a request being received, waiting for its decision, on its way upstream). With messages up to 16 MiB,
 * the pending-session watermark alone cannot protect the heap: {@code max-pending} sessions of 16 MiB each would
 * exhaust it. So, as with pending sessions, over {@code high} bytes the connections stop reading; below
 * {@code low} they resume.
 *
 * <p>Stopping every connection could stall for ever when the budget is full of messages read only in part (each
 * waits for bytes nobody reads). So while saturated, one connection keeps reading: the one with the most bytes
 * buffered, the nearest to a whole message. When it is answered (or gone) the next one is chosen. Memory is then
 * bounded by the budget plus one message plus a read buffer per connection.
 *
 * <p>Pure logic: a {@link Connection} is anything that can be told to look again whether it may read.
 */
public final class BufferedBytes {

    /** One client connection's share of the budget. */
    public interface Connection {
        /** The budget changed in a way that may let this connection read again; called on any thread. */
        void mayReadAgain();
    }

    private final long high;
    private final long low;
    private final Runnable onSaturated;
    private final Map<Connection, long[]> held = new IdentityHashMap<>();
    private long total;
    private boolean saturated;
    private Connection privileged;
    /** Connections told not to read while saturated: each is woken when it may read again. */
    private final Set<Connection> refused = Collections.newSetFromMap(new IdentityHashMap<>());

    /** @param high bytes at which connections stop reading; {@code Long.MAX_VALUE} for no budget */
    public BufferedBytes(long high) {
        this(high, () -> { });
    }

    /** @param onSaturated told (outside any lock) each time the budget becomes spent: for the log and a counter */
    public BufferedBytes(long high, Runnable onSaturated) {
        if (high < 1) {
            throw new IllegalArgumentException("the pending-bytes budget must be at least 1 byte");
        }
        this.high = high;
        this.low = high - high / 10;
        this.onSaturated = onSaturated;
    }

    /** A budget that never stops reading, for listeners started without one. */
    public static BufferedBytes unlimited() {
        return new BufferedBytes(Long.MAX_VALUE);
    }

    /** {@code gateway.max-pending-bytes} when unset: an eighth of the maximum heap. */
    public static long defaultBudget() {
        return Runtime.getRuntime().maxMemory() / 8;
    }

    /** {@code bytes} more were read on {@code connection}. */
    public void read(Connection connection, long bytes) {
        if (bytes <= 0) {
            return;
        }
        List<Connection> others;
        synchronized (this) {
            held.computeIfAbsent(connection, c -> new long[1])[0] += bytes;
            total += bytes;
            if (saturated || total < high) {
                return;
            }
            saturated = true;
            privileged = largest();
            others = new ArrayList<>(held.keySet());
            others.remove(privileged);
        }
        onSaturated.run();
        // Every other connection reading a message looks at once, not after its next read: on loopback each read
        // can bring a megabyte, which times the connections is the budget again.
        others.forEach(Connection::mayReadAgain);
    }

    /** Everything {@code connection} had read was answered (or the connection closed): its bytes are released. */
    public void answered(Connection connection) {
        List<Connection> wake = new ArrayList<>();
        synchronized (this) {
            long[] mine = held.remove(connection);
            if (mine != null) {
                total -= mine[0];
            }
            if (saturated && total <= low) {
                saturated = false;
                privileged = null;
                wake.addAll(refused);
                refused.clear();
            } else if (saturated && (privileged == null || privileged == connection)) {
                privileged = largest();
                if (privileged != null && refused.remove(privileged)) {
                    wake.add(privileged);
                }
            }
        }
        wake.forEach(Connection::mayReadAgain);
    }

    /** Whether {@code connection} may read now; when not, it is told by {@link Connection#mayReadAgain()}. */
    public synchronized boolean mayRead(Connection connection) {
        if (!saturated || connection == privileged) {
            return true;
        }
        refused.add(connection);
        return false;
    }

    /** The connection closed: its bytes are released and it is no longer woken. */
    public void closed(Connection connection) {
        synchronized (this) {
            refused.remove(connection);
        }
        answered(connection);
    }

    public synchronized long total() {
        return total;
    }

    public synchronized boolean isSaturated() {
        return saturated;
    }

    public long limit() {
        return high;
    }

    private Connection largest() {
        Connection best = null;
        long most = 0;
        for (Map.Entry<Connection, long[]> e : held.entrySet()) {
            if (e.getValue()[0] > most) {
                most = e.getValue()[0];
                best = e.getKey();
            }
        }
        return best;
    }
}
