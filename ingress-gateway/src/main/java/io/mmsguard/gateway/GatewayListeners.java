package io.mmsguard.gateway;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import io.mmsguard.gateway.http.HttpListener;
import io.mmsguard.gateway.http.NettyListener;
import io.mmsguard.gateway.mm1.Mm1Handler;
import io.mmsguard.gateway.mm3.Mm3Handler;
import io.mmsguard.gateway.mm4.Mm4Handler;
import io.mmsguard.gateway.mm7.Mm7Access;
import io.mmsguard.gateway.mm7.Mm7Handler;
import io.mmsguard.gateway.session.BufferedBytes;
import io.mmsguard.gateway.session.PendingSessions;
import io.mmsguard.gateway.smtp.SmtpListener;
import io.mmsguard.smtp.SmtpClient;
import io.mmsguard.smtp.SmtpRelay;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol listeners of one gateway as configured (MM1, MM7, MM3, MM4), their event loops and SMTP relays,
 * with back-pressure from the pending sessions: every handler inspects, reads profiles and forwards through the
 * {@link GatewayContext} it is given. {@link GatewayService} gives it the Kafka session core; the benchmarks give
 * it an inspector of their own and fixed profiles, without Kafka.
 */
public final class GatewayListeners implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayListeners.class);
    private static final long DRAIN_POLL_MS = 20;

    private final List<NettyListener> listeners;
    private final List<AutoCloseable> resources;
    private final BufferedBytes budget;
    private final PendingSessions pending;

    private GatewayListeners(List<NettyListener> listeners, List<AutoCloseable> resources, BufferedBytes budget,
                             PendingSessions pending) {
        this.listeners = listeners;
        this.resources = resources;
        this.budget = budget;
        this.pending = pending;
    }

    /** Binds every configured listener; on failure, what was started is closed again. */
    public static GatewayListeners start(GatewayConfig config, GatewayContext context, PendingSessions pending)
            throws InterruptedException {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            return start(config, context, pending, resources);
        } catch (InterruptedException | RuntimeException e) {
            GatewayService.closeAll(resources);
            throw e;
        }
    }

    private static GatewayListeners start(GatewayConfig config, GatewayContext context, PendingSessions pending,
                                          List<AutoCloseable> resources) throws InterruptedException {
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup();
        resources.add(() -> {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        });
        // Bounds the heap with messages up to 16 MiB, where the pending-session count alone would not.
        BufferedBytes budget = new BufferedBytes(config.maxPendingBytes(), config.largestMessageBytes(), () -> {
            LOG.warn("gateway.max-pending-bytes ({}) reached: one connection reads on, the others wait",
                    config.maxPendingBytes());
            context.metrics().pendingBytesSpent();
        });
        context.metrics().pendingBytesGauge(budget::total);
        List<NettyListener> listeners = new ArrayList<>();
        if (config.mm1().isPresent()) {
            var mm1 = config.mm1().get();
            listeners.add(HttpListener.start(mm1.listener(), boss, workers,
                    () -> new Mm1Handler(context, mm1.proxy()), pending, budget, context.metrics()));
        }
        if (config.mm7().isPresent()) {
            var mm7 = config.mm7().get();
            Mm7Access access = new Mm7Access(mm7.proxy().access(), mm7.proxy().access().newBackoff(), context.metrics());
            listeners.add(HttpListener.start(mm7.listener(), boss, workers,
                    () -> new Mm7Handler(context, mm7.proxy(), access), pending, budget, context.metrics()));
        }
        if (config.mm3().isPresent() || config.mm4().isPresent()) {
            // SmtpClient blocks one thread per message in flight towards an upstream; bounded, queued beyond.
            ExecutorService relays = Executors.newFixedThreadPool(64, r -> {
                Thread t = new Thread(r, "smtp-relay");
                t.setDaemon(true);
                return t;
            });
            resources.add(relays::shutdownNow);
            // One context for every relay: the trust and key stores are read once, at start.
            SSLContext relayTls = java.util.stream.Stream.of(config.mm3(), config.mm4()).flatMap(Optional::stream)
                    .anyMatch(l -> l.upstreamSecurity().usesTls()) ? config.upstreamTls().sslContext() : null;
            if (config.mm3().isPresent()) {
                SmtpListenerConfig mm3 = config.mm3().get();
                listeners.add(SmtpListener.start(mm3.listener(), boss, workers, mm3.smtp(), mm3.access(),
                        new Mm3Handler(context, new Mm3Settings(mm3.profile(), mm3.inlineLimitBytes()),
                                relay(mm3.upstream(), mm3, config, relays, relayTls)), budget, context.metrics()));
            }
            if (config.mm4().isPresent()) {
                SmtpListenerConfig mm4 = config.mm4().get();
                SmtpListenerConfig.Mm4Responses res = mm4.mm4().orElseThrow();
                if (res.peers().any()) {
                    LOG.warn("mm4.peers: any: every client may send on MM4 from any domain, and no MM4 response is "
                            + "sent; configure mm4.peers.<name> instead");
                }
                Map<String, SmtpRelay> peers = new HashMap<>();
                res.peers().all().forEach(peer -> peer.responseAddress().ifPresent(address ->
                        peers.put(peer.name(), relay(address, mm4, config, relays, relayTls))));
                SmtpRelay fallback = relay(res.responseRelay(), mm4, config, relays, relayTls);
                listeners.add(SmtpListener.start(mm4.listener(), boss, workers, mm4.smtp(), mm4.access(),
                        new Mm4Handler(context, new Mm4Settings(mm4.profile(), mm4.inlineLimitBytes(),
                                res.systemAddress(), res.mmsVersion(), res.peers(),
                                peer -> peers.getOrDefault(peer, fallback)),
                                relay(mm4.upstream(), mm4, config, relays, relayTls)), budget, context.metrics()));
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
        return new GatewayListeners(List.copyOf(listeners), resources, budget, pending);
    }

    /** A relay of the listener, with its {@code upstream-tls} and credentials (MM4: also towards peers). */
    private static SmtpRelay relay(InetSocketAddress target, SmtpListenerConfig listener, GatewayConfig config,
                                   ExecutorService executor, SSLContext tls) {
        return new SmtpClient(target, listener.smtp().hostname(), config.upstream().connectTimeout(),
                listener.smtp().commandTimeout(), executor, listener.upstreamSecurity().with(tls));
    }

    /**
     * Stops accepting connections and waits, at most {@code grace}, until every message read has been answered: what
     * the gateway admitted is forwarded or answered before a stop, not cut (a message counts from its first byte
     * read, through its decision and the upstream's answer, until its client has the answer).
     *
     * @return whether nothing was left in flight
     */
    public boolean drain(Duration grace) throws InterruptedException {
        listeners.forEach(NettyListener::stopAccepting);
        long deadline = System.nanoTime() + grace.toNanos();
        while (budget.total() > 0 || pending.size() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                LOG.warn("stopping with {} bytes of messages unanswered and {} sessions waiting for decisions after "
                        + "gateway.shutdown-grace {}", budget.total(), pending.size(), grace);
                return false;
            }
            Thread.sleep(DRAIN_POLL_MS);
        }
        return true;
    }

    /** The bound port of a listener by name ({@code mm1}, {@code mm3}, {@code mm4}, {@code mm7}). */
    public int port(String listener) {
        return listeners.stream().filter(l -> l.name().equals(listener)).mapToInt(NettyListener::port)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no listener " + listener));
    }

    /** "name:port" of every listener, for the log. */
    public List<String> describe() {
        return listeners.stream().map(l -> l.name() + ":" + l.port()).toList();
    }

    @Override
    public void close() {
        GatewayService.closeAll(resources);
    }
}
