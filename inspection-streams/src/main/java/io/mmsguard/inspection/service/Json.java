package io.mmsguard.inspection.service;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmsguard.inspection.threshold.ThresholdView;
import org.apache.kafka.streams.state.HostInfo;

/** The JSON bodies of the admin endpoints. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static StateQueries.Answer error(int status, String message) {
        ObjectNode node = MAPPER.createObjectNode().put("error", message);
        return new StateQueries.Answer(status, write(node));
    }

    static String state(StateQueries.Query q, String profile, HostInfo host, int partition, List<ThresholdView> views) {
        ObjectNode root = MAPPER.createObjectNode()
                .put("kind", q.kind().name().toLowerCase())
                .put("interface", q.mmsInterface().name())
                .put("key", q.key())
                .put("profile", profile)
                .put("owner", host.host() + ":" + host.port())
                .put("partition", partition)
                .put("at", q.at().toString());
        root.put("blocked", thresholds(root.putArray("thresholds"), views));
        return write(root);
    }

    /** One object per threshold view; whether any of them is blocked. */
    private static boolean thresholds(ArrayNode thresholds, List<ThresholdView> views) {
        boolean blocked = false;
        for (ThresholdView v : views) {
            ObjectNode t = thresholds.addObject()
                    .put("threshold", v.index())
                    .put("windowMinutes", v.windowMinutes())
                    .put("limit", v.limit())
                    .put("count", v.count())
                    .put("flagged", v.flagged())
                    .put("blocked", v.blocked());
            if (v.blockedUntil().isPresent()) {
                t.put("blockedUntil", Instant.ofEpochMilli(v.blockedUntil().getAsLong()).toString());
            } else {
                t.putNull("blockedUntil");
            }
            blocked |= v.blocked();
        }
        return blocked;
    }

    /**
     * {@code GET /state/top}: what was asked, whether every instance contributed ({@code partial} and each instance's
     * {@code error} otherwise), and the entries best first, each with its owner and its thresholds.
     */
    static String top(StateTop.Query q, String profile, List<StateTop.InstancePart> parts,
                      List<StateTop.TopEntry> entries) {
        ObjectNode root = MAPPER.createObjectNode()
                .put("kind", q.kind().name().toLowerCase())
                .put("interface", q.mmsInterface().name())
                .put("profile", profile)
                .put("limit", q.limit())
                .put("at", q.at().toString())
                .put("partial", parts.stream().anyMatch(p -> p.error() != null));
        ArrayNode instances = root.putArray("instances");
        for (StateTop.InstancePart p : parts) {
            ObjectNode i = instances.addObject().put("instance", p.instance()).put("entries", p.entries().size());
            if (p.error() != null) {
                i.put("error", p.error());
            }
        }
        ArrayNode out = root.putArray("entries");
        int rank = 0;
        for (StateTop.TopEntry e : entries) {
            ObjectNode entry = out.addObject()
                    .put("rank", ++rank)
                    .put("key", e.key())
                    .put("owner", e.owner())
                    .put("count", e.count());
            boolean blocked = thresholds(entry.putArray("thresholds"), e.views());
            entry.put("blocked", blocked);
            long until = e.views().stream().filter(ThresholdView::blocked)
                    .mapToLong(v -> v.blockedUntil().getAsLong()).max().orElse(Long.MIN_VALUE);
            if (until == Long.MIN_VALUE) {
                entry.putNull("blockedUntil");
            } else {
                entry.put("blockedUntil", Instant.ofEpochMilli(until).toString());
            }
        }
        return write(root);
    }

    /** Another instance's local answer to {@code /state/top?local=true}, read back. */
    static StateTop.InstancePart topPart(String instance, String body) throws IOException {
        JsonNode root = MAPPER.readTree(body);
        List<StateTop.TopEntry> entries = new ArrayList<>();
        for (JsonNode e : root.path("entries")) {
            List<ThresholdView> views = new ArrayList<>();
            for (JsonNode t : e.path("thresholds")) {
                views.add(new ThresholdView(t.path("threshold").asInt(), t.path("windowMinutes").asInt(),
                        t.path("limit").asInt(), t.path("count").asLong(), t.path("flagged").asBoolean(),
                        t.path("blockedUntil").isTextual()
                                ? OptionalLong.of(Instant.parse(t.path("blockedUntil").asText()).toEpochMilli())
                                : OptionalLong.empty()));
            }
            entries.add(new StateTop.TopEntry(e.path("key").asText(), e.path("owner").asText(instance), views));
        }
        JsonNode error = root.path("instances").path(0).path("error");
        return new StateTop.InstancePart(instance, entries, error.isTextual() ? error.asText() : null);
    }

    /** The {@code error} of an error body, or the body itself. */
    static String errorOf(String body) {
        try {
            return MAPPER.readTree(body).path("error").asText(body.strip());
        } catch (IOException e) {
            return body.strip();
        }
    }

    static String map(Map<String, String> values) {
        ObjectNode node = MAPPER.createObjectNode();
        values.forEach(node::put);
        return write(node);
    }

    private static String write(ObjectNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
