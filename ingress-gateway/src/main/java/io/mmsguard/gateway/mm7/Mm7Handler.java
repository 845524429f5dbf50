package io.mmsguard.gateway.mm7;

import io.mmsguard.gateway.GatewayContext;
import io.mmsguard.gateway.Mm7Settings;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** PLACEHOLDER until the proxy is written: answers 503. */
public final class Mm7Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final GatewayContext context;
    private final Mm7Settings settings;

    public Mm7Handler(GatewayContext context, Mm7Settings settings) {
        this.context = context;
        this.settings = settings;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SERVICE_UNAVAILABLE,
                Unpooled.EMPTY_BUFFER)).addListener(ChannelFutureListener.CLOSE);
    }
}
