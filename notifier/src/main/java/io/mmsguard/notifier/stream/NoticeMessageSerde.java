package io.mmsguard.notifier.stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** JSON (Jackson) serde of {@link NoticeMessage}; unknown fields are ignored when reading. */
public final class NoticeMessageSerde implements Serde<NoticeMessage> {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Override
    public Serializer<NoticeMessage> serializer() {
        return (topic, notice) -> {
            if (notice == null) {
                return null;
            }
            try {
                return JSON.writeValueAsBytes(notice);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Override
    public Deserializer<NoticeMessage> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return JSON.readValue(bytes, NoticeMessage.class);
            } catch (IOException e) {
                throw new SerializationException("not a notice on " + topic, e);
            }
        };
    }
}
