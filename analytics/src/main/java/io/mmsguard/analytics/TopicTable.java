package io.mmsguard.analytics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.flink.formats.avro.typeutils.AvroSchemaConverter;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;

/**
 * A read-only Flink SQL table over one mmsguard topic: the record key (a plain UTF-8 string, the sender) with the
 * {@code raw} format, the value with {@code avro-confluent} through the registry's Confluent API, read from the
 * earliest offset to the end offsets taken when the query starts ({@code 'scan.bounded.mode' = 'latest-offset'}),
 * committed records only.
 *
 * <p>The value columns are exactly what Flink's avro-confluent format derives from the topic's schema, because the
 * format checks a given reader schema ({@code 'value.avro-confluent.schema'}) against the columns and refuses any
 * difference. The schema has to be given: without it the format reads with a schema made from the columns, in
 * which an Avro enum can only be a string, and Avro cannot resolve an enum the writer wrote into a string. With it
 * enums arrive as STRING, records as ROW, arrays of records as ARRAY&lt;ROW&gt;, {@code ["null", T]} as a nullable
 * T, maps as MAP&lt;STRING, T&gt; — and {@code timestamp-millis} as TIMESTAMP(3) holding the UTC time, the format's
 * only mapping for it (it has no switch for TIMESTAMP_LTZ). So each top-level {@code timestamp-millis} field
 * {@code f} gets a computed column {@code fLtz} of type TIMESTAMP_LTZ(3), the same instant whatever the session's
 * {@code table.local-time-zone}; and {@code record_time} is the Kafka record's own timestamp (TIMESTAMP_LTZ(3)).
 */
public record TopicTable(String name, String topic) {
    /** mms.archive: one record per archived or quarantined message, key = sender. */
    public static final TopicTable ARCHIVE = new TopicTable("archive", "mms.archive");
    /** mms.inspection-log: one record per inspected message with every scan and threshold, key = sender. */
    public static final TopicTable INSPECTION_LOG = new TopicTable("inspection_log", "mms.inspection-log");

    /** The record key: the sender as a plain UTF-8 string, never Avro. */
    public static final String KEY_COLUMN = "kafka_key";
    /** The Kafka record's timestamp (mms.archive: when the record was archived). */
    public static final String RECORD_TIME_COLUMN = "record_time";
    /** Suffix of the TIMESTAMP_LTZ(3) column computed from each top-level timestamp-millis field. */
    public static final String LTZ_SUFFIX = "Ltz";
    private static final String MAX_STRING = "VARCHAR(2147483647)";
    private static final String MAX_BYTES = "VARBINARY(2147483647)";
    private static final String UTC_PATTERN = "yyyy-MM-dd HH:mm:ss.SSS";

    public TopicTable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
    }

    /** The same table over another topic name (the services' {@code topics.archive} etc.). */
    public TopicTable onTopic(String otherTopic) {
        return new TopicTable(name, otherTopic);
    }

    /** The registry subject of the values (TopicNameStrategy). */
    public String subject() {
        return topic + "-value";
    }

    /**
     * {@code CREATE TABLE} for this topic.
     *
     * @param valueSchema the Avro schema of the values as JSON, normally the subject's latest version
     * @throws IllegalArgumentException when the schema is not a record, has a type Flink cannot map (a union of
     *                                  two non-null types), or a field named like one of the added columns
     */
    public String createTable(String valueSchema, KafkaConnection kafka) {
        RowType value = valueRow(valueSchema);
        List<String> columns = new ArrayList<>();
        columns.add(quote(KEY_COLUMN) + " STRING");
        for (RowType.RowField f : value.getFields()) {
            columns.add(quote(f.getName()) + " " + sqlType(f.getType()));
        }
        columns.add(quote(RECORD_TIME_COLUMN) + " TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL");
        for (String field : utcTimestamps(value)) {
            // DATE_FORMAT of a TIMESTAMP (not LTZ) ignores the session zone, and the 3-argument TO_TIMESTAMP_LTZ
            // reads the text in UTC: the instant the writer wrote, for any table.local-time-zone.
            columns.add(quote(field + LTZ_SUFFIX) + " AS TO_TIMESTAMP_LTZ(DATE_FORMAT(" + quote(field) + ", '"
                    + UTC_PATTERN + "'), '" + UTC_PATTERN + "', 'UTC')");
        }
        checkUnique(columns);
        Map<String, String> options = new LinkedHashMap<>();
        options.put("connector", "kafka");
        options.put("topic", topic);
        options.put("properties.bootstrap.servers", kafka.bootstrapServers());
        // The topology writes in transactions: an aborted attempt's records are in the log and must not be counted.
        options.put("properties.isolation.level", "read_committed");
        // Read-only: a query never creates a topic by naming it, and commits no offsets (no group.id is given).
        options.put("properties.allow.auto.create.topics", "false");
        kafka.kafkaProperties().forEach((k, v) -> options.put("properties." + k, v));
        options.put("scan.startup.mode", "earliest-offset");
        options.put("scan.bounded.mode", "latest-offset");
        options.put("key.format", "raw");
        options.put("key.fields", KEY_COLUMN);
        options.put("value.format", "avro-confluent");
        options.put("value.avro-confluent.url", kafka.registryUrl());
        kafka.registryProperties().forEach((k, v) -> options.put("value.avro-confluent." + k, v));
        options.put("value.avro-confluent.schema", valueSchema);
        options.put("value.fields-include", "EXCEPT_KEY");
        return "CREATE TABLE " + quote(name) + " (\n  " + String.join(",\n  ", columns) + "\n) WITH (\n  "
                + options.entrySet().stream().map(e -> literal(e.getKey()) + " = " + literal(e.getValue()))
                        .collect(Collectors.joining(",\n  "))
                + "\n)";
    }

    /** The value row Flink derives from the schema, as the avro-confluent format will check it. */
    static RowType valueRow(String valueSchema) {
        LogicalType type = AvroSchemaConverter.convertToDataType(valueSchema).getLogicalType();
        if (!(type instanceof RowType row)) {
            throw new IllegalArgumentException("the value schema is no record but " + type);
        }
        return row;
    }

    /** The top-level TIMESTAMP(3) columns, each a timestamp-millis field written as UTC. */
    static List<String> utcTimestamps(RowType value) {
        return value.getFields().stream()
                .filter(f -> f.getType().getTypeRoot() == LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE)
                .map(RowType.RowField::getName).toList();
    }

    /** The type as DDL, with STRING and BYTES for the unbounded character and binary strings. */
    static String sqlType(LogicalType type) {
        return type.asSerializableString().replace(MAX_STRING, "STRING").replace(MAX_BYTES, "BYTES");
    }

    private static void checkUnique(List<String> columns) {
        Set<String> seen = new HashSet<>();
        for (String c : columns) {
            String name = c.substring(0, c.indexOf('`', 1) + 1);
            if (!seen.add(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("column " + name + " twice: the schema has a field named like a"
                        + " column this table adds (" + KEY_COLUMN + ", " + RECORD_TIME_COLUMN + ", *" + LTZ_SUFFIX
                        + ")");
            }
        }
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
