package io.mmsguard.inspection.topology;

import static io.mmsguard.inspection.topology.TopologyFixture.T0;
import static io.mmsguard.inspection.topology.TopologyFixture.mm1;
import static io.mmsguard.inspection.topology.TopologyFixture.profile;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.mmsguard.avro.ArchiveMode;
import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.inspection.SampleEnvelopes;
import io.mmsguard.schemas.archive.ArchiveContentSealer;
import io.mmsguard.schemas.archive.ArchiveKeyring;
import io.mmsguard.schemas.archive.EnvelopeCipher;
import org.junit.jupiter.api.Test;

/** With archive keys the topology writes the archive's content fields encrypted; without, in the clear. */
class InspectionTopologyArchiveEncryptionTest extends TopologyTestSupport {
    private static final ArchiveKeyring KEYS = ArchiveKeyring.parse(
            "k1:" + Base64.getEncoder().encodeToString(new byte[32]), "k1", "test");
    private static final byte[] TEXT = "the subscriber's words".getBytes(StandardCharsets.UTF_8);

    private static MmsEnvelope.Builder message() {
        return mm1(T0).setSubject("private subject")
                .setParts(List.of(SampleEnvelopes.part("text/plain", "words.txt", TEXT)));
    }

    private ArchiveRecord archived() {
        fx.publish(profile().setMm1(InterfaceSettings.newBuilder().setArchive(ArchiveMode.FULL).build()).build());
        return fx.send(message()).archive().get(0).value;
    }

    @Test
    void withKeysTheContentFieldsAreEncryptedAndOpenWithTheKey() {
        fx.close();
        fx = new TopologyFixture(stateDir, new TopologySettings(TopicNames.defaults(), Duration.ofMinutes(1), 10_000,
                Optional.of(KEYS)));

        ArchiveRecord r = archived();

        assertThat(r.getEncryptedContent()).isNotNull();
        assertThat(r.getEncryptedContent().getKeyId()).isEqualTo("k1");
        assertThat(r.getSubject()).isNull();
        assertThat(r.getParts()).singleElement().satisfies(p -> {
            assertThat(p.getContent()).isNull();
            assertThat(p.getFilename()).isNull();
        });
        assertThat(r.getSender()).isEqualTo(TopologyFixture.SENDER);
        ArchiveRecord opened = new ArchiveContentSealer(new EnvelopeCipher(KEYS)).open(r);
        assertThat(opened.getSubject()).isEqualTo("private subject");
        assertThat(opened.getParts()).singleElement().extracting(MmsPart::getFilename).isEqualTo("words.txt");
        assertThat(opened.getParts().get(0).getContent()).isEqualTo(ByteBuffer.wrap(TEXT));
    }

    @Test
    void withoutKeysTheContentStaysInTheClear() {
        ArchiveRecord r = archived();

        assertThat(r.getEncryptedContent()).isNull();
        assertThat(r.getSubject()).isEqualTo("private subject");
        assertThat(r.getParts().get(0).getContent()).isEqualTo(ByteBuffer.wrap(TEXT));
    }
}
