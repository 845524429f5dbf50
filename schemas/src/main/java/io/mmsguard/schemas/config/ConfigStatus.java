package io.mmsguard.schemas.config;

import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One value of mms.config-status (JSON, compacted, key {@link #key()}): what one inspection instance did with the last
 * version of a profile or endpoint list it read. Written by the inspection service, read by {@code config apply} to
 * wait until its version is in force or rejected. JSON rather than Avro: a status is not a contract analysts read,
 * and the CLI reads it with nothing but its Kafka connection.
 *
 * @param kind     {@link #PROFILE} or {@link #ENDPOINT_LIST}
 * @param version  the record's {@code audit.version} (0 for a record written without the CLI)
 * @param reason   why it was rejected; empty when in force
 * @param time     when the instance read it, epoch milliseconds
 */
public record ConfigStatus(String kind, String name, String instance, long version, boolean inForce,
                           Optional<String> reason, long time) {
    public static final String PROFILE = "profile";
    public static final String ENDPOINT_LIST = "endpoint-list";
    private static final ObjectMapper JSON = new ObjectMapper();

    public ConfigStatus {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code kind/name/instance}: one current status per record and instance. */
    public String key() {
        return kind + "/" + name + "/" + instance;
    }

    /** "in-force" or "rejected: reason". */
    public String describe() {
        return inForce ? "in-force" : "rejected: " + reason.orElse("");
    }

    public String toJson() {
        ObjectNode node = JSON.createObjectNode().put("kind", kind).put("name", name).put("instance", instance)
                .put("version", version).put("status", inForce ? "in-force" : "rejected").put("time", time);
        reason.ifPresent(r -> node.put("reason", r));
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return empty when the text is not a status (another writer, a newer format): readers skip it */
    public static Optional<ConfigStatus> parse(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.hasNonNull("kind") || !n.hasNonNull("name") || !n.hasNonNull("status")) {
                return Optional.empty();
            }
            return Optional.of(new ConfigStatus(n.get("kind").asText(), n.get("name").asText(),
                    n.path("instance").asText(""), n.path("version").asLong(), "in-force".equals(n.get("status").asText()),
                    Optional.ofNullable(n.get("reason")).map(JsonNode::asText), n.path("time").asLong()));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
