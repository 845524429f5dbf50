package io.mmsguard.schemas.serde;

import java.util.Locale;

import org.apache.avro.Schema;

/**
 * How a record's subject (the registry's name for a schema lineage) is derived, as in Confluent's serializers.
 * Configured by {@code key.subject.name.strategy} / {@code value.subject.name.strategy} with our class names,
 * Confluent's class names ({@code io.confluent.kafka.serializers.subject.TopicNameStrategy} etc.) or the short
 * names.
 */
public interface SubjectNameStrategy {

    String subjectName(String topic, boolean isKey, Schema schema);

    /** {@code <topic>-key} / {@code <topic>-value}: one lineage per topic (the default). */
    final class TopicNameStrategy implements SubjectNameStrategy {
        @Override
        public String subjectName(String topic, boolean isKey, Schema schema) {
            return topic + (isKey ? "-key" : "-value");
        }
    }

    /** The record's full name: one lineage per record type across topics. */
    final class RecordNameStrategy implements SubjectNameStrategy {
        @Override
        public String subjectName(String topic, boolean isKey, Schema schema) {
            return recordName(schema);
        }
    }

    /** {@code <topic>-<full record name>}: several record types on one topic. */
    final class TopicRecordNameStrategy implements SubjectNameStrategy {
        @Override
        public String subjectName(String topic, boolean isKey, Schema schema) {
            return topic + "-" + recordName(schema);
        }
    }

    private static String recordName(Schema schema) {
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("record-name subject strategies need a record schema, got " + schema.getType());
        }
        return schema.getFullName();
    }

    /** The strategy for a configured class name or short name; fails with the accepted names otherwise. */
    static SubjectNameStrategy forName(String name) {
        String simple = name.trim().substring(Math.max(name.trim().lastIndexOf('.'), name.trim().lastIndexOf('$')) + 1);
        switch (simple.toLowerCase(Locale.ROOT)) {
            case "topicnamestrategy": return new TopicNameStrategy();
            case "recordnamestrategy": return new RecordNameStrategy();
            case "topicrecordnamestrategy": return new TopicRecordNameStrategy();
            default:
                throw new IllegalArgumentException("unknown subject name strategy '" + name
                        + "': use TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
        }
    }
}
