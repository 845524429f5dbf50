package io.mmsguard.gateway.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * One upstream connection's exchanges, one at a time, on its event loop: writes the request, waits for the whole
 * answer, and says how far a failed exchange got. The timer runs from the start of the write (a write that never
 * completes is not sent) and again from its end (no answer). Closes itself when idle between exchanges.
 */
final class UpstreamConnection extends ChannelInboundHandlerAdapter {

    /** How an exchange ended; {@code reusable} when the connection may carry the next request. */
    record Result(UpstreamResponse response, UpstreamFailure failure, boolean reusable, boolean nothingWritten) {
    }

    private final Duration responseTimeout;
    private final WireProgress wire;
    private Channel channel;
    private Consumer<Result> current;
    private boolean written;
    private ScheduledFuture<?> timer;

    UpstreamConnection(Duration responseTimeout, WireProgress wire) {
        this.responseTimeout = responseTimeout;
        this.wire = wire;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    /** Sends {@code request} (on the event loop); {@code done} runs once, on the event loop. */
    void send(FullHttpRequest request, Consumer<Result> done) {
        current = done;
        written = false;
        wire.reset();
        if (!channel.isActive()) {
            ReferenceCountUtil.release(request);
            fail(UpstreamFailure.Stage.NOT_SENT, "connection closed before the request", null);
            return;
        }
        timer = schedule(UpstreamFailure.Stage.NOT_SENT, "request not written within " + responseTimeout);
        channel.writeAndFlush(request).addListener(f -> {
            if (current != done) {
                return;
            }
            if (f.isSuccess()) {
                written = true;
                timer.cancel(false);
                timer = schedule(UpstreamFailure.Stage.NO_ANSWER, "no answer within " + responseTimeout);
            } else {
                fail(UpstreamFailure.Stage.NOT_SENT, "write failed: " + f.cause(), f.cause());
            }
        });
    }

    private ScheduledFuture<?> schedule(UpstreamFailure.Stage stage, String why) {
        Consumer<Result> exchange = current;
        return channel.eventLoop().schedule(() -> {
            if (current == exchange) {
                fail(stage, why, null);
            }
        }, responseTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof FullHttpResponse r)) {
                return;
            }
            if (current == null) {
                ctx.close(); // an answer nobody asked for: the connection is out of step
            } else if (r.decoderResult().isFailure()) {
                fail(stage(), "unreadable answer: " + r.decoderResult().cause(), r.decoderResult().cause());
            } else {
                finish(new Result(response(r), null, written && HttpUtil.isKeepAlive(r), false));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (current != null) {
            fail(stage(), "connection closed by the upstream", null);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (current != null) {
            fail(stage(), cause.toString(), cause);
        }
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent && current == null) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    private UpstreamFailure.Stage stage() {
        return written ? UpstreamFailure.Stage.NO_ANSWER : UpstreamFailure.Stage.NOT_SENT;
    }

    private void fail(UpstreamFailure.Stage stage, String why, Throwable cause) {
        boolean nothingWritten = !wire.bytesOut();
        finish(new Result(null, new UpstreamFailure(stage, channel.remoteAddress() + ": " + why, cause), false,
                nothingWritten));
        channel.close();
    }

    private void finish(Result result) {
        Consumer<Result> done = current;
        current = null;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        done.accept(result);
    }

    private static UpstreamResponse response(FullHttpResponse r) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : r.headers().names()) {
            headers.put(name, List.copyOf(r.headers().getAll(name)));
        }
        return new UpstreamResponse(r.status().code(), headers, ByteBufUtil.getBytes(r.content()));
    }
}
