package io.mmsguard.gateway.http;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * Whether an inbound HTTP connection reads from its client: it does unless something holds it. One switch (Netty's
 * auto-read) with several reasons to hold it, so that one reason ending does not resume reading that another still
 * holds. Used on the connection's event loop only.
 */
final class InboundReading {

    /** Why a connection does not read. */
    enum Hold {
        /** Too many sessions wait for decisions: every connection of every listener pauses. */
        BACKLOG,
        /** A request is being answered and the client sent the next one: it waits in the socket, not in memory. */
        PIPELINED,
        /** The gateway-wide budget of buffered message bytes is spent ({@link ReadBudget}). */
        BYTES
    }

    private static final AttributeKey<Integer> HOLDS = AttributeKey.valueOf(InboundReading.class, "holds");

    private InboundReading() {
    }

    /** Holds ({@code held}) or releases the connection's reading for {@code reason}. */
    static void hold(Channel ch, Hold reason, boolean held) {
        Integer before = ch.attr(HOLDS).get();
        int holds = before == null ? 0 : before;
        holds = held ? holds | 1 << reason.ordinal() : holds & ~(1 << reason.ordinal());
        ch.attr(HOLDS).set(holds);
        ch.config().setAutoRead(holds == 0);
    }
}
