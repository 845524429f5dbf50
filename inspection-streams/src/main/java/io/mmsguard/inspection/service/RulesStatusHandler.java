package io.mmsguard.inspection.service;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.mmsguard.inspection.topology.InspectionTopology;
import io.mmsguard.service.AdminServer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@code GET /status/profiles} and {@code /status/endpoint-lists}: per name, "applied" or why the last record was
 * rejected (the previous version then stays in force), as this instance sees it.
 */
final class RulesStatusHandler implements HttpHandler {
    private final KafkaStreams streams;

    RulesStatusHandler(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String store = switch (exchange.getRequestURI().getPath()) {
            case "/status/profiles" -> InspectionTopology.PROFILE_STATUS_STORE;
            case "/status/endpoint-lists" -> InspectionTopology.ENDPOINT_LIST_STATUS_STORE;
            default -> null;
        };
        if (store == null) {
            StateQueries.Answer a = Json.error(404, "use /status/profiles or /status/endpoint-lists");
            AdminServer.respond(exchange, a.status(), "application/json", a.json());
            return;
        }
        Map<String, String> status = new TreeMap<>();
        try {
            ReadOnlyKeyValueStore<String, String> kv = streams.store(
                    StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, String>keyValueStore()));
            try (KeyValueIterator<String, String> it = kv.all()) {
                it.forEachRemaining(e -> status.put(e.key, e.value));
            }
        } catch (InvalidStateStoreException e) {
            StateQueries.Answer a = Json.error(503, "not queryable yet: " + e.getMessage());
            AdminServer.respond(exchange, a.status(), "application/json", a.json());
            return;
        }
        AdminServer.respond(exchange, 200, "application/json", Json.map(status));
    }
}
