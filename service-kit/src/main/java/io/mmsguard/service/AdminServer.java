package io.mmsguard.service;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side every service exposes for operations: {@code /metrics} (Prometheus text format),
 * {@code /health/live} (the process answers) and {@code /health/ready} (200, or 503 naming each failing
 * {@link Readiness} condition), plus service routes such as the inspection state
 * queries. The JDK's server keeps it dependency-free; it serves operators and Prometheus, not traffic.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    private AdminServer(HttpServer server, ExecutorService executor, PrometheusMeterRegistry registry) {
        this.server = server;
        this.executor = executor;
        this.registry = registry;
    }

    /** A Prometheus registry with the JVM's own meters bound, for a service to add its meters to. */
    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        return registry;
    }

    /**
     * @param address port 0 picks a free port (see {@link #port()})
     * @param ready   whether the service can take traffic now (readiness probe), each condition also a gauge
     */
    public static AdminServer start(InetSocketAddress address, PrometheusMeterRegistry registry, Readiness ready)
            throws IOException {
        HttpServer server = HttpServer.create(address, 64);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "admin-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        AdminServer admin = new AdminServer(server, executor, registry);
        admin.gcMetrics.bindTo(registry);
        server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape()));
        server.createContext("/health/live", ex -> respond(ex, 200, "text/plain", "live\n"));
        ready.bindTo(registry);
        server.createContext("/health/ready", ex -> {
            List<Readiness.Failure> failures = ready.failures();
            StringBuilder body = new StringBuilder(failures.isEmpty() ? "ready\n" : "not ready\n");
            failures.forEach(f -> body.append(f).append('\n'));
            respond(ex, failures.isEmpty() ? 200 : 503, "text/plain", body.toString());
        });
        server.start();
        LOG.info("admin HTTP on {}", server.getAddress());
        return admin;
    }

    public void route(String path, HttpHandler handler) {
        server.createContext(path, ex -> {
            try {
                handler.handle(ex);
            } catch (RuntimeException e) {
                LOG.error("{} {}: {}", ex.getRequestMethod(), ex.getRequestURI(), e.toString(), e);
                respond(ex, 500, "text/plain", "internal error\n");
            }
        });
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        gcMetrics.close();
    }
}
