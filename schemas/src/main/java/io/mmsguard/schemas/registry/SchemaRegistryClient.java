package io.mmsguard.schemas.registry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

/**
 * A client for the Confluent Schema Registry REST API (Confluent-protocol-compatible: it works against
 * Confluent Schema Registry, Apicurio's ccompat API, Karapace and Redpanda). Avro only.
 *
 * <p>Ids and schemas never change once assigned, so those answers are cached for good (bounded by
 * {@code max.schemas.per.subject}); "latest version" answers are cached for {@code latest.cache.ttl.sec}.
 * Thread-safe.
 */
public final class SchemaRegistryClient {
    private final RegistryTransport transport;
    private final BoundedCache<SubjectSchema, Integer> registeredIds;
    private final BoundedCache<SubjectSchema, RegisteredSchema> lookups;
    private final BoundedCache<Integer, Schema> schemasById;
    private final BoundedCache<String, RegisteredSchema> latest;

    /** Compatibility levels of Confluent's API. */
    public enum Compatibility { NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE }

    private record SubjectSchema(String subject, String schema) {
    }

    public SchemaRegistryClient(RegistryClientConfig config) {
        this.transport = new RegistryTransport(config);
        this.registeredIds = new BoundedCache<>(config.cacheCapacity(), -1);
        this.lookups = new BoundedCache<>(config.cacheCapacity(), -1);
        this.schemasById = new BoundedCache<>(config.cacheCapacity(), -1);
        this.latest = new BoundedCache<>(config.latestCacheSize(), config.latestCacheTtlMillis());
    }

    /** Builds a client from Confluent-named settings (see {@link RegistryClientConfig}). */
    public static SchemaRegistryClient create(Map<String, ?> configs) {
        return new SchemaRegistryClient(RegistryClientConfig.from(configs));
    }

    /**
     * Registers the schema under the subject, or returns the id it already has there. The compact
     * {@code schema.toString()} form is sent so that re-registration gives the same id on every server.
     *
     * @throws SchemaRegistryException.IncompatibleSchema when the subject's compatibility rule rejects it
     */
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema.toString());
        return registeredIds.get(key, k -> {
            ObjectNode body = transport.json().createObjectNode().put("schema", k.schema());
            return transport.post("/subjects/" + encode(subject) + "/versions", body).path("id").asInt();
        });
    }

    /**
     * The id and version the schema has under the subject, without registering it.
     *
     * @throws SchemaRegistryException.SubjectNotFound or {@link SchemaRegistryException.SchemaNotFound}
     */
    public RegisteredSchema lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema.toString());
        return lookups.get(key, k -> {
            ObjectNode body = transport.json().createObjectNode().put("schema", k.schema());
            JsonNode node = transport.post("/subjects/" + encode(subject), body);
            return new RegisteredSchema(subject, node.path("version").asInt(), node.path("id").asInt(), schema);
        });
    }

    /**
     * The schema with this global id, as a deserializer needs it.
     *
     * @throws SchemaRegistryException.SchemaNotFound for an id the registry does not know
     */
    public Schema getById(int id) {
        return schemasById.get(id, k -> {
            JsonNode node = transport.get("/schemas/ids/" + k);
            String type = node.path("schemaType").asText("AVRO");
            if (!"AVRO".equalsIgnoreCase(type)) {
                throw new SchemaRegistryException("schema id " + k + " is of type " + type + ", not AVRO", 200, -1);
            }
            return parse(node.path("schema").asText(), "schema id " + k);
        });
    }

    /** The newest version under the subject (cached for {@code latest.cache.ttl.sec}). */
    public RegisteredSchema latest(String subject) {
        return latest.get(subject, s -> version(s, "latest"));
    }

    /** One version of the subject. */
    public RegisteredSchema version(String subject, int version) {
        return version(subject, Integer.toString(version));
    }

    private RegisteredSchema version(String subject, String version) {
        JsonNode node = transport.get("/subjects/" + encode(subject) + "/versions/" + version);
        int id = node.path("id").asInt();
        Schema schema = parse(node.path("schema").asText(), "subject " + subject + " version " + version);
        schemasById.put(id, schema);
        return new RegisteredSchema(subject, node.path("version").asInt(), id, schema);
    }

    public List<String> subjects() {
        List<String> out = new ArrayList<>();
        transport.get("/subjects").forEach(n -> out.add(n.asText()));
        return out;
    }

    public List<Integer> versions(String subject) {
        List<Integer> out = new ArrayList<>();
        transport.get("/subjects/" + encode(subject) + "/versions").forEach(n -> out.add(n.asInt()));
        return out;
    }

    /** Deletes every version of the subject (a soft delete on Confluent's registry); returns the versions deleted. */
    public List<Integer> deleteSubject(String subject) {
        List<Integer> out = new ArrayList<>();
        transport.delete("/subjects/" + encode(subject)).forEach(n -> out.add(n.asInt()));
        latest.invalidate(subject);
        return out;
    }

    /** The registry-wide compatibility level. */
    public Compatibility globalCompatibility() {
        return compatibilityOf(transport.get("/config"));
    }

    /** The subject's own compatibility level, if it has one (otherwise the global level applies). */
    public Optional<Compatibility> subjectCompatibility(String subject) {
        try {
            return Optional.of(compatibilityOf(transport.get("/config/" + encode(subject))));
        } catch (SchemaRegistryException.SubjectConfigNotFound | SchemaRegistryException.SubjectNotFound e) {
            return Optional.empty();
        }
    }

    public void setGlobalCompatibility(Compatibility level) {
        transport.put("/config", compatibilityBody(level));
    }

    public void setSubjectCompatibility(String subject, Compatibility level) {
        transport.put("/config/" + encode(subject), compatibilityBody(level));
    }

    /** Whether the registry would accept the schema as the subject's next version under its compatibility rule. */
    public boolean isCompatible(String subject, Schema schema) {
        ObjectNode body = transport.json().createObjectNode().put("schema", schema.toString());
        return transport.post("/compatibility/subjects/" + encode(subject) + "/versions/latest", body)
                .path("is_compatible").asBoolean(false);
    }

    private ObjectNode compatibilityBody(Compatibility level) {
        return transport.json().createObjectNode().put("compatibility", level.name());
    }

    /* Confluent answers {"compatibilityLevel": ...} to GET and {"compatibility": ...} to PUT; servers vary. */
    private static Compatibility compatibilityOf(JsonNode node) {
        String value = node.hasNonNull("compatibilityLevel") ? node.get("compatibilityLevel").asText()
                : node.path("compatibility").asText("");
        try {
            return Compatibility.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new SchemaRegistryException("unknown compatibility level '" + value + "' in " + node, 200, -1);
        }
    }

    private static Schema parse(String text, String what) {
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            throw new SchemaRegistryException("the registry's " + what + " is not a valid Avro schema: " + e.getMessage(), 200, -1);
        }
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
