package io.mmsguard.gateway.http;

import io.mmsguard.gateway.session.GatewayMetrics;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open connections of one listener (HTTP or SMTP) and their limit: a connection over
 * {@code maxConnections} is closed at accept, logged and counted; the others are tracked so that back-pressure
 * and shutdown reach all of them.
 */
public final class ConnectionGate {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGate.class);

    private final ListenerSettings settings;
    private final GatewayMetrics metrics;
    private final ChannelGroup connections;

    public ConnectionGate(ListenerSettings settings, GatewayMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.connections = new DefaultChannelGroup(settings.name(), GlobalEventExecutor.INSTANCE);
    }

    /** @return false when the connection was over the limit and has been closed */
    public boolean admit(Channel ch) {
        if (connections.size() >= settings.maxConnections()) {
            metrics.rejectedConnection(settings.name());
            LOG.warn("{}: {} connections, limit {}; refusing {}", settings.name(), connections.size(),
                    settings.maxConnections(), ch.remoteAddress());
            ch.close();
            return false;
        }
        connections.add(ch);
        return true;
    }

    public ChannelGroup connections() {
        return connections;
    }
}
