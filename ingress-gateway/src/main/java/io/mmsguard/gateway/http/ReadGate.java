package io.mmsguard.gateway.http;

import java.util.function.BooleanSupplier;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;

/**
 * Lets a read request towards the socket through only while {@code mayRead} says so, and issues a swallowed one when
 * told it may read again. Turning auto-read off is not enough to stop a connection reading: Netty's message
 * aggregator and byte decoders ask for the next read themselves while a message is incomplete. Sits at the head of
 * the pipeline; used on the connection's event loop only.
 */
public final class ReadGate extends ChannelOutboundHandlerAdapter {
    private final BooleanSupplier mayRead;
    private ChannelHandlerContext ctx;
    private boolean held;

    public ReadGate(BooleanSupplier mayRead) {
        this.mayRead = mayRead;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (mayRead.getAsBoolean()) {
            ctx.read();
        } else {
            held = true;
        }
    }

    /** A read swallowed earlier goes out now, if reading is allowed (auto-read alone would not ask again). */
    public void resume() {
        if (held && ctx != null && mayRead.getAsBoolean()) {
            held = false;
            ctx.read();
        }
    }
}
