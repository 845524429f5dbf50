package io.mmsguard.gateway.answer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.gateway.http.ClientFault;
import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.gateway.session.SessionOutcome;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to one HTTP request (MM1, MM7), sent exactly once and always from the connection's event loop: a second
 * answer is dropped (and logged), and work run through {@link #guard} or {@link #then} answers 500 when it throws.
 * An answer marked {@link #closing} closes the connection after it is written.
 */
public final class HttpReply {
    private static final Logger LOG = LoggerFactory.getLogger(HttpReply.class);

    private final ChannelHandlerContext ctx;
    private final boolean keepAlive;
    private final String mmsInterface;
    private final GatewayMetrics metrics;
    private Predicate<FullHttpResponse> writer;
    private boolean sent;

    public HttpReply(ChannelHandlerContext ctx, boolean keepAlive, String mmsInterface, GatewayMetrics metrics) {
        this.ctx = ctx;
        this.keepAlive = keepAlive;
        this.mmsInterface = mmsInterface;
        this.metrics = metrics;
    }

    /** The connection's event loop, where the upstream calls for this request run. */
    public EventLoop eventLoop() {
        return ctx.channel().eventLoop();
    }

    /** Whether the client is still connected. */
    public boolean clientPresent() {
        return ctx.channel().isActive();
    }

    /** On the event loop: whether the answer went out. */
    public boolean isSent() {
        return sent;
    }

    /**
     * From now on the answer goes to {@code writer} first; when it returns true it has written the answer itself
     * (MM1 client comfort, whose response has begun already), else the answer is written as usual.
     */
    public void takeOver(Predicate<FullHttpResponse> writer) {
        this.writer = writer;
    }

    /** Marks an answer after which the connection closes. */
    public static FullHttpResponse closing(FullHttpResponse response) {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    /** Whether the answer closes the connection. */
    public static boolean isClosing(FullHttpResponse response) {
        return response.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
    }

    /** A response with a body, its Content-Type (none when null) and Content-Length. */
    public static FullHttpResponse response(HttpResponseStatus status, String contentType, byte[] body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        if (contentType != null) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        HttpUtil.setContentLength(r, body.length);
        return r;
    }

    /** Sends the answer unless one was sent already. */
    public void send(FullHttpResponse response) {
        if (!ctx.executor().inEventLoop()) {
            ctx.executor().execute(() -> send(response));
            return;
        }
        if (sent) {
            LOG.warn("{}: second answer {} for one request dropped", mmsInterface, response.status());
            ReferenceCountUtil.release(response);
            return;
        }
        sent = true;
        if (writer != null && writer.test(response)) {
            ReferenceCountUtil.release(response);
            return;
        }
        boolean keep = keepAlive && !isClosing(response);
        HttpUtil.setKeepAlive(response, keep);
        var written = ctx.writeAndFlush(response);
        if (!keep) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Runs {@code work} on the event loop; an exception answers 500 (if nothing was answered yet) and is logged. */
    public void guard(Runnable work) {
        if (!ctx.executor().inEventLoop()) {
            ctx.executor().execute(() -> guard(work));
            return;
        }
        try {
            work.run();
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /** Continues with the future's value on the event loop, guarded; a failed future answers 500. */
    public <T> void then(CompletableFuture<T> future, Consumer<T> step) {
        future.whenComplete((value, e) -> guard(() -> {
            if (e != null) {
                fail(e);
            } else {
                step.accept(value);
            }
        }));
    }

    /**
     * The held message's answer: once inspection has an outcome, on the event loop, what {@code answers} chooses is
     * sent (nothing when the client has gone). The profile's fail-open is read when the outcome is known.
     */
    public <U> void answerHeld(SessionAnswers answers, MmsEnvelope envelope, CompletableFuture<SessionOutcome> inspected,
                               BooleanSupplier failOpen, HeldMessage<U, FullHttpResponse> message) {
        then(SessionAnswers.settled(inspected), outcome -> then(
                answers.answer(envelope, outcome, failOpen.getAsBoolean(), message),
                answer -> answer.ifPresent(this::send)));
    }

    /**
     * An exception from a connection's pipeline (a protocol handler's {@code exceptionCaught}): the client's own
     * ({@link ClientFault}) closes the connection with one line in the log, since nothing failed in the gateway and a
     * held session still ends with its own outcome; anything else fails the request in progress ({@link #fail}) or,
     * between requests, is logged as an error and closes the connection.
     *
     * @param current the connection's latest request, or null before its first
     */
    public static void connectionFailed(ChannelHandlerContext ctx, String mmsInterface, HttpReply current,
                                        Throwable cause) {
        if (ClientFault.is(cause)) {
            LOG.info("{} {}: connection closed: {}", mmsInterface, ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        } else if (current != null) {
            current.fail(cause);
        } else {
            LOG.error("{} {}: {}", mmsInterface, ctx.channel().remoteAddress(), cause.toString(), cause);
            ctx.close();
        }
    }

    /** Something failed in the gateway: answers 500 and closes, or just closes when the answer is out already. */
    public void fail(Throwable cause) {
        if (!ctx.executor().inEventLoop()) {
            ctx.executor().execute(() -> fail(cause));
            return;
        }
        Throwable e = cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null
                ? cause.getCause() : cause;
        LOG.error("{} {}: request failed in the gateway", mmsInterface, ctx.channel().remoteAddress(), e);
        if (sent) {
            ctx.close();
            return;
        }
        metrics.outcome(mmsInterface, "error", e.getClass().getSimpleName());
        send(closing(response(HttpResponseStatus.INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8",
                "internal error".getBytes(StandardCharsets.UTF_8))));
    }
}
