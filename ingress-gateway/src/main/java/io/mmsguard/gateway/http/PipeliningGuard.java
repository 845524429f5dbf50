package io.mmsguard.gateway.http;

import java.util.ArrayDeque;
import java.util.Deque;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP/1.1 pipelining: a client may send its next request before the previous answer, and the answers must come
 * back in request order. The protocol handlers answer asynchronously (after a decision), so this handler passes one
 * request at a time and holds the next ones until the answer to the current one has been written. At most
 * {@code maxQueued} requests wait; a client pipelining more is disconnected. Back-pressure as in Netty's proxy
 * example: once a request is held the connection stops reading, so further requests wait in the client's socket
 * rather than in memory, and it reads on when the last held request has gone to the handler. A connection with one
 * request in flight and nothing held keeps reading, so that a client that goes away is noticed while its request
 * waits for its decision (a message whose client has gone is not forwarded).
 */
final class PipeliningGuard extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PipeliningGuard.class);

    private final int maxQueued;
    private final Deque<FullHttpRequest> queued = new ArrayDeque<>();
    private boolean inFlight;

    PipeliningGuard(int maxQueued) {
        this.maxQueued = maxQueued;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!inFlight) {
            inFlight = true;
            ctx.fireChannelRead(request);
            return;
        }
        if (queued.size() >= maxQueued) {
            LOG.warn("{}: more than {} pipelined requests; closing", ctx.channel().remoteAddress(), maxQueued);
            ReferenceCountUtil.release(request);
            ctx.close();
            return;
        }
        queued.add(request);
        InboundReading.hold(ctx.channel(), InboundReading.Hold.PIPELINED, true);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        boolean last = msg instanceof LastHttpContent;
        super.write(ctx, msg, promise);
        if (last) {
            // The answer is complete: the next request may go (on the event loop, after this write returns).
            ctx.executor().execute(() -> next(ctx));
        }
    }

    private void next(ChannelHandlerContext ctx) {
        FullHttpRequest request = queued.poll();
        if (request == null) {
            inFlight = false;
            return;
        }
        if (queued.isEmpty()) {
            InboundReading.hold(ctx.channel(), InboundReading.Hold.PIPELINED, false);
        }
        if (!ctx.channel().isActive()) {
            ReferenceCountUtil.release(request);
            queued.forEach(ReferenceCountUtil::release);
            queued.clear();
            return;
        }
        ctx.fireChannelRead(request);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        queued.forEach(ReferenceCountUtil::release);
        queued.clear();
        super.channelInactive(ctx);
    }
}
