package io.mmsguard.gateway.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.mmsguard.gateway.session.GatewayMetrics;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open connections of one listener (HTTP or SMTP) and their limits: a connection over {@code maxConnections},
 * or over {@code maxConnectionsPerAddress} from its client's address (unless that address is exempt), is closed at
 * accept and counted by reason; the refusals are logged at most every 10 s per listener (a flood of them must not
 * flood the log), with the number not logged in between. The others are tracked so that back-pressure and shutdown
 * reach all of them.
 */
public final class ConnectionGate {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGate.class);

    private final ListenerSettings settings;
    private final GatewayMetrics metrics;
    private final ChannelGroup connections;
    private final ConcurrentMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final WarningThrottle warnings = new WarningThrottle(Duration.ofSeconds(10), System::nanoTime);

    public ConnectionGate(ListenerSettings settings, GatewayMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.connections = new DefaultChannelGroup(settings.name(), GlobalEventExecutor.INSTANCE);
    }

    /** @return false when the connection was over a limit and has been closed */
    public boolean admit(Channel ch) {
        if (connections.size() >= settings.maxConnections()) {
            return refuse(ch, "max-connections", connections.size() + " connections, limit "
                    + settings.maxConnections());
        }
        InetAddress address = address(ch.remoteAddress());
        if (address != null && !settings.perAddressExempt().trusts(address)) {
            int open = perAddress.merge(address, 1, Integer::sum);
            if (open > settings.maxConnectionsPerAddress()) {
                release(address);
                return refuse(ch, "max-connections-per-address", (open - 1) + " connections from "
                        + address.getHostAddress() + ", limit " + settings.maxConnectionsPerAddress());
            }
            ch.closeFuture().addListener(f -> release(address));
        }
        connections.add(ch);
        return true;
    }

    private boolean refuse(Channel ch, String limit, String why) {
        metrics.rejectedConnection(settings.name(), limit);
        warnings.log(LOG, settings.name() + ": " + why + "; refusing " + ch.remoteAddress());
        ch.close();
        return false;
    }

    private void release(InetAddress address) {
        perAddress.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
    }

    private static InetAddress address(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    public ChannelGroup connections() {
        return connections;
    }
}
