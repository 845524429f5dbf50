package io.mmsguard.codec.mail;

import io.mmsguard.codec.MalformedMessageException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.codec.QuotedPrintableOutputStream;

/** Content-Transfer-Encodings: decoding as mailers do it (leniently) and encoding for the parts we create. */
public enum TransferEncoding {
    SEVEN_BIT("7bit"), EIGHT_BIT("8bit"), BINARY("binary"), BASE64("base64"), QUOTED_PRINTABLE("quoted-printable");

    private final String token;

    TransferEncoding(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    /**
     * Decodes a body. Bad base64 characters and broken QP escapes are skipped, as mail clients do; an unknown
     * encoding (x-uuencode...) is passed through so that the scanners still see the bytes.
     */
    public static byte[] decode(String encoding, byte[] raw, int maxBytes) {
        String e = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
        InputStream in;
        if (e.equals("base64")) {
            requireNothingAfterPadding(raw);
            in = new Base64InputStream(new ByteArrayInputStream(raw), DecodeMonitor.SILENT);
        } else if (e.equals("quoted-printable")) {
            in = new QuotedPrintableInputStream(new ByteArrayInputStream(raw), DecodeMonitor.SILENT);
        } else {
            return raw;
        }
        try (in) {
            return MailParser.readBounded(in, maxBytes);
        } catch (IOException | RuntimeException ex) {
            throw new MalformedMessageException("undecodable " + e + " body: " + ex.getMessage(), ex);
        }
    }

    /**
     * Base64 data after the padding ({@code TVo=TVqQ...}, two encodings glued together): Mime4j stops at the padding,
     * some clients decode on, so the part would be one file to the scanners and another to the recipient.
     */
    private static void requireNothingAfterPadding(byte[] raw) {
        boolean padded = false;
        for (byte b : raw) {
            if (b == '=') {
                padded = true;
            } else if (padded && (b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '+' || b == '/')) {
                throw new MalformedMessageException("base64 body with data after its padding");
            }
        }
    }

    /** Encodes content for a body we write; 7bit/8bit/binary content is written as is. */
    public byte[] encode(byte[] content) {
        switch (this) {
            case BASE64:
                return Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encode(content);
            case QUOTED_PRINTABLE:
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (QuotedPrintableOutputStream qp = new QuotedPrintableOutputStream(out, true)) {
                    qp.write(content);
                } catch (IOException ex) {
                    throw new IllegalStateException("in-memory stream", ex);
                }
                return out.toByteArray();
            default:
                return content;
        }
    }
}
