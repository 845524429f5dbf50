package io.mmsguard.gateway.mm1;

import io.mmsguard.gateway.GatewayContext;
import io.mmsguard.gateway.Mm1Settings;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** PLACEHOLDER until the proxy is written: answers 503. */
public final class Mm1Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final GatewayContext context;
    private final Mm1Settings settings;

    public Mm1Handler(GatewayContext context, Mm1Settings settings) {
        this.context = context;
        this.settings = settings;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SERVICE_UNAVAILABLE,
                Unpooled.EMPTY_BUFFER)).addListener(ChannelFutureListener.CLOSE);
    }
}
