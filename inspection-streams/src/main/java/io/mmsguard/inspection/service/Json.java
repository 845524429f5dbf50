package io.mmsguard.inspection.service;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmsguard.inspection.threshold.ThresholdAction;
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

    /** 404 for a profile that is not in force, with the names that are, so that the caller can correct itself. */
    static StateQueries.Answer unknownProfile(String profile, Collection<String> inForce) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("error", "no profile \"" + profile + "\" is in force; the profiles in force are: "
                        + String.join(", ", inForce));
        ArrayNode names = node.putArray("profiles");
        inForce.forEach(names::add);
        return new StateQueries.Answer(404, write(node));
    }

    /** One interface and one profile asked for: the view's fields beside what was asked. */
    static String state(StateQueries.Query q, HostInfo host, int partition, StateQueries.View view) {
        ObjectNode root = asked(q, host, partition);
        view(root, view);
        return write(root);
    }

    /**
     * Every view found, with the profiles in force; {@code blocked} is true when the next message would be blocked
     * under any of them.
     */
    static String states(StateQueries.Query q, HostInfo host, int partition, Collection<String> inForce,
                         List<StateQueries.View> views) {
        ObjectNode root = asked(q, host, partition);
        ArrayNode names = root.putArray("profiles");
        inForce.forEach(names::add);
        ArrayNode array = root.putArray("views");
        views.forEach(v -> view(array.addObject(), v));
        root.put("blocked", views.stream().anyMatch(v -> v.next().blocked()));
        return write(root);
    }

    private static ObjectNode asked(StateQueries.Query q, HostInfo host, int partition) {
        ObjectNode root = MAPPER.createObjectNode()
                .put("kind", q.kind().name().toLowerCase())
                .put("key", q.key());
        if (q.mmsInterface() != null) {
            root.put("interface", q.mmsInterface().name());
        }
        if (q.profile() != null) {
            root.put("profile", q.profile());
        }
        return root.put("owner", host.host() + ":" + host.port())
                .put("partition", partition)
                .put("at", q.at().toString());
    }

    /**
     * Per threshold its count and lasting block, and {@code next}: what it does to the next message (BLOCK when it
     * would be exceeded and has the BLOCK action, EXCEEDED when exceeded without blocking, PASS otherwise).
     * {@code blocked} is whether the next message would be blocked.
     */
    private static void view(ObjectNode node, StateQueries.View v) {
        node.put("interface", v.mmsInterface().name())
                .put("profile", v.profile())
                .put("state", v.hasState());
        ArrayNode thresholds = node.putArray("thresholds");
        for (ThresholdView t : v.thresholds()) {
            threshold(thresholds, t).put("next", v.next().results().stream().filter(r -> r.index() == t.index())
                    .findFirst()
                    .map(r -> !r.exceeded() ? "PASS" : r.actions().contains(ThresholdAction.BLOCK) ? "BLOCK"
                            : "EXCEEDED")
                    .orElse("PASS"));
        }
        node.put("blocked", v.next().blocked());
    }

    /** One threshold's count, flag and lasting block, added to {@code array}. */
    private static ObjectNode threshold(ArrayNode array, ThresholdView t) {
        ObjectNode o = array.addObject()
                .put("threshold", t.index())
                .put("windowMinutes", t.windowMinutes())
                .put("limit", t.limit())
                .put("count", t.count())
                .put("flagged", t.flagged())
                .put("blocked", t.blocked());
        if (t.blockedUntil().isPresent()) {
            o.put("blockedUntil", Instant.ofEpochMilli(t.blockedUntil().getAsLong()).toString());
        } else {
            o.putNull("blockedUntil");
        }
        return o;
    }

    /** One object per threshold view; whether any of them holds a lasting block. */
    private static boolean thresholds(ArrayNode thresholds, List<ThresholdView> views) {
        views.forEach(v -> threshold(thresholds, v));
        return views.stream().anyMatch(ThresholdView::blocked);
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
