package io.mmsguard.gateway.session;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.mmsguard.service.AdminServer;

/**
 * {@code GET /status/profiles}: whether this gateway follows the profiles topic (readiness is red when not), and the
 * pinned profiles kept in force against a tombstone ({@code degraded} while there are any: the gateway still answers
 * with the last valid version, as the topology does, but the topic no longer holds it).
 */
public final class ProfileStatusHandler implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProfileView profiles;

    public ProfileStatusHandler(ProfileView profiles) {
        this.profiles = profiles;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Set<String> tombstoned = new TreeSet<>(profiles.tombstonedPinned());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("following", profiles.following());
        status.put("degraded", !tombstoned.isEmpty());
        status.put("tombstonedPinned", tombstoned);
        AdminServer.respond(exchange, 200, "application/json", JSON.writeValueAsString(status) + "\n");
    }
}
