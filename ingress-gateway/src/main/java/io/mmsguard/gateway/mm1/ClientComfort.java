package io.mmsguard.gateway.mm1;

import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.mmsguard.avro.ComfortSettings;
import io.mmsguard.codec.MalformedMessageException;
import io.mmsguard.codec.mm1.HeaderField;
import io.mmsguard.codec.mm1.MessageType;
import io.mmsguard.codec.mm1.Mm1Decoder;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm1.MmsPdus;
import io.mmsguard.codec.mm1.StatusCodes;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Client comfort for a held m-send.req (FEATURES.md A21): after {@code intervalSeconds} the handset gets a chunked
 * {@code 200} and then {@code amountBytes} every interval, so that it does not time out during a long scan.
 *
 * <p>What is trickled must be the start of the answer whatever the verdict, so it is the part every m-send.conf for
 * this request begins with: X-Mms-Message-Type m-send-conf, the request's Transaction-ID and the MMS version
 * (the encoder writes these three first). Once that prefix is out, trickling stops. Every final answer is made to
 * begin with it: the gateway's own m-send.conf do; the MMSC's is re-encoded with the request's transaction id and
 * version when it does not; anything else the MMSC answers (non-2xx, not an m-send.conf) becomes
 * Error-transient-failure, since the status line is already sent. All on the channel's event loop.
 */
final class ClientComfort {
    private final ChannelHandlerContext ctx;
    private final MmsPdu request;
    private final byte[] prefix;
    private final long intervalMillis;
    private final int amount;
    private final boolean keepAlive;
    private ScheduledFuture<?> tick;
    private int sent;
    private boolean stopped;

    private ClientComfort(ChannelHandlerContext ctx, MmsPdu request, byte[] prefix, ComfortSettings settings,
                          boolean keepAlive) {
        this.ctx = ctx;
        this.request = request;
        this.prefix = prefix;
        this.intervalMillis = Math.max(1, settings.getIntervalSeconds()) * 1000L;
        this.amount = Math.max(1, settings.getAmountBytes());
        this.keepAlive = keepAlive;
    }

    /** Starts comforting when the profile asks for it and the request allows it; else null. */
    static ClientComfort startIfWanted(ChannelHandlerContext ctx, ComfortSettings settings, MmsPdu request,
                                       HttpVersion version, boolean keepAlive) {
        if (settings == null || !settings.getClient() || request.transactionId() == null
                || !HttpVersion.HTTP_1_1.equals(version)) {
            return null; // chunked needs HTTP/1.1; without a transaction id no answer prefix is known
        }
        byte[] ok = Mm1Encoder.encode(MmsPdus.sendConf(request.transactionId(),
                Mm1Answers.version(request.mmsVersionOctet()), StatusCodes.OK, (String) null, null));
        // the encoding ends with X-Mms-Response-Status (2 octets); what precedes it is the common prefix
        ClientComfort c = new ClientComfort(ctx, request, Arrays.copyOf(ok, ok.length - 2), settings, keepAlive);
        c.tick = ctx.executor().schedule(c::trickle, c.intervalMillis, TimeUnit.MILLISECONDS);
        return c;
    }

    private void trickle() {
        if (stopped || !ctx.channel().isActive()) {
            return;
        }
        if (sent == 0) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, Mm1Handler.MMS_TYPE);
            HttpUtil.setTransferEncodingChunked(head, true);
            HttpUtil.setKeepAlive(head, keepAlive);
            ctx.write(head);
        }
        int n = Math.min(amount, prefix.length - sent);
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(prefix, sent, n)));
        sent += n;
        if (sent < prefix.length) {
            tick = ctx.executor().schedule(this::trickle, intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Ends comforting. When nothing was sent yet, returns false and the caller answers as usual; else sends the
     * rest of the answer (made to fit, see the class comment), ends the response, and returns true.
     *
     * @param status the status the answer would have had
     * @param body   the answer's body
     */
    boolean finish(HttpResponseStatus status, byte[] body, boolean close) {
        stopped = true;
        if (tick != null) {
            tick.cancel(false);
        }
        if (sent == 0) {
            return false;
        }
        byte[] conf = fit(status, body);
        ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(conf, sent, conf.length - sent)));
        var last = ctx.writeAndFlush(new DefaultLastHttpContent());
        if (close || !keepAlive) {
            last.addListener(ChannelFutureListener.CLOSE);
        }
        return true;
    }

    private byte[] fit(HttpResponseStatus status, byte[] body) {
        if (status.code() == 200 && startsWithPrefix(body)) {
            return body;
        }
        if (status.code() / 100 == 2) {
            try {
                MmsPdu conf = new Mm1Decoder().decode(body);
                if (conf.messageType() == MessageType.SEND_CONF) {
                    byte[] fitted = Mm1Encoder.encode(conf.toBuilder()
                            .set(HeaderField.TRANSACTION_ID, request.transactionId())
                            .set(HeaderField.MMS_VERSION, Mm1Answers.version(request.mmsVersionOctet())).build());
                    if (startsWithPrefix(fitted)) {
                        return fitted;
                    }
                }
            } catch (MalformedMessageException | IllegalArgumentException e) {
                // not an m-send.conf we can carry on: a transient failure below
            }
        }
        return Mm1Answers.transientFailure(request);
    }

    private boolean startsWithPrefix(byte[] body) {
        return body.length >= prefix.length && Arrays.equals(body, 0, prefix.length, prefix, 0, prefix.length);
    }
}
