package io.mmsguard.gateway.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.mmsguard.gateway.tls.ServerTls;

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

    /**
     * Binds a listener: every accepted connection passes the connection gate, starts paused when the listener is
     * not reading (back-pressure), then gets its protocol pipeline from {@code pipeline}.
     *
     * @param tls the listener's TLS, closed with the server channel; null without TLS
     */
    protected static Channel bind(ListenerSettings settings, EventLoopGroup boss, EventLoopGroup workers,
                                  ConnectionGate gate, ServerTls tls, BooleanSupplier reading,
                                  Consumer<SocketChannel> pipeline) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (!gate.admit(ch)) {
                            return;
                        }
                        if (!reading.getAsBoolean()) {
                            ch.config().setAutoRead(false);
                        }
                        pipeline.accept(ch);
                    }
                });
        try {
            Channel server = b.bind(new InetSocketAddress(settings.host(), settings.port())).sync().channel();
            if (tls != null) {
                server.closeFuture().addListener(f -> tls.close()); // its reload timer ends with the listener
            }
            return server;
        } catch (InterruptedException | RuntimeException e) {
            if (tls != null) {
                tls.close();
            }
            throw e;
        }
    }

    /** Every connection stops or resumes reading (back-pressure from the pending sessions). */
    public abstract void setReading(boolean read);

    public final int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public final String name() {
        return settings.name();
    }

    /** New connections are refused; those open go on (a draining gateway answers what it admitted). */
    public final void stopAccepting() {
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Override
    public final void close() {
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
