package io.mmsguard.bench.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.gateway.http.ListenerSettings;
import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.gateway.smtp.SmtpListener;
import io.mmsguard.gateway.smtp.SmtpServerSettings;
import io.mmsguard.smtp.SmtpReply;
import io.netty.channel.nio.NioEventLoopGroup;

/**
 * An SMTP MMSC on our own {@link SmtpListener}, answering 250 to everything. It also stands in for the originating
 * MMSC: it notes, per X-Mms-Transaction-ID, whether an MM4_forward.REQ arrived (the gateway passed it) or an
 * MM4_forward.RES (the gateway blocked it and reported so), so a client can learn the verdict that SMTP's 250 hides.
 */
public final class SmtpMmscStub implements AutoCloseable {
    /** What the stub saw for a transaction. */
    public enum Seen { FORWARD_REQ, FORWARD_RES }

    private final NioEventLoopGroup boss = new NioEventLoopGroup(1);
    private final NioEventLoopGroup workers = new NioEventLoopGroup(2);
    private final AtomicInteger accepted = new AtomicInteger();
    private final Map<String, CompletableFuture<Seen>> seen = new ConcurrentHashMap<>();
    private final SmtpListener listener;

    public SmtpMmscStub() throws InterruptedException {
        listener = SmtpListener.start(new ListenerSettings("mmsc-stub", "127.0.0.1", 0, 10_000, 1024, 1024,
                        Duration.ofSeconds(60), Duration.ofSeconds(60), Optional.empty()), boss, workers,
                SmtpServerSettings.defaults("mmsc.bench", 64 << 20), tx -> {
                    accepted.incrementAndGet();
                    note(tx.data());
                    return CompletableFuture.completedFuture(SmtpReply.of(250, "2.0.0", "queued"));
                }, new GatewayMetrics(new SimpleMeterRegistry()));
    }

    public int port() {
        return listener.port();
    }

    public int accepted() {
        return accepted.get();
    }

    /** Completes when a forward.REQ or .RES with this transaction id arrives; call before sending. */
    public CompletableFuture<Seen> await(String transactionId) {
        return seen.computeIfAbsent(transactionId, k -> new CompletableFuture<>());
    }

    /** Stops waiting for a transaction (after a timeout or an error). */
    public void forget(String transactionId) {
        seen.remove(transactionId);
    }

    private void note(byte[] data) {
        String type = null;
        String id = null;
        int end = Math.min(data.length, 16 * 1024);
        for (String line : new String(data, 0, end, StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim().replace("\"", "");
            if (name.equalsIgnoreCase("X-Mms-Message-Type")) {
                type = value;
            } else if (name.equalsIgnoreCase("X-Mms-Transaction-ID")) {
                id = value;
            }
        }
        if (id == null || type == null) {
            return;
        }
        Seen s = type.equalsIgnoreCase("MM4_forward.REQ") ? Seen.FORWARD_REQ
                : type.equalsIgnoreCase("MM4_forward.RES") ? Seen.FORWARD_RES : null;
        CompletableFuture<Seen> f = s == null ? null : seen.remove(id);
        if (f != null) {
            f.complete(s);
        }
    }

    @Override
    public void close() {
        listener.close();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
