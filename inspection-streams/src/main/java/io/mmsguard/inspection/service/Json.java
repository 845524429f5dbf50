package io.mmsguard.inspection.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
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
        ArrayNode thresholds = root.putArray("thresholds");
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
        root.put("blocked", blocked);
        return write(root);
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
