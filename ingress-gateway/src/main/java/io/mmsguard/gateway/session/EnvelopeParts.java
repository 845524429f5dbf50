package io.mmsguard.gateway.session;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;

import io.mmsguard.avro.MmsPart;
import io.mmsguard.codec.MessagePart;

/**
 * Codec parts to envelope parts, the same for every interface: size, CRC32 (the checksum list) and SHA-256 (the
 * duplicate checksum) always; the content itself only while the message stays within the inline limit, since the
 * topology treats a message without content as oversize (MmsPart.content).
 */
public final class EnvelopeParts {

    private EnvelopeParts() {
    }

    /**
     * @param inlineLimitBytes total decoded bytes up to which contents travel inline; over it, no part's content does
     */
    public static List<MmsPart> toAvro(List<MessagePart> parts, long inlineLimitBytes) {
        long total = parts.stream().mapToLong(MessagePart::size).sum();
        boolean inline = total <= inlineLimitBytes;
        List<MmsPart> out = new ArrayList<>(parts.size());
        for (MessagePart p : parts) {
            out.add(MmsPart.newBuilder()
                    .setContentType(p.contentType())
                    .setCharset(p.charset())
                    .setName(p.name())
                    .setFilename(p.name())
                    .setContentId(p.contentId())
                    .setContentLocation(p.contentLocation())
                    .setSize(p.size())
                    .setCrc32(crc32(p.content()))
                    .setSha256(sha256(p.content()))
                    .setContent(inline ? ByteBuffer.wrap(p.content()) : null)
                    .build());
        }
        return out;
    }

    static long crc32(byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return crc.getValue();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
