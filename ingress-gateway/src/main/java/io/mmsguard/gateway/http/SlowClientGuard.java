package io.mmsguard.gateway.http;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts off a client that starts a request and does not finish it in time, which an idle timeout alone misses as long
 * as the client dribbles a byte now and then: the request line and headers must arrive within the head deadline and
 * the whole request within the request deadline, both counted from the request's first byte ({@link #firstBytes()},
 * before the HTTP decoder, sees it); on expiry the client gets 408 and the connection closes (logged at most every
 * 10 s per listener, counted by deadline, {@code head} or {@code request}). The wait for a keep-alive connection's next
 * request is the idle timeout's: the deadlines start at that request's first byte, or, when it came while the previous
 * one was being answered (pipelining, not read further meanwhile: {@link PipeliningGuard}), when that answer has been
 * written. Sits after the {@link PipeliningGuard}, so it sees one request at a time.
 */
final class SlowClientGuard extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SlowClientGuard.class);

    private enum Phase { AWAITING, HEAD, BODY, ANSWERING }

    private final Duration headDeadline;
    private final Duration requestDeadline;
    private final Consumer<String> expired;
    private final WarningThrottle warnings;
    private final ChannelInboundHandlerAdapter firstBytes = new FirstBytes();
    private Phase phase = Phase.AWAITING;
    /** Bytes of the next request arrived while the current one was being answered. */
    private boolean nextStarted;
    /** The current request was answered before it was received whole (413 while its body still comes). */
    private boolean answeredEarly;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> headTimer;
    private ScheduledFuture<?> requestTimer;

    /**
     * @param expired  told {@code head} or {@code request} when a deadline cut a request off (for the counter)
     * @param warnings the listener's: a flood of slow clients must not flood the log
     */
    SlowClientGuard(Duration headDeadline, Duration requestDeadline, Consumer<String> expired,
                    WarningThrottle warnings) {
        this.headDeadline = headDeadline;
        this.requestDeadline = requestDeadline;
        this.expired = expired;
        this.warnings = warnings;
    }

    /** The handler to put before the HTTP decoder (after TLS): it notes a request's first byte. */
    ChannelInboundHandlerAdapter firstBytes() {
        return firstBytes;
    }

    private final class FirstBytes extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf b && b.isReadable()) {
                if (phase == Phase.AWAITING) {
                    start(Phase.HEAD);
                } else if (phase == Phase.ANSWERING) {
                    nextStarted = true;
                }
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** No request is being received or answered: the connection waits for the client's next one. */
    boolean awaitsRequest() {
        return phase == Phase.AWAITING && !nextStarted;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    private void start(Phase at) {
        phase = at;
        if (at == Phase.HEAD) {
            headTimer = ctx.executor().schedule(() -> expire("head", headDeadline), headDeadline.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        requestTimer = ctx.executor().schedule(() -> expire("request", requestDeadline), requestDeadline.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void expire(String deadline, Duration limit) {
        cancelTimers();
        expired.accept(deadline);
        warnings.log(LOG, ctx.channel().remoteAddress() + ": " + (deadline.equals("head") ? "request line and headers"
                : "whole request") + " not received within " + limit + "; 408 and closing");
        DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_TIMEOUT, Unpooled.EMPTY_BUFFER);
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest) {
            if (phase == Phase.AWAITING) {
                // Its head came whole with the previous request's bytes: only the request deadline is left.
                start(Phase.BODY);
            }
            cancel(headTimer);
            headTimer = null;
            phase = Phase.BODY;
        }
        if (msg instanceof LastHttpContent && phase == Phase.BODY) {
            cancelTimers();
            phase = answeredEarly ? Phase.AWAITING : Phase.ANSWERING;
            answeredEarly = false;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (AnswerEnd.test(msg)) {
            answered();
        }
        super.write(ctx, msg, promise);
    }

    /** An answer ended: the next request may start, or, before this one was received whole, it still has to be. */
    private void answered() {
        if (phase != Phase.ANSWERING) {
            // The client must still send the rest within the deadlines; then the connection awaits the next request.
            answeredEarly = phase != Phase.AWAITING;
            return;
        }
        phase = Phase.AWAITING;
        if (nextStarted) {
            nextStarted = false;
            start(Phase.HEAD);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelTimers();
        super.channelInactive(ctx);
    }

    private void cancelTimers() {
        cancel(headTimer);
        cancel(requestTimer);
        headTimer = null;
        requestTimer = null;
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
