package io.mmsguard.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void readsTheBigEndianSchemaIdAfterTheMagicByte() {
        assertThat(WireFormat.schemaId("t", new byte[] {0, 0, 0, 1, 2, 42})).isEqualTo(258);
        assertThat(WireFormat.schemaId("t", new byte[] {0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe})).isEqualTo(-2);
    }

    @Test
    void rejectsAWrongMagicByteNamingTheByteAndTheTopic() {
        assertThatThrownBy(() -> WireFormat.schemaId("sample.topic", new byte[] {0x7b, 0x22, 0x61, 0x22, 0x3a}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown magic byte 0x7b")
                .hasMessageContaining("sample.topic")
                .hasMessageContaining("not the Confluent wire format");
    }

    @Test
    void rejectsRecordsShorterThanTheHeader() {
        assertThatThrownBy(() -> WireFormat.schemaId("t", new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("3 byte(s)")
                .hasMessageContaining("too short");
    }
}
