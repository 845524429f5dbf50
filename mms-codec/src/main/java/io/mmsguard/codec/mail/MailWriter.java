package io.mmsguard.codec.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Serialises a {@link MailMessage} with CRLF line ends. Header fields are written from their original bytes (bare
 * LF folding becomes CRLF) and leaf bodies from their transfer-encoded bytes, so an untouched entity comes out as
 * it went in.
 */
public final class MailWriter {

    private static final byte[] CRLF = {'\r', '\n'};

    private MailWriter() {
    }

    public static byte[] write(MailMessage message) {
        return write(message.root());
    }

    public static byte[] write(MailEntity entity) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeEntity(entity, out);
        return out.toByteArray();
    }

    private static void writeEntity(MailEntity entity, ByteArrayOutputStream out) {
        for (HeaderField f : entity.headers().fields()) {
            out.writeBytes(crlf(f.raw()));
            out.writeBytes(CRLF);
        }
        out.writeBytes(CRLF);
        if (entity instanceof LeafEntity leaf) {
            out.writeBytes(leaf.rawBody());
        } else if (entity instanceof MultipartEntity mp) {
            byte[] delimiter = ("--" + mp.boundary()).getBytes(StandardCharsets.US_ASCII);
            if (mp.preamble().length > 0) {
                out.writeBytes(mp.preamble());
                out.writeBytes(CRLF);
            }
            for (MailEntity child : mp.children()) {
                out.writeBytes(delimiter);
                out.writeBytes(CRLF);
                writeEntity(child, out);
                out.writeBytes(CRLF);
            }
            out.writeBytes(delimiter);
            out.writeBytes(new byte[] {'-', '-'});
            out.writeBytes(CRLF);
            out.writeBytes(mp.epilogue());
        }
    }

    /** Bare LF inside a folded field becomes CRLF; SMTP requires it and a bare LF would end the field early. */
    private static byte[] crlf(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 8);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '\n' && (i == 0 || raw[i - 1] != '\r')) {
                out.write('\r');
            } else if (b == '\r' && (i + 1 == raw.length || raw[i + 1] != '\n')) {
                continue; // a lone CR in a header is not a line break and not text either
            }
            out.write(b);
        }
        return out.toByteArray();
    }
}
