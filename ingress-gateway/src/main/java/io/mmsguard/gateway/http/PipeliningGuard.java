package io.mmsguard.gateway.http;

import java.util.ArrayDeque;
import java.util.Deque;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * One request at a time per connection, so that a client cannot queue requests in the gateway's memory. HTTP/1.1
 * pipelining lets a client send its next request before the previous answer, and the answers must come back in
 * request order; the protocol handlers answer asynchronously (after a decision). Sits right after the HTTP decoder:
 * once a request has been received whole, what the decoder makes of the next request's bytes is held here (not
 * aggregated) until the answer to the current one has been written, and as soon as any of it is held the connection
 * stops reading, decoders' own read requests included ({@link #gate()}), so the rest waits in the client's socket.
 * What is held is what one read brought (plus at most a request head), never a second request body. A connection
 * with a request being answered and nothing held keeps reading, so that a client that goes away is noticed while its
 * request waits for its decision (a message whose client has gone is not forwarded).
 */
final class PipeliningGuard extends ChannelDuplexHandler {
    private final Deque<HttpObject> ahead = new ArrayDeque<>();
    private final ReadGate gate = new ReadGate(ahead::isEmpty);
    /** The current request has been received whole and its answer is not written yet. */
    private boolean answering;
    /** The current request was answered before it was received whole (413 while its body still comes). */
    private boolean answeredEarly;

    /** The handler to put first in the pipeline: no read request passes while the next request is held. */
    ReadGate gate() {
        return gate;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject part)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (answering || !ahead.isEmpty()) {
            ahead.add(part);
            InboundReading.hold(ctx.channel(), InboundReading.Hold.PIPELINED, true);
            return;
        }
        pass(ctx, part);
    }

    private void pass(ChannelHandlerContext ctx, HttpObject part) {
        if (part instanceof LastHttpContent) {
            answering = !answeredEarly;
            answeredEarly = false;
        }
        ctx.fireChannelRead(part);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        boolean last = AnswerEnd.test(msg);
        super.write(ctx, msg, promise);
        if (last) {
            // The answer is complete: the next request may go (on the event loop, after this write returns).
            ctx.executor().execute(() -> next(ctx));
        }
    }

    private void next(ChannelHandlerContext ctx) {
        if (!answering) {
            answeredEarly = true;
            return;
        }
        answering = false;
        if (!ctx.channel().isActive()) {
            release();
            return;
        }
        while (!answering && !ahead.isEmpty()) {
            pass(ctx, ahead.poll());
        }
        if (ahead.isEmpty()) {
            InboundReading.hold(ctx.channel(), InboundReading.Hold.PIPELINED, false);
            gate.resume();
        }
    }

    private void release() {
        ahead.forEach(ReferenceCountUtil::release);
        ahead.clear();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        release();
        super.channelInactive(ctx);
    }
}
