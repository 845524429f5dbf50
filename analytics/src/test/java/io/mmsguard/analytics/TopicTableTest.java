package io.mmsguard.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.mmsguard.schemas.Topics;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.junit.jupiter.api.Test;

/** The DDL of a topic table: the type mapping, quoting, and what Flink makes of it (no Kafka is contacted). */
class TopicTableTest {
    /** Every kind of field the contracts use; the doc has the quote that a SQL literal must double. */
    private static final String SCHEMA = """
            {"type": "record", "name": "Sample", "namespace": "io.mmsguard.avro", "doc": "the interface's record",
             "fields": [
              {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["UNKNOWN", "FULL"]}},
              {"name": "detail", "type": ["null", "string"], "default": null},
              {"name": "size", "type": "long"},
              {"name": "recipients", "type": {"type": "array", "items": {"type": "record", "name": "Rcpt",
                "fields": [{"name": "address", "type": "string"}, {"name": "raw", "type": ["null", "string"]}]}}},
              {"name": "headers", "type": {"type": "map", "values": "string"}},
              {"name": "content", "type": ["null", "bytes"]},
              {"name": "receivedAt", "type": {"type": "long", "logicalType": "timestamp-millis"}}
             ]}""";
    private static final KafkaConnection KAFKA = new KafkaConnection("127.0.0.1:9092",
            "http://127.0.0.1:8081/apis/ccompat/v7", Map.of("security.protocol", "SASL_SSL"),
            Map.of("basic-auth.credentials-source", "USER_INFO"));

    @Test
    void theColumnsAreWhatTheFormatDerivesFromTheSchemaPlusKeyRecordTimeAndInstants() {
        String ddl = new TopicTable("sample", "mms.sample").createTable(SCHEMA, KAFKA);

        assertThat(ddl).startsWith("""
                CREATE TABLE `sample` (
                  `kafka_key` STRING,
                  `kind` STRING NOT NULL,
                  `detail` STRING,
                  `size` BIGINT NOT NULL,
                  `recipients` ARRAY<ROW<`address` STRING NOT NULL, `raw` STRING> NOT NULL> NOT NULL,
                  `headers` MAP<STRING NOT NULL, STRING NOT NULL> NOT NULL,
                  `content` BYTES,
                  `receivedAt` TIMESTAMP(3) NOT NULL,
                  `record_time` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
                  `receivedAtLtz` AS TO_TIMESTAMP_LTZ(DATE_FORMAT(`receivedAt`, 'yyyy-MM-dd HH:mm:ss.SSS'), \
                'yyyy-MM-dd HH:mm:ss.SSS', 'UTC')
                ) WITH (
                  'connector' = 'kafka',
                  'topic' = 'mms.sample',
                  'properties.bootstrap.servers' = '127.0.0.1:9092',
                  'properties.isolation.level' = 'read_committed',
                  'properties.allow.auto.create.topics' = 'false',
                  'properties.security.protocol' = 'SASL_SSL',
                  'scan.startup.mode' = 'earliest-offset',
                  'scan.bounded.mode' = 'latest-offset',
                  'key.format' = 'raw',
                  'key.fields' = 'kafka_key',
                  'value.format' = 'avro-confluent',
                  'value.avro-confluent.url' = 'http://127.0.0.1:8081/apis/ccompat/v7',
                  'value.avro-confluent.basic-auth.credentials-source' = 'USER_INFO',
                  'value.avro-confluent.schema' = '""")
                .contains("\"doc\": \"the interface''s record\"")
                .endsWith("""
                  'value.fields-include' = 'EXCEPT_KEY'
                )""");
    }

    @Test
    void flinkAcceptsTheTableAndTheInstantColumnIsTimestampLtz() {
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        env.executeSql(new TopicTable("sample", "mms.sample").createTable(SCHEMA, KAFKA));

        ResolvedSchema schema = env.from("sample").getResolvedSchema();
        assertThat(schema.getColumn("receivedAtLtz").map(Column::getDataType).map(Object::toString))
                .hasValue("TIMESTAMP_LTZ(3)");
        assertThat(schema.getColumn("record_time").map(Column::getDataType).map(Object::toString))
                .hasValue("TIMESTAMP_LTZ(3)");
        assertThat(schema.getColumnNames()).hasSize(10);
    }

    @Test
    void aFieldNamedLikeAnAddedColumnIsRefused() {
        String clash = SCHEMA.replace("\"name\": \"size\"", "\"name\": \"record_time\"");

        assertThatThrownBy(() -> new TopicTable("sample", "mms.sample").createTable(clash, KAFKA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`record_time` twice");
    }

    @Test
    void theDefaultsAreTheServicesTopics() {
        assertThat(TopicTable.ARCHIVE.topic()).isEqualTo(Topics.ARCHIVE);
        assertThat(TopicTable.INSPECTION_LOG.topic()).isEqualTo(Topics.INSPECTION_LOG);
        assertThat(TopicTable.ARCHIVE.onTopic("eu.archive").subject()).isEqualTo("eu.archive-value");
    }
}
