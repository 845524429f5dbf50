package io.mmsguard.gateway.http;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;

/** A bound listener (HTTP or SMTP) and its connections: what the gateway service starts, throttles and closes. */
public abstract class NettyListener implements AutoCloseable {
    private final ListenerSettings settings;
    private final Channel server;
    protected final ChannelGroup connections;

    protected NettyListener(ListenerSettings settings, Channel server, ChannelGroup connections) {
        this.settings = settings;
        this.server = server;
        this.connections = connections;
    }

    /** Every connection stops or resumes reading (back-pressure from the pending sessions). */
    public abstract void setReading(boolean read);

    public final int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public final String name() {
        return settings.name();
    }

    @Override
    public final void close() {
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
