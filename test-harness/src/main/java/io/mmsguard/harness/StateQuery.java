package io.mmsguard.harness;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The inspection service's documented state query ({@code GET /state/flood}, docs/architecture.md): any instance
 * answers for any key, forwarding to the key's owner, or 503 while ownership is unknown (a rebalance).
 */
final class StateQuery {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AdminToken token;

    StateQuery(AdminToken token) {
        this.token = token;
    }

    /**
     * The sender's flood state on {@code mmsInterface} under {@code profile} (its {@code owner}, per threshold its
     * {@code count}...), asked of each admin port in turn until one answers 200, for at most {@code within}
     * (rebalances answer 503).
     */
    JsonNode flood(List<Integer> adminPorts, String mmsInterface, String sender, String profile, Duration within) {
        String query = "/state/flood?interface=" + mmsInterface + "&key=" + URLEncoder.encode(sender,
                StandardCharsets.UTF_8) + "&profile=" + URLEncoder.encode(profile, StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + within.toNanos();
        String last = "no instance asked";
        while (true) {
            for (int port : adminPorts) {
                try {
                    HttpResponse<String> r = http.send(token.authorize(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + port + query))).timeout(ASK_TIMEOUT).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return JSON.readTree(r.body());
                    }
                    last = port + " answered " + r.statusCode() + " " + r.body().strip();
                } catch (IOException e) {
                    last = port + ": " + e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while asking " + query, e);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(query + " not answered within " + within + ": " + last);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
