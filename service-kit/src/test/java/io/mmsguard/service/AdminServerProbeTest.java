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

import org.junit.jupiter.api.Test;

/**
 * Issue 17: slow routes (a state query forwarded to an owner that does not answer) cannot starve the probes. The
 * routes' pool is filled with requests that block; the readiness probe must still answer.
 */
class AdminServerProbeTest {
    /** Generous: the probe answers in milliseconds; this only keeps a starved probe from hanging the test. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    @Test
    void probesAnswerWhileEveryRouteThreadAndQueueSlotIsTaken() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Semaphore entered = new Semaphore(0);
        HttpClient http = HttpClient.newHttpClient();
        try (AdminServer server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), AdminAuth.open(),
                AdminServer.newRegistry(), Readiness.of())) {
            server.route("/state/", ex -> {
                entered.release();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                AdminServer.respond(ex, 200, "text/plain", "late\n");
            });
            String base = "http://127.0.0.1:" + server.port();
            List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
            int held = AdminServer.ROUTE_THREADS + AdminServer.ROUTE_QUEUE;
            for (int i = 0; i < held; i++) {
                slow.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/state/flood?key=" + i)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            assertThat(entered.tryAcquire(AdminServer.ROUTE_THREADS, HANG_GUARD.toSeconds(), TimeUnit.SECONDS))
                    .as("every route thread busy").isTrue();

            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready"))
                    .timeout(HANG_GUARD).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create(base + "/health/live"))
                    .timeout(HANG_GUARD).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("ready\n");
            assertThat(live.statusCode()).isEqualTo(200);

            release.countDown();
            for (CompletableFuture<HttpResponse<String>> f : slow) {
                assertThat(f.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS).statusCode()).isIn(200, 503);
            }
        } finally {
            release.countDown();
        }
    }

    @Test
    void aRouteBeyondThePoolAndQueueIsRefusedAt503() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Semaphore entered = new Semaphore(0);
        HttpClient http = HttpClient.newHttpClient();
        try (AdminServer server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), AdminAuth.open(),
                AdminServer.newRegistry(), Readiness.of())) {
            server.route("/state/", ex -> {
                entered.release();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                AdminServer.respond(ex, 200, "text/plain", "late\n");
            });
            String base = "http://127.0.0.1:" + server.port();
            List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
            for (int i = 0; i < AdminServer.ROUTE_THREADS; i++) {
                slow.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/state/x?" + i)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            assertThat(entered.tryAcquire(AdminServer.ROUTE_THREADS, HANG_GUARD.toSeconds(), TimeUnit.SECONDS))
                    .isTrue();
            List<CompletableFuture<HttpResponse<String>>> more = new ArrayList<>();
            for (int i = 0; i < AdminServer.ROUTE_QUEUE + 4; i++) {
                more.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/state/q?" + i)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            // While the route threads are held, only a refused request can complete.
            Object first = CompletableFuture.anyOf(more.toArray(CompletableFuture[]::new))
                    .get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);

            assertThat(((HttpResponse<?>) first).statusCode()).isEqualTo(503);
            slow.addAll(more);
            release.countDown();
            for (CompletableFuture<HttpResponse<String>> f : slow) {
                f.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            release.countDown();
        }
    }
}
