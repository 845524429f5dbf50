package io.mmsguard.gateway.http;

import java.util.function.BooleanSupplier;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes a connection that the {@code IdleStateHandler} reports as idle, when it is the client's turn to send: not
 * while the gateway owes it an answer (the decision timeout bounds that), receives a request (the head and request
 * deadlines do) or does not read what the client sent (the budget of buffered bytes or the backlog holds its
 * reading: the client is waiting for the gateway, not idle). Such a connection is looked at again after the next
 * idle period.
 */
final class IdleCloser extends ChannelDuplexHandler {
    private final BooleanSupplier clientsTurn;

    /** @param clientsTurn whether the connection awaits the client's next request and reads it; on the event loop */
    IdleCloser(BooleanSupplier clientsTurn) {
        this.clientsTurn = clientsTurn;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            if (clientsTurn.getAsBoolean()) {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }
}
