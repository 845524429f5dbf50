package io.mmsguard.inspection.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsPart;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentChecksumTest {

    private static final byte[] TEXT = "Win a prize!".getBytes(StandardCharsets.UTF_8);
    private static final byte[] IMAGE = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2};

    @Test
    void matchesTheDocumentedDefinition() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(new byte[] {0, 0, 0, 2});
        sha.update(MessageDigest.getInstance("SHA-256").digest(TEXT));
        sha.update(MessageDigest.getInstance("SHA-256").digest(IMAGE));
        String expected = HexFormat.of().formatHex(sha.digest());
        assertThat(ContentChecksum.ofParts(List.of(TEXT, IMAGE), "ignored", false)).isEqualTo(expected);

        sha.update(new byte[] {0, 0, 0, 2});
        sha.update(MessageDigest.getInstance("SHA-256").digest(TEXT));
        sha.update(MessageDigest.getInstance("SHA-256").digest(IMAGE));
        byte[] subject = "Hé".getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(subject.length).array());
        sha.update(subject);
        assertThat(ContentChecksum.ofParts(List.of(TEXT, IMAGE), "Hé", true))
                .isEqualTo(HexFormat.of().formatHex(sha.digest()));
    }

    @Test
    void theSubjectCountsOnlyWhenTheProfileSaysSo() {
        String a = ContentChecksum.ofParts(List.of(TEXT), "Offer", false);
        assertThat(ContentChecksum.ofParts(List.of(TEXT), "Other", false)).isEqualTo(a);
        assertThat(ContentChecksum.ofParts(List.of(TEXT), "Offer", true))
                .isNotEqualTo(ContentChecksum.ofParts(List.of(TEXT), "Other", true))
                .isNotEqualTo(a);
        assertThat(ContentChecksum.ofParts(List.of(TEXT), null, true))
                .isEqualTo(ContentChecksum.ofParts(List.of(TEXT), "", true));
    }

    @Test
    void partOrderAndPartBoundariesMatter() {
        assertThat(ContentChecksum.ofParts(List.of(TEXT, IMAGE), null, false))
                .isNotEqualTo(ContentChecksum.ofParts(List.of(IMAGE, TEXT), null, false));
        byte[] joined = new byte[TEXT.length + IMAGE.length];
        System.arraycopy(TEXT, 0, joined, 0, TEXT.length);
        System.arraycopy(IMAGE, 0, joined, TEXT.length, IMAGE.length);
        assertThat(ContentChecksum.ofParts(List.of(joined), null, false))
                .isNotEqualTo(ContentChecksum.ofParts(List.of(TEXT, IMAGE), null, false));
        assertThat(ContentChecksum.ofParts(List.of(), null, false))
                .isNotEqualTo(ContentChecksum.ofParts(List.of(new byte[0]), null, false));
    }

    @Test
    void theEnvelopeGivesTheSameChecksumFromTheGatewayDigestsWithoutInlineContent() {
        MmsPart text = part("text/plain", TEXT, true);
        MmsPart image = part("image/jpeg", IMAGE, false);
        MmsEnvelope env = MmsEnvelope.newBuilder()
                .setSessionId("s").setGatewayId("g").setReplyPartition(0)
                .setMmsInterface(io.mmsguard.avro.MmsInterface.MM4).setDirection(io.mmsguard.avro.Direction.SEND)
                .setSender("+1").setRecipients(List.of()).setSubject("Offer").setContentType("multipart/mixed")
                .setParts(List.of(text, image)).setOriginalSize(100).setReceivedAt(java.time.Instant.EPOCH)
                .setTransport(io.mmsguard.avro.Transport.newBuilder().build()).setProfile("default")
                .build();
        assertThat(ContentChecksum.of(env, false)).isEqualTo(ContentChecksum.ofParts(List.of(TEXT, IMAGE), null, false));
        assertThat(ContentChecksum.of(env, true)).isEqualTo(ContentChecksum.ofParts(List.of(TEXT, IMAGE), "Offer", true));
    }

    @Test
    void aMalformedDigestIsRejected() {
        assertThatThrownBy(() -> ContentChecksum.ofPartDigests(List.of("abc"), null, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static MmsPart part(String type, byte[] content, boolean inline) {
        return MmsPart.newBuilder().setContentType(type).setSize(content.length).setCrc32(0)
                .setSha256(ContentChecksum.sha256Hex(content))
                .setContent(inline ? ByteBuffer.wrap(content) : null).build();
    }
}
