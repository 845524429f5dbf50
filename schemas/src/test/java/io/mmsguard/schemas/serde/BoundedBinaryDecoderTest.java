package io.mmsguard.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** The bounded decoder reads what Avro's encoder writes, including the skip paths of schema resolution. */
class BoundedBinaryDecoderTest {
    private static final Schema WRITER = new Schema.Parser().parse("""
            {"type":"record","name":"R","namespace":"io.mmsguard.test","fields":[
              {"name":"id","type":"string"},
              {"name":"f","type":"float"},
              {"name":"fx","type":{"type":"fixed","name":"Four","size":4}},
              {"name":"dropText","type":"string"},
              {"name":"dropBytes","type":"bytes"},
              {"name":"dropArray","type":{"type":"array","items":"string"}},
              {"name":"dropMap","type":{"type":"map","values":"long"}},
              {"name":"dropFixed","type":"Four"},
              {"name":"tail","type":["null","int"]}]}""");
    private static final Schema READER = new Schema.Parser().parse("""
            {"type":"record","name":"R","namespace":"io.mmsguard.test","fields":[
              {"name":"id","type":"string"},
              {"name":"f","type":"float"},
              {"name":"fx","type":{"type":"fixed","name":"Four","size":4}},
              {"name":"tail","type":["null","int"]}]}""");

    private static byte[] write(GenericRecord r, boolean blocking) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // The blocking encoder writes sized array/map blocks, the form readers skip without decoding items.
        BinaryEncoder e = blocking ? EncoderFactory.get().blockingBinaryEncoder(out, null)
                : EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(WRITER).write(r, e);
        e.flush();
        return out.toByteArray();
    }

    private static GenericRecord sample() {
        Schema four = WRITER.getField("fx").schema();
        return new GenericRecordBuilder(WRITER).set("id", "x-\u00e9").set("f", 1.5f)
                .set("fx", new GenericData.Fixed(four, new byte[] {1, 2, 3, 4}))
                .set("dropText", "gone").set("dropBytes", ByteBuffer.wrap(new byte[] {9, 9}))
                .set("dropArray", List.of("a", "bb", "ccc")).set("dropMap", Map.of("k", 7L, "l", 8L))
                .set("dropFixed", new GenericData.Fixed(four, new byte[] {5, 6, 7, 8})).set("tail", 42).build();
    }

    @Test
    void readsAndSkipsWhatAvroWroteInBothBlockForms() throws IOException {
        for (boolean blocking : new boolean[] {false, true}) {
            byte[] data = write(sample(), blocking);
            GenericRecord read = new GenericDatumReader<GenericRecord>(WRITER, READER)
                    .read(null, new BoundedBinaryDecoder(data, 0, data.length));
            assertThat(read.get("id").toString()).isEqualTo("x-\u00e9");
            assertThat(read.get("f")).isEqualTo(1.5f);
            assertThat(((GenericData.Fixed) read.get("fx")).bytes()).containsExactly(1, 2, 3, 4);
            assertThat(read.get("tail")).isEqualTo(42);
        }
    }

    @Test
    void aTruncatedRecordIsAnEndOfInputError() throws IOException {
        byte[] data = write(sample(), false);
        byte[] cut = Arrays.copyOf(data, data.length - 3);
        assertThatThrownBy(() -> new GenericDatumReader<GenericRecord>(WRITER)
                .read(null, new BoundedBinaryDecoder(cut, 0, cut.length))).isInstanceOf(EOFException.class);
    }
}
