package io.mmsguard.inspection.topology;

import io.mmsguard.inspection.SampleEnvelopes;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.internal.SenderStageOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/** An MM1 send with inline part content, and the Avro binary round trip the repartition topic's serde performs. */
final class SenderStageFixtures {

    static final Instant RECEIVED = SampleEnvelopes.RECEIVED;

    private SenderStageFixtures() {
    }

    static MmsEnvelope envelope() {
        return SampleEnvelopes.mm1Send().build();
    }

    static byte[] serialize(SenderStageOutcome record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<>(SenderStageOutcome.class).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SenderStageOutcome deserialize(byte[] bytes) {
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
            return new SpecificDatumReader<>(SenderStageOutcome.class).read(null, decoder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
