package io.mmsguard.gateway.http;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts off a client that starts a request and does not finish it within the deadline (a slow-loris upload), which an
 * idle timeout alone misses as long as the client dribbles a byte now and then. Sits after the HTTP decoder.
 */
final class SlowClientGuard extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SlowClientGuard.class);

    private final Duration deadline;
    private ScheduledFuture<?> timer;

    SlowClientGuard(Duration deadline) {
        this.deadline = deadline;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest && timer == null) {
            timer = ctx.executor().schedule(() -> {
                LOG.warn("{}: request not complete within {}; closing", ctx.channel().remoteAddress(), deadline);
                ctx.close();
            }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (msg instanceof LastHttpContent && timer != null) {
            timer.cancel(false);
            timer = null;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (timer != null) {
            timer.cancel(false);
        }
        super.channelInactive(ctx);
    }
}
