package io.mmsguard.gateway.session;

import static io.mmsguard.gateway.session.BufferedBytes.READ_BYTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The budget's rules: every read reserved first, held plus reserved never over the budget; ordinary connections stop
 * where the reserve (one message and one read) begins; the fullest connection finishes its message from it; below
 * 90 % of the ordinary share everyone reads again.
 */
class BufferedBytesTest {
    private static final long MESSAGE = 100_000;
    /** Room for exactly two ordinary reads besides the reserve. */
    private static final long BUDGET = MESSAGE + READ_BYTES + 2L * READ_BYTES;

    /** A connection that counts how often it was woken. */
    static class Conn implements BufferedBytes.Connection {
        private final Object peer;
        int woken;

        Conn() {
            this.peer = this;
        }

        Conn(String address) {
            this.peer = address;
        }

        @Override
        public void mayReadAgain() {
            woken++;
        }

        @Override
        public Object peer() {
            return peer;
        }
    }

    private static BufferedBytes budget() {
        return new BufferedBytes(BUDGET, MESSAGE, () -> { });
    }

    private static void read(BufferedBytes budget, Conn c, long bytes) {
        long granted = budget.reserve(c, READ_BYTES);
        assertThat(granted).as("room for the read").isPositive();
        budget.settle(c, granted, Math.min(bytes, granted));
    }

    @Test
    void aReadIsReservedInFullAndWhatItDidNotBringGoesBack() {
        BufferedBytes budget = budget();
        Conn a = new Conn();
        assertThat(budget.reserve(a, READ_BYTES)).isEqualTo(READ_BYTES);
        assertThat(budget.total()).as("the gauge counts the read under way").isEqualTo(READ_BYTES);
        budget.settle(a, READ_BYTES, 1000);
        assertThat(budget.total()).isEqualTo(1000);
        assertThat(budget.held(a)).isEqualTo(1000);
        budget.answered(a);
        assertThat(budget.total()).isZero();
    }

    @Test
    void ordinaryConnectionsStopWhereTheReserveBeginsAndTheFirstRefusedFinishesItsMessageFromIt() {
        BufferedBytes budget = budget();
        Conn a = new Conn();
        Conn b = new Conn();
        Conn idle = new Conn();
        read(budget, a, READ_BYTES);
        read(budget, b, 1000);

        long granted = budget.reserve(b, READ_BYTES);
        assertThat(budget.isSaturated()).as("no room outside the reserve").isTrue();
        assertThat(budget.privileged()).as("refused, its client sending: it reads on").isSameAs(b);
        assertThat(granted).as("from the reserve").isEqualTo(READ_BYTES);
        budget.settle(b, granted, granted);
        assertThat(budget.reserve(a, READ_BYTES)).isZero();
        assertThat(budget.reserve(idle, READ_BYTES)).isZero();
        assertThat(budget.mayRead(a)).isFalse();
        assertThat(budget.mayRead(b)).isTrue();

        long received = 1000 + READ_BYTES;
        while (received < MESSAGE) {
            granted = budget.reserve(b, READ_BYTES);
            assertThat(granted).as("the privileged connection always has room").isPositive();
            budget.settle(b, granted, granted);
            received += granted;
            assertThat(budget.total()).isLessThanOrEqualTo(BUDGET);
        }
        assertThat(idle.woken).isZero();
        budget.answered(b);
        assertThat(budget.isSaturated()).as("back under 90 % of the ordinary share").isFalse();
        assertThat(idle.woken).isEqualTo(1);
        assertThat(a.woken).isEqualTo(1);
    }

    @Test
    void theNextPrivilegedIsAConnectionWhoseClientIsSendingNotOneThatWentSilentHoldingMore() {
        BufferedBytes budget = new BufferedBytes(MESSAGE + READ_BYTES + 4 * READ_BYTES, MESSAGE, () -> { });
        Conn silent = new Conn();
        Conn e = new Conn();
        Conn a = new Conn();
        Conn c = new Conn();
        for (int i = 0; i < 3; i++) {
            read(budget, silent, READ_BYTES); // half a body, then nothing
        }
        read(budget, e, 45_000);
        read(budget, a, 10);
        assertThat(budget.privileged()).isSameAs(a);
        assertThat(budget.reserve(c, READ_BYTES)).isZero();

        budget.answered(a); // still over 90 % of the ordinary share
        assertThat(budget.isSaturated()).isTrue();
        assertThat(budget.privileged()).isSameAs(c);
        assertThat(c.woken).isEqualTo(1);
        assertThat(silent.woken).isZero();
        assertThat(budget.reserve(e, READ_BYTES)).isZero();

        budget.closed(silent);
        assertThat(budget.isSaturated()).isFalse();
        assertThat(e.woken).isEqualTo(1);
        assertThat(budget.total()).isEqualTo(45_000);
    }

    /**
     * While one address keeps the budget full, a client elsewhere that sends one small request learns it may not
     * read (its read is refused, it holds nothing) and is the next privileged connection, ahead of the full address's
     * connections that hold more and are sending too.
     */
    @Test
    void aClientOfAnotherAddressIsChosenBeforeTheAddressThatFillsTheBudget() {
        BufferedBytes budget = new BufferedBytes(MESSAGE + READ_BYTES + 4 * READ_BYTES, MESSAGE, () -> { });
        Conn first = new Conn("10.0.0.66");
        Conn second = new Conn("10.0.0.66");
        Conn third = new Conn("10.0.0.66");
        Conn legitimate = new Conn("10.0.0.2");
        for (int i = 0; i < 2; i++) {
            read(budget, first, READ_BYTES);
            read(budget, second, READ_BYTES);
        }
        assertThat(budget.reserve(third, READ_BYTES)).as("privileged, from the reserve").isPositive();
        assertThat(budget.privileged()).isSameAs(third);
        assertThat(budget.reserve(first, READ_BYTES)).isZero();
        assertThat(budget.mayRead(first)).isFalse();
        assertThat(budget.mayRead(legitimate)).as("not yet refused: it may find out whether its client sends")
                .isTrue();
        assertThat(budget.reserve(legitimate, READ_BYTES)).isZero();
        assertThat(budget.mayRead(legitimate)).isFalse();
        assertThat(budget.reserve(second, READ_BYTES)).isZero();

        budget.answered(third);
        assertThat(budget.isSaturated()).isTrue();
        assertThat(budget.privileged()).as("its address holds nothing").isSameAs(legitimate);
        assertThat(legitimate.woken).isEqualTo(1);
        assertThat(first.woken + second.woken).isZero();
    }

    @Test
    void aClosedConnectionReleasesWhatItHeldAndReservedAndIsNotWoken() {
        BufferedBytes budget = budget();
        Conn a = new Conn();
        Conn b = new Conn();
        Conn c = new Conn();
        read(budget, a, 5);
        assertThat(budget.reserve(a, READ_BYTES)).as("a read under way").isEqualTo(READ_BYTES);
        assertThat(budget.reserve(b, READ_BYTES)).as("privileged, from the reserve").isEqualTo(READ_BYTES);
        assertThat(budget.reserve(c, READ_BYTES)).isZero();
        budget.closed(a);
        assertThat(budget.total()).isEqualTo(READ_BYTES);
        assertThat(budget.isSaturated()).isFalse();
        assertThat(c.woken).isEqualTo(1);
        assertThat(a.woken).isZero();
        budget.settle(b, READ_BYTES, 0);
        assertThat(budget.total()).isZero();
    }

    @Test
    void aBudgetSmallerThanTheReserveAndOneReadIsRefusedAndTheDefaultIsAnEighthOfTheHeapAtLeast() {
        assertThatThrownBy(() -> new BufferedBytes(MESSAGE + 2L * READ_BYTES - 1, MESSAGE, () -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Long.toString(MESSAGE + 2L * READ_BYTES));
        assertThat(BufferedBytes.defaultBudget(1)).isEqualTo(Runtime.getRuntime().maxMemory() / 8);
        assertThat(BufferedBytes.defaultBudget(Long.MAX_VALUE / 4)).isEqualTo(Long.MAX_VALUE / 4 + 2L * READ_BYTES);
    }

    /** A connection of the model: its message's size, what it has received, its read under way. */
    private static final class Client extends Conn {
        long message;
        long received;
        long reserved;
        boolean closed;

        boolean complete() {
            return received >= message;
        }
    }

    /**
     * Many connections receiving messages of up to the largest size, in random interleavings of reserve, read
     * (possibly much less than reserved, possibly past the message's end: a pipelined next request), answer and
     * close, reads settling late as on other event loops. At every step held plus reserved is within the budget, and
     * while saturated the privileged connection, if its message is incomplete, has room. Then, with no new messages,
     * every message completes.
     */
    @Test
    void heldPlusReservedNeverExceedsTheBudgetAndThePrivilegedConnectionAlwaysProgresses() {
        for (long seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            long budgetBytes = BufferedBytes.minimumBudget(MESSAGE) + random.nextInt(6 * READ_BYTES);
            BufferedBytes budget = new BufferedBytes(budgetBytes, MESSAGE, () -> { });
            List<Client> clients = new ArrayList<>();
            for (int step = 0; step < 3000; step++) {
                if (clients.size() < 12 && random.nextInt(20) == 0) {
                    Client c = new Client();
                    c.message = size(random);
                    clients.add(c);
                }
                if (clients.isEmpty()) {
                    continue;
                }
                Client c = clients.get(random.nextInt(clients.size()));
                int op = random.nextInt(10);
                if (op < 5 && c.reserved == 0 && !c.complete()) {
                    c.reserved = budget.reserve(c, 1 + random.nextInt(READ_BYTES));
                } else if (op < 8 && c.reserved > 0) {
                    long read = random.nextBoolean() ? c.reserved : random.nextInt((int) c.reserved + 1);
                    budget.settle(c, c.reserved, read);
                    c.received += read;
                    c.reserved = 0;
                } else if (op == 8 && c.complete() && c.reserved == 0) {
                    budget.answered(c); // its decision came: the client sends its next message
                    c.received = 0;
                    c.message = size(random);
                } else if (op == 9 && random.nextInt(10) == 0) {
                    budget.closed(c);
                    clients.remove(c);
                }
                assertInvariant(budget, clients, seed, step);
            }
            drain(budget, clients, seed);
        }
    }

    /**
     * Up to the largest message; one in 20 larger on the wire (chunk framing, a body being refused): such a one may
     * stall on the budget, never pass it.
     */
    private static long size(Random random) {
        return random.nextInt(20) == 0 ? MESSAGE + 1 + random.nextInt((int) MESSAGE)
                : 1 + random.nextInt((int) MESSAGE);
    }

    private static void assertInvariant(BufferedBytes budget, List<Client> clients, long seed, int step) {
        long held = 0;
        for (Client c : clients) {
            held += budget.held(c) + c.reserved;
        }
        assertThat(budget.total()).as("seed %d step %d: the gauge is held plus reserved", seed, step)
                .isEqualTo(held)
                .isLessThanOrEqualTo(budget.limit());
        if (budget.privileged() instanceof Client p && !p.complete() && p.message <= MESSAGE && p.reserved == 0) {
            assertThat(budget.total()).as("seed %d step %d: room for the privileged connection", seed, step)
                    .isLessThan(budget.limit());
        }
    }

    /**
     * Reads under way end, then every incomplete message is read whole, answering each complete one; a larger one
     * that stalls is cut off (as its deadline would).
     */
    private static void drain(BufferedBytes budget, List<Client> clients, long seed) {
        for (Client c : clients) {
            if (c.reserved > 0) {
                budget.settle(c, c.reserved, 0);
                c.reserved = 0;
            }
        }
        for (int round = 0; clients.stream().anyMatch(c -> !c.complete()); round++) {
            assertThat(round).as("seed %d: every message completes", seed).isLessThan(100_000);
            for (Client c : clients) {
                if (c.complete()) {
                    budget.answered(c);
                    continue;
                }
                long granted = budget.mayRead(c) ? budget.reserve(c, READ_BYTES) : 0;
                if (granted == 0 && c == budget.privileged() && c.message > MESSAGE) {
                    budget.closed(c);
                    c.received = c.message;
                } else if (granted > 0) {
                    long read = Math.min(granted, c.message - c.received);
                    budget.settle(c, granted, read);
                    c.received += read;
                }
                assertThat(budget.total()).isLessThanOrEqualTo(budget.limit());
            }
        }
    }
}
