package io.mmsguard.schemas;

import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * One top-level record and the topic it is the value of by default. Keys of every contract topic are strings
 * (ARCHITECTURE.md, "Topics"); {@link ContractTopics} turns a contract into a {@link Topic} with its serdes.
 *
 * @param type generated class of the record
 * @param defaultTopic topic name used when configuration does not override it
 */
public record Contract<V extends SpecificRecord>(Class<V> type, String defaultTopic) {

    public Contract {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultTopic, "defaultTopic");
    }

    /** The schema compiled into the generated class: the one producers register. */
    public Schema schema() {
        return SpecificData.get().getSchema(type);
    }

    /** Simple record name; also the directory of its schema history. */
    public String recordName() {
        return type.getSimpleName();
    }

    /** Registry subject under TopicNameStrategy for the default topic. */
    public String subject() {
        return defaultTopic + "-value";
    }

    @Override
    public String toString() {
        return recordName() + " (" + defaultTopic + ")";
    }
}
