package io.mmsguard.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmsguard.schemas.TestSchemas;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SubjectNameStrategyTest {
    private final Schema probe = TestSchemas.probeV1("Probe");

    @Test
    void topicNameStrategyNamesKeyAndValueSubjectsAfterTheTopic() {
        SubjectNameStrategy s = SubjectNameStrategy.forName("io.confluent.kafka.serializers.subject.TopicNameStrategy");
        assertThat(s.subjectName("sample.topic", false, probe)).isEqualTo("sample.topic-value");
        assertThat(s.subjectName("sample.topic", true, probe)).isEqualTo("sample.topic-key");
    }

    @Test
    void recordNameStrategiesUseTheFullRecordName() {
        assertThat(SubjectNameStrategy.forName("RecordNameStrategy").subjectName("t", false, probe))
                .isEqualTo("io.mmsguard.test.Probe");
        assertThat(SubjectNameStrategy.forName(SubjectNameStrategy.TopicRecordNameStrategy.class.getName())
                .subjectName("t", false, probe)).isEqualTo("t-io.mmsguard.test.Probe");
        assertThatThrownBy(() -> new SubjectNameStrategy.RecordNameStrategy().subjectName("t", false, Schema.create(Schema.Type.STRING)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record schema");
    }

    @Test
    void unknownStrategyNamesAreRejectedWithTheAcceptedNames() {
        assertThatThrownBy(() -> SubjectNameStrategy.forName("com.example.MyStrategy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
    }
}
