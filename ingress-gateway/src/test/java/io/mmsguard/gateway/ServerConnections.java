package io.mmsguard.gateway;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;

/**
 * The server side of an HTTP listener's connections, for tests that must know the gateway has seen a client go:
 * wraps the listener's protocol handler supplier and keeps every accepted channel.
 */
public final class ServerConnections {
    /** A guard against a hanging test, not an expected duration. */
    public static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private final List<Channel> channels = new CopyOnWriteArrayList<>();

    /** The protocol handlers of {@code protocol}, each on a channel this keeps. */
    public Supplier<ChannelHandler> recording(Supplier<ChannelHandler> protocol) {
        return () -> new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                channels.add(ch);
                ch.pipeline().addLast("protocol-handler", protocol.get());
            }
        };
    }

    /** Waits until the gateway has seen every connection accepted so far close. */
    public void awaitAllClosed() {
        await().atMost(HANG_GUARD).until(() -> !channels.isEmpty() && channels.stream().noneMatch(Channel::isActive));
    }
}
