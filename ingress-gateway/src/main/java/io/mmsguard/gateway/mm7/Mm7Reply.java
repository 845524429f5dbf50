package io.mmsguard.gateway.mm7;

import io.mmsguard.gateway.session.GatewayMetrics;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to one HTTP request, sent exactly once and always from the channel's event loop: a second answer is
 * dropped (and logged), and work run through {@link #guard} answers 500 when it throws.
 */
final class Mm7Reply {
    private static final Logger LOG = LoggerFactory.getLogger(Mm7Reply.class);

    private final ChannelHandlerContext ctx;
    private final boolean keepAlive;
    private final GatewayMetrics metrics;
    private final AtomicBoolean sent = new AtomicBoolean();

    Mm7Reply(ChannelHandlerContext ctx, boolean keepAlive, GatewayMetrics metrics) {
        this.ctx = ctx;
        this.keepAlive = keepAlive;
        this.metrics = metrics;
    }

    /** The connection's event loop, where upstream calls for this request run. */
    io.netty.channel.EventLoop eventLoop() {
        return ctx.channel().eventLoop();
    }

    boolean isSent() {
        return sent.get();
    }

    /** Sends the answer unless one was sent already; returns whether this one went out. */
    boolean send(FullHttpResponse response) {
        if (!sent.compareAndSet(false, true)) {
            LOG.warn("MM7: second answer {} for one request dropped", response.status());
            response.release();
            return false;
        }
        if (ctx.executor().inEventLoop()) {
            write(response);
        } else {
            ctx.executor().execute(() -> write(response));
        }
        return true;
    }

    /** Runs {@code work} on the event loop; an exception answers 500 (if nothing was answered yet) and is logged. */
    void guard(Runnable work) {
        if (!ctx.executor().inEventLoop()) {
            ctx.executor().execute(() -> guard(work));
            return;
        }
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("MM7: request failed in the gateway", e);
            metrics.outcome(Mm7Handler.INTERFACE, "error", e.getClass().getSimpleName());
            send(Mm7Answers.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error"));
        }
    }

    private void write(FullHttpResponse response) {
        HttpUtil.setKeepAlive(response, keepAlive);
        var future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
