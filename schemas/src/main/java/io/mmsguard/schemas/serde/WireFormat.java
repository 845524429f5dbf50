package io.mmsguard.schemas.serde;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format: byte 0 is the magic byte 0x00, bytes 1-4 the schema id (signed 32-bit big-endian),
 * then the Avro binary datum with no container header.
 */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0x0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /**
     * The schema id of a record value, after checking that it is in Confluent's wire format.
     *
     * @throws SerializationException naming the topic and what is wrong
     */
    public static int schemaId(String topic, byte[] data) {
        if (data.length < HEADER_SIZE) {
            throw new SerializationException("record on topic " + topic + " has " + data.length
                    + " byte(s): too short for the Confluent wire format (magic byte 0x00 and a 4-byte schema id)");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    "unknown magic byte 0x%02x in a record on topic %s: not the Confluent wire format,"
                            + " which starts with 0x00 and a 4-byte schema id (was it written by another serializer?)",
                    data[0] & 0xff, topic));
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }
}
