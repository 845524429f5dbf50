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
        try (AdminServer server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), AdminAuth.open(), registry,
                Readiness.of())) {
            HttpResponse<String> r = get(server, "/metrics");

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("mmsguard_test_events_total 3.0").contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void readinessNamesEachFailingConditionAndLivenessIsAlwaysUp() throws Exception {
        AtomicBoolean kafka = new AtomicBoolean(false);
        AtomicBoolean saturated = new AtomicBoolean(true);
        PrometheusMeterRegistry registry = AdminServer.newRegistry();
        try (AdminServer server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), AdminAuth.open(), registry,
                Readiness.of(                Readiness.Condition.of("kafka", kafka::get, "no answer"),
                Readiness.Condition.of("backlog", () -> !saturated.get(), "saturated")))) {
            HttpResponse<String> r = get(server, "/health/ready");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).isEqualTo("not ready\nkafka: no answer\nbacklog: saturated\n");
            assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);
            assertThat(get(server, "/metrics").body()).contains("mmsguard_readiness{condition=\"kafka\"} 0.0")
                    .contains("mmsguard_readiness{condition=\"backlog\"} 0.0");

            kafka.set(true);
            assertThat(get(server, "/health/ready").body()).isEqualTo("not ready\nbacklog: saturated\n");
            saturated.set(false);
            r = get(server, "/health/ready");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("ready\n");
            assertThat(get(server, "/metrics").body()).contains("mmsguard_readiness{condition=\"kafka\"} 1.0");
        }
    }

    @Test
    void aFailingRouteAnswers500AndTheServerKeepsServing() throws Exception {
        try (AdminServer server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), AdminAuth.open(),
                AdminServer.newRegistry(), Readiness.of())) {
            server.route("/boom", (HttpExchange ex) -> {
                throw new IllegalStateException("boom");
            });

            assertThat(get(server, "/boom").statusCode()).isEqualTo(500);
            assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);
        }
    }
}
