package io.mmsguard.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** Issue 17: the admin routes (/state, /status) need the bearer token; probes and /metrics stay open. */
class AdminServerAuthTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(AdminServer server, String path, String authorization) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static AdminServer start(PrometheusMeterRegistry registry) throws Exception {
        AdminServer server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), AdminAuth.token(TOKEN),
                registry, Readiness.of());
        server.route("/state/", ex -> AdminServer.respond(ex, 200, "application/json", "{\"count\":3}\n"));
        return server;
    }

    @Test
    void aRouteWithoutTheTokenGets401WithTheBearerChallengeAndIsCounted() throws Exception {
        PrometheusMeterRegistry registry = AdminServer.newRegistry();
        try (AdminServer server = start(registry)) {
            for (String wrong : new String[] {null, "Bearer nope", "Basic " + TOKEN, "Bearer " + TOKEN + "x",
                "Bearer"}) {
                HttpResponse<String> r = get(server, "/state/flood?key=%2B4917012345", wrong);

                assertThat(r.statusCode()).as(String.valueOf(wrong)).isEqualTo(401);
                assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                        assertThat(v).startsWith("Bearer "));
                assertThat(r.body()).doesNotContain("count");
            }
            assertThat(get(server, "/metrics", null).body())
                    .contains("mmsguard_admin_refused_total{reason=\"unauthorized\"} 5.0");
        }
    }

    @Test
    void theTokenOpensTheRouteAndProbesAndMetricsNeedNone() throws Exception {
        try (AdminServer server = start(AdminServer.newRegistry())) {
            assertThat(get(server, "/state/flood?key=x", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
            assertThat(get(server, "/state/flood?key=x", "bearer " + TOKEN).statusCode()).isEqualTo(200);
            assertThat(get(server, "/health/live", null).statusCode()).isEqualTo(200);
            assertThat(get(server, "/health/ready", null).statusCode()).isEqualTo(200);
            assertThat(get(server, "/metrics", null).statusCode()).isEqualTo(200);
        }
    }
}
