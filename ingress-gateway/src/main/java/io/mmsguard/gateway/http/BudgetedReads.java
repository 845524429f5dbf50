package io.mmsguard.gateway.http;

import io.mmsguard.gateway.session.BufferedBytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;

/**
 * One connection's receive buffers, each reserved in the {@link BufferedBytes} budget before the socket read that
 * fills it: Netty's adaptive size guess, never over {@link BufferedBytes#READ_BYTES}; after the read what it brought
 * is held and the rest of the reservation goes back. Reserving here, when the socket has bytes to give, and not when
 * a read is requested, keeps idle connections (which always have a read requested) from tying up the budget. When
 * the budget refuses, the buffer is empty, the read brings nothing, and {@code refused} stops the connection reading
 * until the budget wakes it. Used on the connection's event loop only.
 */
final class BudgetedReads implements RecvByteBufAllocator {
    /** As Netty's default for NIO: a connection with more to give reads up to 16 buffers before the next one. */
    private static final int READS_PER_LOOP = 16;

    private final BufferedBytes budget;
    private final BufferedBytes.Connection connection;
    private final Runnable refused;
    private final AdaptiveRecvByteBufAllocator sizes =
            new AdaptiveRecvByteBufAllocator(64, 2048, BufferedBytes.READ_BYTES);

    BudgetedReads(BufferedBytes budget, BufferedBytes.Connection connection, Runnable refused) {
        this.budget = budget;
        this.connection = connection;
        this.refused = refused;
        sizes.maxMessagesPerRead(READS_PER_LOOP);
    }

    @Override
    public Handle newHandle() {
        return new Budgeted(sizes.newHandle());
    }

    private final class Budgeted extends DelegatingHandle {
        private long reserved;

        Budgeted(Handle sizes) {
            super(sizes);
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            settle(0);
            reserved = budget.reserve(connection, guess());
            if (reserved == 0) {
                refused.run();
                return Unpooled.EMPTY_BUFFER;
            }
            return alloc.ioBuffer((int) reserved);
        }

        @Override
        public void lastBytesRead(int bytes) {
            super.lastBytesRead(bytes);
            settle(Math.max(bytes, 0));
        }

        /** A read that failed never reports its bytes: its reservation goes back when the read loop ends. */
        @Override
        public void readComplete() {
            settle(0);
            super.readComplete();
        }

        private void settle(int read) {
            if (reserved > 0) {
                long r = reserved;
                reserved = 0;
                budget.settle(connection, r, read);
            }
        }
    }
}
