package io.mmsguard.inspection.profile;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsPart;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The message checksum the duplicate check counts: identical content gives the same checksum whatever the
 * interface, sender, recipients, headers, part names or transfer encodings.
 *
 * <p>Definition (version 1): lower-case hex of SHA-256 over
 * <pre>
 *   uint32 big-endian  number of parts
 *   32 bytes           SHA-256 of each part's decoded content, parts in document order (depth-first)
 *   -- only when the profile includes the subject:
 *   uint32 big-endian  length of the UTF-8 subject (no subject = length 0)
 *   bytes              the decoded subject in UTF-8, exactly as received (no case or space folding)
 * </pre>
 * Building on the part digests lets the topology compute it from {@code MmsPart.sha256}, which the gateway fills
 * even when the content is not inline; fixed-size digests plus the count make the encoding unambiguous. Content
 * only by default, per FORTICARRIER.md 2.3 ("will only scan content. It will not scan headers"); the subject is
 * the profile's {@code duplicateOptions.includeSubject}. The two variants never collide, so listeners whose
 * profiles differ there count separately.
 */
public final class ContentChecksum {

    private ContentChecksum() {
    }

    public static String of(MmsEnvelope envelope, boolean includeSubject) {
        return ofPartDigests(envelope.getParts().stream().map(MmsPart::getSha256).toList(),
                envelope.getSubject(), includeSubject);
    }

    public static String ofParts(List<byte[]> contents, String subject, boolean includeSubject) {
        return ofPartDigests(contents.stream().map(ContentChecksum::sha256Hex).toList(), subject, includeSubject);
    }

    /** @param partSha256 each part's SHA-256 as 64 hex digits (either case) */
    public static String ofPartDigests(List<String> partSha256, String subject, boolean includeSubject) {
        MessageDigest sha = sha256();
        sha.update(ByteBuffer.allocate(4).putInt(partSha256.size()).array());
        for (String hex : partSha256) {
            if (hex == null || hex.length() != 64) {
                throw new IllegalArgumentException("a part SHA-256 has 64 hex digits: " + hex);
            }
            sha.update(HexFormat.of().parseHex(hex));
        }
        if (includeSubject) {
            byte[] s = subject == null ? new byte[0] : subject.getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(4).putInt(s.length).array());
            sha.update(s);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    public static String sha256Hex(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }
}
