package io.mmsguard.inspection.service;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.service.AdminServer;

/**
 * {@code GET /state/flood?key=+491701[&interface=MM1][&profile=demo][&at=epochMillis]} and
 * {@code GET /state/duplicate?key=<checksum>...}: see {@link StateQueries}. Without {@code interface} every
 * interface is asked, without {@code profile} every profile in force.
 * {@code GET /state/top?kind=flood|duplicate[&interface=MM1][&limit=10][&profile=P]}: see {@link StateTop}.
 */
final class StateQueryHandler implements HttpHandler {
    private static final int MAX_QUERY = 4096;

    private final StateQueries queries;
    private final StateTop top;

    StateQueryHandler(StateQueries queries, StateTop top) {
        this.queries = queries;
        this.top = top;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        StateQueries.Answer answer;
        try {
            answer = answer(exchange);
        } catch (IllegalArgumentException e) {
            answer = Json.error(400, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = Json.error(503, "interrupted");
        } catch (IOException e) {
            answer = Json.error(502, "the key's owner did not answer: " + e.getMessage());
        }
        AdminServer.respond(exchange, answer.status(), "application/json", answer.json());
    }

    private StateQueries.Answer answer(HttpExchange exchange) throws IOException, InterruptedException {
        if (!exchange.getRequestMethod().equals("GET")) {
            return Json.error(405, "GET only");
        }
        String path = exchange.getRequestURI().getPath();
        Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
        if (path.equals("/state/top")) {
            return top(params);
        }
        StateQueries.Kind kind = switch (path) {
            case "/state/flood" -> StateQueries.Kind.FLOOD;
            case "/state/duplicate" -> StateQueries.Kind.DUPLICATE;
            default -> null;
        };
        if (kind == null) {
            return Json.error(404, "use /state/flood, /state/duplicate or /state/top");
        }
        String key = params.get("key");
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key is required (the sender for flood, the checksum for duplicate)");
        }
        MmsInterface mmsInterface = params.containsKey("interface") ? mmsInterface(params.get("interface")) : null;
        StateQueries.Query q = new StateQueries.Query(kind, mmsInterface, key,
                params.getOrDefault("profile", "").isEmpty() ? null : params.get("profile"), at(params));
        return queries.answer(q, "true".equals(params.get("forwarded")));
    }

    /** {@code kind=flood|duplicate&interface=MM1&limit=10[&profile=P][&at=epochMillis]}. */
    private StateQueries.Answer top(Map<String, String> params) throws InterruptedException {
        StateQueries.Kind kind = switch (params.getOrDefault("kind", "")) {
            case "flood" -> StateQueries.Kind.FLOOD;
            case "duplicate" -> StateQueries.Kind.DUPLICATE;
            default -> throw new IllegalArgumentException("kind must be flood or duplicate");
        };
        int limit;
        try {
            limit = Integer.parseInt(params.getOrDefault("limit", String.valueOf(StateTop.DEFAULT_LIMIT)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a number 1-" + StateTop.MAX_LIMIT);
        }
        StateTop.Query q = new StateTop.Query(kind, mmsInterface(params.getOrDefault("interface", "MM1")), limit, params.get("profile"), at(params));
        return top.answer(q, "true".equals(params.get("local")));
    }

    private static Instant at(Map<String, String> params) {
        try {
            return params.containsKey("at") ? Instant.ofEpochMilli(Long.parseLong(params.get("at")))
                    : Instant.now().truncatedTo(ChronoUnit.MILLIS);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("at must be epoch milliseconds");
        }
    }

    private static MmsInterface mmsInterface(String value) {
        try {
            MmsInterface parsed = MmsInterface.valueOf(value.toUpperCase(Locale.ROOT));
            if (parsed != MmsInterface.UNKNOWN) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new IllegalArgumentException("interface must be MM1, MM3, MM4 or MM7");
    }

    static Map<String, String> params(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        if (raw.length() > MAX_QUERY) {
            throw new IllegalArgumentException("query longer than " + MAX_QUERY + " characters");
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(name, value);
        }
        return out;
    }
}
