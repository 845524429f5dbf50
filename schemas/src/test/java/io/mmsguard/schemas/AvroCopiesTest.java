package io.mmsguard.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsPart;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class AvroCopiesTest {

    @Test
    void aShallowCopyEqualsTheOriginalAndSharesItsValues() {
        for (MmsEnvelope e : SampleContracts.envelopes(6)) {
            MmsEnvelope copy = AvroCopies.shallow(e);
            assertThat(copy).isEqualTo(e).isNotSameAs(e);
            assertThat(copy.getParts()).isSameAs(e.getParts());
        }
    }

    @Test
    void withoutContentDropsEveryPartsBytesAndKeepsEverythingElseAndTheOriginal() {
        for (MmsEnvelope e : SampleContracts.envelopes(6)) {
            List<ByteBuffer> before = e.getParts().stream().map(MmsPart::getContent).toList();
            MmsEnvelope metadata = AvroCopies.withoutContent(e);

            assertThat(metadata.getParts()).hasSameSizeAs(e.getParts()).allMatch(p -> p.getContent() == null);
            for (int i = 0; i < e.getParts().size(); i++) {
                for (Schema.Field f : MmsPart.getClassSchema().getFields()) {
                    if (!f.name().equals("content")) {
                        assertThat(metadata.getParts().get(i).get(f.pos())).as(f.name())
                                .isEqualTo(e.getParts().get(i).get(f.pos()));
                    }
                }
            }
            for (Schema.Field f : MmsEnvelope.getClassSchema().getFields()) {
                if (!f.name().equals("parts")) {
                    assertThat(metadata.get(f.pos())).as(f.name()).isEqualTo(e.get(f.pos()));
                }
            }
            assertThat(e.getParts().stream().map(MmsPart::getContent).toList()).as("the original keeps its bytes")
                    .isEqualTo(before).anyMatch(b -> b != null && b.hasRemaining());
            assertThat(AvroCopies.withoutContent(metadata)).as("nothing to drop: the same record").isSameAs(metadata);
        }
    }
}
