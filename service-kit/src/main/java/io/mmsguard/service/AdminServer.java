package io.mmsguard.service;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mmsguard.service.log.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side every service exposes for operations: {@code /metrics} (Prometheus text format),
 * {@code /health/live} (the process answers) and {@code /health/ready} (200, or 503 naming each failing
 * {@link Readiness} condition), plus service routes such as the inspection state
 * queries. The JDK's server keeps it dependency-free; it serves operators and Prometheus, not traffic.
 *
 * <p>Probes and metrics are open (the kubelet and Prometheus carry no token; /metrics has no per-subscriber label) and
 * answered on their own threads; the routes need the {@link AdminAuth} token and run on a separate bounded pool.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private static final int PROBE_THREADS = 2;
    static final int ROUTE_THREADS = 4;
    static final int ROUTE_QUEUE = 16;

    private final HttpServer server;
    private final ExecutorService probes;
    private final ExecutorService routes;
    private final AdminAuth auth;
    private final PrometheusMeterRegistry registry;
    private final Counter unauthorized;
    private final Counter busy;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    private AdminServer(HttpServer server, ExecutorService probes, ExecutorService routes, AdminAuth auth,
                        PrometheusMeterRegistry registry) {
        this.server = server;
        this.probes = probes;
        this.routes = routes;
        this.auth = auth;
        this.registry = registry;
        this.unauthorized = refused(registry, "unauthorized");
        this.busy = refused(registry, "busy");
    }

    private static Counter refused(PrometheusMeterRegistry registry, String reason) {
        return Counter.builder("mmsguard.admin.refused").tag("reason", reason)
                .description("admin route requests refused: no valid bearer token (401), or the routes' pool full (503)")
                .register(registry);
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
     * @param auth    who may use the {@link #route routes}; the probes and {@code /metrics} are open to all
     * @param ready   whether the service can take traffic now (readiness probe), each condition also a gauge
     */
    public static AdminServer start(InetSocketAddress address, AdminAuth auth, PrometheusMeterRegistry registry,
                                    Readiness ready) throws IOException {
        HttpServer server = HttpServer.create(address, 64);
        ExecutorService probes = Executors.newFixedThreadPool(PROBE_THREADS, daemon("admin-http"));
        // Routes may wait (a state query forwarded to its owner for up to 5 s): they run on their own bounded pool,
        // so that no number of them can keep the probes waiting.
        ThreadPoolExecutor routes = new ThreadPoolExecutor(ROUTE_THREADS, ROUTE_THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(ROUTE_QUEUE), daemon("admin-route"), new ThreadPoolExecutor.AbortPolicy());
        server.setExecutor(probes);
        AdminServer admin = new AdminServer(server, probes, routes, auth, registry);
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
        LOG.info("admin HTTP on {}, routes other than probes and /metrics: {}", server.getAddress(),
                auth.required() ? "bearer token" : "no token (loopback or admin.auth: none)");
        return admin;
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * A service route (state queries, status): only with the bearer token when one is set (401 otherwise), and run
     * on the routes' pool; while that pool and its queue are full the request gets 503 at once.
     */
    public void route(String path, HttpHandler handler) {
        server.createContext(path, ex -> {
            if (!auth.permits(ex.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized.increment();
                LOG.warn("admin HTTP {} {} from {}: no valid bearer token; answered 401", LogSafe.text(
                        ex.getRequestMethod()), LogSafe.text(ex.getRequestURI().getRawPath()), ex.getRemoteAddress());
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"mmsguard-admin\"");
                respond(ex, 401, "text/plain", "a bearer token is required\n");
                return;
            }
            try {
                routes.execute(() -> serve(ex, handler));
            } catch (RejectedExecutionException e) {
                busy.increment();
                LOG.warn("admin HTTP {}: {} requests already in progress or queued; answered 503",
                        LogSafe.text(ex.getRequestURI().getRawPath()), ROUTE_THREADS + ROUTE_QUEUE);
                respond(ex, 503, "text/plain", "busy\n");
            }
        });
    }

    private static void serve(HttpExchange ex, HttpHandler handler) {
        try {
            handler.handle(ex);
        } catch (RuntimeException | IOException e) {
            LOG.error("{} {}: {}", ex.getRequestMethod(), LogSafe.text(ex.getRequestURI().getRawPath()),
                    e.toString(), e);
            try {
                respond(ex, 500, "text/plain", "internal error\n");
            } catch (IOException | RuntimeException alreadyAnswered) {
                ex.close();
            }
        }
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
        routes.shutdownNow();
        probes.shutdownNow();
        gcMetrics.close();
    }
}
