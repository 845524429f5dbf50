package io.mmsguard.gateway.http;

import io.mmsguard.service.log.LogSafe;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request the HTTP decoder could not read (431 for headers over the limit, 414 for a request line over it,
 * 400 otherwise) and closes the connection, so protocol handlers only ever see well-formed HTTP.
 */
final class BadRequestResponder extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(BadRequestResponder.class);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || request.decoderResult().isSuccess()) {
            ctx.fireChannelRead(msg);
            return;
        }
        DecoderResult result = request.decoderResult();
        ReferenceCountUtil.release(msg);
        if (!ctx.channel().isActive()) {
            // The decoder's report of a request cut short by the close (a client gone, a deadline's 408): no one
            // to answer.
            LOG.debug("{}: request cut short by the close: {}", ctx.channel().remoteAddress(),
                    result.cause().toString());
            return;
        }
        HttpResponseStatus status = status(result.cause());
        LOG.warn("{}: unreadable HTTP request ({}): {}", ctx.channel().remoteAddress(), status,
                LogSafe.text(result.cause()));
        DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    static HttpResponseStatus status(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        if (cause instanceof TooLongHttpLineException) {
            return HttpResponseStatus.REQUEST_URI_TOO_LONG;
        }
        if (cause instanceof TooLongFrameException) {
            return HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
        }
        return HttpResponseStatus.BAD_REQUEST;
    }
}
