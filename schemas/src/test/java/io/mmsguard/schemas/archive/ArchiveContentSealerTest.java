package io.mmsguard.schemas.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.mmsguard.avro.ArchiveKind;
import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.ArchiveTrigger;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Recipient;
import io.mmsguard.avro.RecipientKind;
import io.mmsguard.avro.Transport;
import io.mmsguard.avro.Verdict;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class ArchiveContentSealerTest {
    private static final ArchiveContentSealer WRITER = new ArchiveContentSealer(new EnvelopeCipher(
            ArchiveKeyring.parse(EnvelopeCipherTest.K1, "k1", "test")));

    static ArchiveRecord record() {
        MmsPart text = MmsPart.newBuilder().setContentType("text/plain").setCharset("utf-8").setName("note.txt")
                .setFilename("note.txt").setContentId("<t1>").setContentLocation("note.txt").setSize(15).setCrc32(7)
                .setSha256("ab").setContent(ByteBuffer.wrap("meet me at noon".getBytes(StandardCharsets.UTF_8)))
                .build();
        MmsPart image = MmsPart.newBuilder().setContentType("image/jpeg").setSize(4).setCrc32(8).setSha256("cd")
                .setContent(null).build();
        return ArchiveRecord.newBuilder().setKind(ArchiveKind.FULL).setTrigger(ArchiveTrigger.PROFILE)
                .setSessionId("s-1").setMmsInterface(MmsInterface.MM1).setDirection(Direction.SEND)
                .setSender("+491701").setRecipients(List.of(Recipient.newBuilder().setAddress("+491709")
                        .setKind(RecipientKind.TO).build()))
                .setSubject("Secret plans").setContentType("multipart/mixed").setOriginalSize(1234)
                .setParts(List.of(text, image)).setTransport(Transport.newBuilder().build())
                .setReceivedAt(Instant.parse("2026-11-24T10:00:00Z")).setArchivedAt(Instant.parse("2026-11-24T10:00:01Z"))
                .setVerdict(Verdict.PASS).setReason(Reason.NONE).setProfile("default").build();
    }

    @Test
    void theContentFieldsLeaveTheClearRecordAndComeBackWithTheKey() throws IOException {
        ArchiveRecord sealed = WRITER.seal(record());

        assertThat(sealed.getSubject()).isNull();
        assertThat(sealed.getParts()).allSatisfy(p -> {
            assertThat(p.getContent()).isNull();
            assertThat(p.getName()).isNull();
            assertThat(p.getFilename()).isNull();
            assertThat(p.getContentId()).isNull();
            assertThat(p.getContentLocation()).isNull();
        });
        assertThat(sealed.getParts()).extracting(MmsPart::getContentType, MmsPart::getSha256)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("text/plain", "ab"),
                        org.assertj.core.groups.Tuple.tuple("image/jpeg", "cd"));
        assertThat(sealed.getSender()).isEqualTo("+491701");
        assertThat(sealed.getEncryptedContent().getKeyId()).isEqualTo("k1");
        assertThat(sealed.getEncryptedContent().getScheme()).isEqualTo("A256GCM+A256KW");
        String wire = new String(binary(sealed), StandardCharsets.ISO_8859_1);
        assertThat(wire).doesNotContain("noon", "Secret", "note.txt").contains("+491701", "+491709");

        assertThat(WRITER.open(sealed)).isEqualTo(record());
    }

    @Test
    void aRecordWithoutEncryptedContentOpensAsItIs() {
        ArchiveRecord clear = record();

        assertThat(WRITER.open(clear)).isSameAs(clear);
    }

    @Test
    void contentMovedToAnotherRecordDoesNotDecrypt() {
        ArchiveRecord sealed = WRITER.seal(record());
        ArchiveRecord moved = ArchiveRecord.newBuilder(sealed).setSessionId("s-2").build();

        assertThatThrownBy(() -> WRITER.open(moved)).isInstanceOf(ArchiveCryptoException.class)
                .hasMessageStartingWith("the encrypted content fails its authentication tag");
    }

    @Test
    void aReaderOfTheSchemaBeforeEncryptionReadsAnEncryptedRecordsClearFields() throws IOException {
        Schema v3 = new Schema.Parser().parse(Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .resolve("src/main/history/ArchiveRecord/v3.avsc").toFile());
        byte[] written = binary(WRITER.seal(record()));

        GenericRecord old = new GenericDatumReader<GenericRecord>(ArchiveRecord.getClassSchema(), v3)
                .read(null, DecoderFactory.get().binaryDecoder(written, null));

        assertThat(old.get("sender")).hasToString("+491701");
        assertThat(old.get("subject")).isNull();
        assertThat(old.getSchema().getField("encryptedContent")).isNull();
    }

    private static byte[] binary(ArchiveRecord r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(ArchiveRecord.class).write(r, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
