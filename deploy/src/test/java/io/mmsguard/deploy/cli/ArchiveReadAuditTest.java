package io.mmsguard.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import io.mmsguard.avro.ArchiveKind;
import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.ArchiveTrigger;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.EncryptedContent;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Transport;
import io.mmsguard.avro.Verdict;
import org.junit.jupiter.api.Test;

class ArchiveReadAuditTest {
    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    private static ArchiveRecord.Builder record() {
        return ArchiveRecord.newBuilder().setKind(ArchiveKind.FULL).setTrigger(ArchiveTrigger.PROFILE)
                .setSessionId("s").setMmsInterface(MmsInterface.MM1).setDirection(Direction.SEND).setSender("+4917")
                .setRecipients(List.of()).setContentType("text/plain").setOriginalSize(1).setParts(List.of())
                .setTransport(Transport.newBuilder().build()).setReceivedAt(AT).setArchivedAt(AT)
                .setVerdict(Verdict.PASS).setReason(Reason.NONE).setProfile("p");
    }

    @Test
    void countsWhatShowedContentAndWhatWasDecrypted() {
        ArchiveReadAudit audit = new ArchiveReadAudit("ana", AT, "mms.archive", "all");
        audit.printed(record().setSubject("hi").build(), true);
        audit.printed(record().setParts(List.of(MmsPart.newBuilder().setContentType("text/plain").setSize(1)
                .setCrc32(1).setSha256("a").setContent(ByteBuffer.wrap(new byte[] {1})).build())).build(), false);
        audit.printed(record().build(), false);

        assertThat(audit.line()).isEqualTo("archive content read: reader=\"ana\" at=2026-12-05T10:00:00Z"
                + " topic=mms.archive filter=\"all\" records=3 with-content=2 decrypted=1");
    }

    @Test
    void nothingToAuditWhenOnlyClearFieldsOrStillEncryptedContentWerePrinted() {
        ArchiveReadAudit audit = new ArchiveReadAudit("ana", AT, "mms.archive", "all");
        audit.printed(record().build(), false);
        audit.printed(record().setEncryptedContent(EncryptedContent.newBuilder().setScheme("A256GCM+A256KW")
                .setKeyId("k").setWrappedKey(ByteBuffer.allocate(40)).setNonce(ByteBuffer.allocate(12))
                .setCiphertext(ByteBuffer.allocate(16)).build()).build(), false);

        assertThat(audit.line()).isNull();
        assertThat(audit.stillEncrypted()).isEqualTo(1);
    }

    @Test
    void aReaderOrFilterCannotForgeAFieldOrALine() {
        ArchiveReadAudit audit = new ArchiveReadAudit("eve\" decrypted=0\narchive content read: reader=\"x", AT,
                "mms.archive", "--sender \"+49\"");
        audit.printed(record().setSubject("hi").build(), false);

        assertThat(audit.line()).doesNotContain("\n").contains("reader=\"eve\\\" decrypted=0\\u000aarchive content"
                + " read: reader=\\\"x\"", "filter=\"--sender \\\"+49\\\"\"");
    }
}
