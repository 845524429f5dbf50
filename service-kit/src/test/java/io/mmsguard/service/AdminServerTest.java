package io.mmsguard.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class AdminServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(AdminServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesPrometheusTextWithServiceAndJvmMeters() throws Exception {
        PrometheusMeterRegistry registry = AdminServer.newRegistry();
        Counter.builder("mmsguard.test.events").register(registry).increment(3);
        try (AdminServer server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), registry, () -> true)) {
            HttpResponse<String> r = get(server, "/metrics");

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("mmsguard_test_events_total 3.0").contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void readinessFollowsTheServiceAndLivenessIsAlwaysUp() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(false);
        try (AdminServer server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), AdminServer.newRegistry(),
                ready::get)) {
            assertThat(get(server, "/health/ready").statusCode()).isEqualTo(503);
            assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);
            ready.set(true);
            assertThat(get(server, "/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aFailingRouteAnswers500AndTheServerKeepsServing() throws Exception {
        try (AdminServer server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), AdminServer.newRegistry(),
                () -> true)) {
            server.route("/boom", (HttpExchange ex) -> {
                throw new IllegalStateException("boom");
            });

            assertThat(get(server, "/boom").statusCode()).isEqualTo(500);
            assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);
        }
    }
}
