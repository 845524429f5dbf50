package io.mmsguard.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: slow routes (a state query forwarded to an owner that does not answer) cannot starve the probes. The
 * routes' pool is filled with requests that block; the readiness probe must still answer.
 */
class AdminServerProbeTest {
    /** Generous: the probe answers in milliseconds; this only keeps a starved probe from hanging the test. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    private final CountDownLatch release = new CountDownLatch(1);
    private final Semaphore entered = new Semaphore(0);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void releaseTheRoutes() {
        release.countDown();
    }

    /** An admin server whose /state/ route counts each request in and then waits for {@link #release}. */
    private AdminServer withBlockingRoute() throws Exception {
        AdminServer server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), AdminAuth.open(),
                AdminServer.newRegistry(), Readiness.of());
        server.route("/state/", ex -> {
            entered.release();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            AdminServer.respond(ex, 200, "text/plain", "late\n");
        });
        return server;
    }

    /** {@code n} state queries sent at once; returns when {@code threads} of them are held by the route. */
    private List<CompletableFuture<HttpResponse<String>>> ask(AdminServer server, int n, int threads)
            throws InterruptedException {
        List<CompletableFuture<HttpResponse<String>>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/state/flood?key=" + i)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        assertThat(entered.tryAcquire(threads, HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).as("route threads busy")
                .isTrue();
        return out;
    }

    private HttpResponse<String> get(AdminServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(HANG_GUARD).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void probesAnswerWhileEveryRouteThreadAndQueueSlotIsTaken() throws Exception {
        try (AdminServer server = withBlockingRoute()) {
            List<CompletableFuture<HttpResponse<String>>> slow = ask(server,
                    AdminServer.ROUTE_THREADS + AdminServer.ROUTE_QUEUE, AdminServer.ROUTE_THREADS);

            HttpResponse<String> ready = get(server, "/health/ready");
            HttpResponse<String> live = get(server, "/health/live");

            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("ready\n");
            assertThat(live.statusCode()).isEqualTo(200);
            release.countDown();
            for (CompletableFuture<HttpResponse<String>> f : slow) {
                assertThat(f.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS).statusCode()).isIn(200, 503);
            }
        }
    }

    @Test
    void aRouteBeyondThePoolAndQueueIsRefusedAt503() throws Exception {
        try (AdminServer server = withBlockingRoute()) {
            List<CompletableFuture<HttpResponse<String>>> held = ask(server, AdminServer.ROUTE_THREADS,
                    AdminServer.ROUTE_THREADS);
            List<CompletableFuture<HttpResponse<String>>> more = ask(server, AdminServer.ROUTE_QUEUE + 4, 0);

            // While the route threads are held, only a refused request can complete.
            Object first = CompletableFuture.anyOf(more.toArray(CompletableFuture[]::new))
                    .get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);

            assertThat(((HttpResponse<?>) first).statusCode()).isEqualTo(503);
            assertThat(get(server, "/metrics").body()).contains("mmsguard_admin_refused_total{reason=\"busy\"}");
            release.countDown();
            for (CompletableFuture<HttpResponse<String>> f : held) {
                f.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }
}
