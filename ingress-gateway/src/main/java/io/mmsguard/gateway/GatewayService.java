package io.mmsguard.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mmsguard.gateway.http.HttpListener;
import io.mmsguard.gateway.http.NettyListener;
import io.mmsguard.gateway.http.NettyUpstream;
import io.mmsguard.gateway.mm1.Mm1Handler;
import io.mmsguard.gateway.mm3.Mm3Handler;
import io.mmsguard.gateway.mm4.Mm4Handler;
import io.mmsguard.gateway.mm7.Mm7Handler;
import io.mmsguard.gateway.session.DecisionListener;
import io.mmsguard.gateway.session.EnvelopePublisher;
import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.gateway.session.Inspector;
import io.mmsguard.gateway.session.PassingInspector;
import io.mmsguard.gateway.session.PendingSessions;
import io.mmsguard.gateway.session.ProfileView;
import io.mmsguard.gateway.session.SessionCore;
import io.mmsguard.smtp.SmtpClient;
import io.mmsguard.gateway.smtp.SmtpListener;
import io.mmsguard.smtp.SmtpRelay;
import io.mmsguard.service.AdminServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway instance: the session core (publisher, decision listener on its own reply partitions, profile view,
 * pending sessions with back-pressure), the protocol listeners, and the admin HTTP server.
 */
public final class GatewayService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayService.class);

    private final List<AutoCloseable> resources;
    private final List<NettyListener> listeners;
    private final AdminServer admin;
    private final AtomicBoolean closed = new AtomicBoolean();

    private GatewayService(List<AutoCloseable> resources, List<NettyListener> listeners, AdminServer admin) {
        this.resources = resources;
        this.listeners = listeners;
        this.admin = admin;
    }

    public static GatewayService start(GatewayConfig config) throws IOException, InterruptedException {
        return start(config, UnaryOperator.identity());
    }

    /**
     * For benchmarks and tests only: the protocol handlers inspect through {@code inspectors.apply(core)} instead of
     * the Kafka session core itself, e.g. a decorator that times each decision, or {@link PassingInspector}, which
     * answers PASS at once and never publishes (the gateway's own cost without Kafka and inspection; its Kafka
     * clients for profiles and decisions still start, and stay idle).
     */
    public static GatewayService start(GatewayConfig config, UnaryOperator<Inspector> inspectors)
            throws IOException, InterruptedException {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            return start(config, inspectors, resources);
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    private static GatewayService start(GatewayConfig config, UnaryOperator<Inspector> inspectors,
                                        List<AutoCloseable> resources)
            throws IOException, InterruptedException {
        PrometheusMeterRegistry registry = AdminServer.newRegistry();
        GatewayMetrics metrics = new GatewayMetrics(registry);
        PendingSessions pending = new PendingSessions(config.maxPending());
        metrics.pendingGauge(pending::size);

        ProfileView profiles = new ProfileView(config.kafka(), config.serde(), config.profilesTopic());
        resources.add(profiles);
        profiles.start();
        DecisionListener decisions = new DecisionListener(config.kafka(), config.serde(), config.decisionsTopic(),
                config.replyPartitions(), pending, metrics);
        resources.add(decisions);
        decisions.start();
        EnvelopePublisher publisher = new EnvelopePublisher(config.kafka(), config.serde(), config.inboundTopic(),
                config.decisionTimeout());
        resources.add(publisher);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "session-timer");
            t.setDaemon(true);
            return t;
        });
        resources.add(timer::shutdownNow);
        SessionCore core = new SessionCore(config.gatewayId(), config.replyPartitions(), config.decisionTimeout(),
                publisher, pending, metrics, timer);
        NettyUpstream upstream = new NettyUpstream(config.upstream(), metrics);
        resources.add(upstream); // closed before the event loops its connections run on
        GatewayContext context = new GatewayContext(inspectors.apply(core), profiles, upstream, metrics);

        if (!decisions.awaitAssigned(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the decision listener could not position itself on "
                    + config.decisionsTopic() + " " + config.replyPartitions() + " within 60 s");
        }
        profiles.awaitCaughtUp(Duration.ofSeconds(30));

        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup();
        resources.add(() -> {
            boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
            workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
        });
        List<NettyListener> listeners = new ArrayList<>();
        if (config.mm1().isPresent()) {
            var mm1 = config.mm1().get();
            listeners.add(HttpListener.start(mm1.listener(), boss, workers,
                    () -> new Mm1Handler(context, mm1.proxy()), pending, metrics));
        }
        if (config.mm7().isPresent()) {
            var mm7 = config.mm7().get();
            listeners.add(HttpListener.start(mm7.listener(), boss, workers,
                    () -> new Mm7Handler(context, mm7.proxy()), pending, metrics));
        }
        if (config.mm3().isPresent() || config.mm4().isPresent()) {
            // SmtpClient blocks one thread per message in flight towards an upstream; bounded, queued beyond.
            ExecutorService relays = Executors.newFixedThreadPool(64, r -> {
                Thread t = new Thread(r, "smtp-relay");
                t.setDaemon(true);
                return t;
            });
            resources.add(relays::shutdownNow);
            if (config.mm3().isPresent()) {
                SmtpListenerConfig mm3 = config.mm3().get();
                listeners.add(SmtpListener.start(mm3.listener(), boss, workers, mm3.smtp(),
                        new Mm3Handler(context, new Mm3Settings(mm3.profile(), mm3.inlineLimitBytes()),
                                relay(mm3.upstream(), mm3, config, relays)), metrics));
            }
            if (config.mm4().isPresent()) {
                SmtpListenerConfig mm4 = config.mm4().get();
                SmtpListenerConfig.Mm4Responses res = mm4.mm4().orElseThrow();
                Map<String, SmtpRelay> peers = new HashMap<>();
                res.peers().forEach((domain, address) -> peers.put(domain, relay(address, mm4, config, relays)));
                SmtpRelay fallback = relay(res.responseRelay(), mm4, config, relays);
                listeners.add(SmtpListener.start(mm4.listener(), boss, workers, mm4.smtp(),
                        new Mm4Handler(context, new Mm4Settings(mm4.profile(), mm4.inlineLimitBytes(),
                                res.systemAddress(), res.mmsVersion(), domain -> peers.getOrDefault(domain, fallback)),
                                relay(mm4.upstream(), mm4, config, relays)), metrics));
            }
        }
        listeners.forEach(l -> resources.add(0, l));
        pending.onBackpressure(new PendingSessions.Backpressure() {
            @Override
            public void saturated() {
                LOG.warn("{} sessions pending: not reading from clients until the backlog drains", pending.size());
                listeners.forEach(l -> l.setReading(false));
            }

            @Override
            public void drained() {
                LOG.info("backlog drained: reading from clients again");
                listeners.forEach(l -> l.setReading(true));
            }
        });
        // Not ready while saturated: a load balancer then sends new connections to the other instances.
        AdminServer admin = AdminServer.start(new InetSocketAddress(config.httpHost(), config.httpPort()), registry,
                () -> !pending.isSaturated());
        resources.add(0, admin);
        LOG.info("gateway {} up: reply partitions {} of {}, listeners {}", config.gatewayId(),
                config.replyPartitions(), config.decisionsTopic(), listeners.stream().map(l -> l.name() + ":"
                        + l.port()).toList());
        return new GatewayService(resources, listeners, admin);
    }

    private static SmtpRelay relay(java.net.InetSocketAddress target, SmtpListenerConfig listener,
                                   GatewayConfig config, ExecutorService executor) {
        return new SmtpClient(target, listener.smtp().hostname(), config.upstream().connectTimeout(),
                listener.smtp().commandTimeout(), executor);
    }

    /** The bound port of a listener by name ({@code mm1}, {@code mm3}, {@code mm4}, {@code mm7}). */
    public int port(String listener) {
        return listeners.stream().filter(l -> l.name().equals(listener)).mapToInt(NettyListener::port)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no listener " + listener));
    }

    public int httpPort() {
        return admin.port();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeAll(resources);
        }
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", r, e.toString());
            }
        }
    }
}
