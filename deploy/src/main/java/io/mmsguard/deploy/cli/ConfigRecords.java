package io.mmsguard.deploy.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.mmsguard.avro.Audit;
import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.schemas.config.ConfigStatus;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Profiles and endpoint lists as the config commands see them: a content (everything but {@code audit}) that files,
 * diffs and rollbacks compare, and an audit stamp that only apply writes.
 */
final class ConfigRecords {
    static final String AUDIT = "audit";

    private ConfigRecords() {
    }

    /** {@link ConfigStatus#PROFILE} or {@link ConfigStatus#ENDPOINT_LIST}. */
    static String kind(SpecificRecord record) {
        if (record instanceof MmsProfile) {
            return ConfigStatus.PROFILE;
        }
        if (record instanceof EndpointList) {
            return ConfigStatus.ENDPOINT_LIST;
        }
        throw new IllegalArgumentException("not a configuration record: " + record.getSchema().getFullName());
    }

    /** "profile" or "endpoint list", as the commands print it. */
    static String label(String kind) {
        return kind.equals(ConfigStatus.PROFILE) ? "profile" : "endpoint list";
    }

    static String name(SpecificRecord record) {
        return record.get(record.getSchema().getField("name").pos()).toString();
    }

    static Audit audit(SpecificRecord record) {
        return (Audit) record.get(record.getSchema().getField(AUDIT).pos());
    }

    /** The version on the topic: 0 for a record written before audits (or by another tool), none when absent. */
    static long version(Optional<? extends SpecificRecord> record) {
        return record.map(r -> audit(r).getVersion()).orElse(0L);
    }

    /** A copy of {@code record} with {@code audit}; the record itself is left as it is. */
    static <T extends SpecificRecord> T stamped(T record, Audit audit) {
        T copy = SpecificData.get().deepCopy(record.getSchema(), record);
        copy.put(record.getSchema().getField(AUDIT).pos(), audit);
        return copy;
    }

    /** A copy with the schema's empty audit: the content alone, as a file holds it. */
    static <T extends SpecificRecord> T content(T record) {
        return stamped(record, Audit.newBuilder().build());
    }

    /** The content as a tree for diffs ({@link AvroYaml#toTree}), without {@code audit}. */
    static Object contentTree(SpecificRecord record, boolean omitDefaults) {
        Object tree = AvroYaml.toTree(record, record.getSchema(), omitDefaults);
        if (tree instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>(map);
            out.remove(AUDIT);
            return out;
        }
        return tree;
    }
}
