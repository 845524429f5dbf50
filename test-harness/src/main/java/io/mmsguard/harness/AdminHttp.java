package io.mmsguard.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * A service's admin HTTP port on loopback, as a load balancer or Prometheus sees it: {@code /health/ready} and
 * {@code /metrics} (docs/architecture.md, "Readiness and liveness"), and as an operator does for the other routes,
 * with the deployment's admin token (docs/security.md, "Control plane").
 */
final class AdminHttp {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int port;
    private final AdminToken token;

    AdminHttp(int port, AdminToken token) {
        this.port = port;
        this.token = token;
    }

    /** {@code GET path}; status -1 (and the error as the body) while nothing listens. */
    ServiceProcess.AdminReply get(String path) {
        HttpRequest request = token.authorize(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new ServiceProcess.AdminReply(r.statusCode(), r.body());
        } catch (IOException notListening) {
            return new ServiceProcess.AdminReply(-1, notListening.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking port " + port + " for " + path, e);
        }
    }

    /**
     * The value of an untagged (or singly exported) series {@code name} in the Prometheus text of {@code /metrics};
     * empty when the service does not export it or does not answer.
     */
    OptionalDouble gauge(String name) {
        ServiceProcess.AdminReply metrics = get("/metrics");
        if (metrics.status() != 200) {
            return OptionalDouble.empty();
        }
        return metrics.body().lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst();
    }
}
