package io.mmsguard.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelProgressiveFuture;
import io.netty.channel.ChannelProgressiveFutureListener;
import io.netty.channel.ChannelProgressivePromise;
import io.netty.channel.ChannelPromise;

/**
 * Next to the socket (before TLS), notes whether any byte of the current request reached the socket. A request that
 * failed with nothing written may be sent again on another connection: the upstream cannot have seen any of it.
 */
final class WireProgress extends ChannelOutboundHandlerAdapter {
    private boolean bytesOut;

    /** Called when a request starts: bytes before it (the TLS handshake, an earlier request) do not count. */
    void reset() {
        bytesOut = false;
    }

    boolean bytesOut() {
        return bytesOut;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf buf) || !buf.isReadable()) {
            ctx.write(msg, promise);
            return;
        }
        ChannelProgressivePromise tracked = ctx.newProgressivePromise();
        tracked.addListener(new ChannelProgressiveFutureListener() {
            @Override
            public void operationProgressed(ChannelProgressiveFuture future, long progress, long total) {
                if (progress > 0) {
                    bytesOut = true;
                }
            }

            @Override
            public void operationComplete(ChannelProgressiveFuture future) {
                if (future.isSuccess()) {
                    bytesOut = true;
                    promise.trySuccess();
                } else {
                    promise.tryFailure(future.cause());
                }
            }
        });
        ctx.write(msg, tracked);
    }
}
