package io.mmsguard.schemas.archive;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The plaintext that {@link EnvelopeCipher} encrypts for an archive record: a part count, then the subject, then per
 * part its name, filename, contentId, contentLocation and content, each as a field. A field is a signed 32-bit
 * big-endian length (-1 for null) followed by that many bytes (UTF-8 for text). A layout rather than Avro so that an
 * analyst's script reads it with {@code struct.unpack}: docs/security.md, "The archive", shows how.
 */
final class ContentLayout {
    static final int FIELDS_PER_PART = 5;

    /** One part's content fields, in layout order. */
    record Part(String name, String filename, String contentId, String contentLocation, byte[] content) {
    }

    record Content(String subject, List<Part> parts) {
    }

    private ContentLayout() {
    }

    static byte[] encode(Content content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(content.parts().size());
            write(out, text(content.subject()));
            for (Part p : content.parts()) {
                write(out, text(p.name()));
                write(out, text(p.filename()));
                write(out, text(p.contentId()));
                write(out, text(p.contentLocation()));
                write(out, p.content());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Content decode(byte[] plaintext) {
        ByteBuffer in = ByteBuffer.wrap(plaintext);
        try {
            int count = in.getInt();
            // Each part takes at least FIELDS_PER_PART length prefixes: a count beyond that is a damaged layout.
            if (count < 0 || (long) count * FIELDS_PER_PART * 4 > in.remaining()) {
                throw new ArchiveCryptoException("the decrypted content declares " + count + " parts in "
                        + plaintext.length + " bytes");
            }
            String subject = string(read(in));
            List<Part> parts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                parts.add(new Part(string(read(in)), string(read(in)), string(read(in)), string(read(in)), read(in)));
            }
            if (in.hasRemaining()) {
                throw new ArchiveCryptoException("the decrypted content has " + in.remaining() + " trailing bytes");
            }
            return new Content(subject, parts);
        } catch (java.nio.BufferUnderflowException e) {
            throw new ArchiveCryptoException("the decrypted content ends inside a field", e);
        }
    }

    private static void write(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(value.length);
            out.write(value);
        }
    }

    private static byte[] read(ByteBuffer in) {
        int length = in.getInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.remaining()) {
            throw new ArchiveCryptoException("the decrypted content has a field of " + length + " bytes where "
                    + in.remaining() + " remain");
        }
        byte[] value = new byte[length];
        in.get(value);
        return value;
    }

    private static byte[] text(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
