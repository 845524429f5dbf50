package io.mmsguard.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mmsguard.gateway.http.NettyUpstream;
import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.gateway.session.ProfileStatusHandler;
import io.mmsguard.service.AdminServer;
import io.mmsguard.service.log.LogFormat;
import io.mmsguard.service.log.MsisdnLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway instance: the Kafka session core ({@link KafkaSessionCore}), the protocol listeners around it
 * ({@link GatewayListeners}), and the admin HTTP server.
 */
public final class GatewayService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayService.class);

    private final List<AutoCloseable> resources;
    private final GatewayListeners listeners;
    private final AdminServer admin;
    private final Duration shutdownGrace;
    /** Set first on a stop: readiness turns 503 ({@code stopping}) while the gateway drains. */
    private final AtomicBoolean stopping;
    private final AtomicBoolean closed = new AtomicBoolean();

    private GatewayService(List<AutoCloseable> resources, GatewayListeners listeners, AdminServer admin,
                           Duration shutdownGrace, AtomicBoolean stopping) {
        this.resources = resources;
        this.listeners = listeners;
        this.admin = admin;
        this.shutdownGrace = shutdownGrace;
        this.stopping = stopping;
    }

    public static GatewayService start(GatewayConfig config) throws IOException, InterruptedException {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            return start(config, resources);
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    private static GatewayService start(GatewayConfig config, List<AutoCloseable> resources)
            throws IOException, InterruptedException {
        LogFormat.use(config.logFormat(), "gateway");
        MsisdnLog.use(config.msisdnLog());
        PrometheusMeterRegistry registry = AdminServer.newRegistry();
        GatewayMetrics metrics = new GatewayMetrics(registry);
        KafkaSessionCore sessions = KafkaSessionCore.start(config, metrics, registry);
        resources.add(sessions);
        NettyUpstream upstream = new NettyUpstream(config.upstream(), metrics, config.upstreamTls());
        GatewayContext context = new GatewayContext(sessions.inspector(), sessions.profiles(), upstream, metrics);
        GatewayListeners listeners = GatewayListeners.start(config, context, sessions.pending());
        resources.add(0, listeners);
        resources.add(0, upstream); // closed before the event loops its connections run on
        AtomicBoolean stopping = new AtomicBoolean();
        AdminServer admin = AdminServer.start(new InetSocketAddress(config.httpHost(), config.httpPort()),
                config.adminAuth(), registry,
                GatewayReadiness.of(config, sessions, stopping::get));
        resources.add(0, admin);
        admin.route("/status/profiles", new ProfileStatusHandler(sessions.profiles()));
        LOG.info("gateway {} up: reply partitions {} of {}, listeners {}", config.gatewayId(),
                config.replyPartitions(), config.decisionsTopic(), listeners.describe());
        return new GatewayService(resources, listeners, admin, config.shutdownGrace(), stopping);
    }

    /** The bound port of a listener by name ({@code mm1}, {@code mm3}, {@code mm4}, {@code mm7}). */
    public int port(String listener) {
        return listeners.port(listener);
    }

    public int httpPort() {
        return admin.port();
    }

    /**
     * Drains, then closes: readiness turns 503 and the listeners stop accepting, the messages already read are
     * answered (forwarded or refused) within {@code gateway.shutdown-grace}, and only then are the connections, the
     * upstream and Kafka closed, so a stop does not cut a session the gateway admitted.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stopping.set(true);
            try {
                if (listeners.drain(shutdownGrace)) {
                    LOG.info("drained: every message read was answered");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeAll(resources);
        }
    }

    /** Closes in order, logging what fails and going on. */
    static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", r, e.toString());
            }
        }
    }
}
