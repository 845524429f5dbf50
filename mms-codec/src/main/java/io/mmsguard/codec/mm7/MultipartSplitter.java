package io.mmsguard.codec.mm7;

import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.MalformedMessageException;
import io.mmsguard.codec.mail.LeafEntity;
import io.mmsguard.codec.mail.MailEntity;
import io.mmsguard.codec.mail.MailParser;
import io.mmsguard.codec.mail.MultipartEntity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a multipart HTTP body (SOAP with attachments) into a {@link MimeEntity} tree with decoded leaves. The MIME
 * rules are the mail parser's ({@link MailParser#parseBody}), so that MM7 sees the same evasions as MM3 and MM4:
 * RFC 2047 and RFC 2231 file names decoded, conflicting headers and parameters refused, attached mails and uuencoded
 * files scanned as embedded parts, nesting bounded. Mime4j underneath copes with the looseness of real MM7 peers
 * (trailing blanks on boundary lines, raw 8-bit parts, mixed-case parameter names). Parts, nesting and header sizes
 * are bounded by {@link DecodeLimits}.
 */
final class MultipartSplitter {

    private final MailParser parser;

    MultipartSplitter(DecodeLimits limits) {
        this.parser = new MailParser(limits);
    }

    /** @param contentType the HTTP Content-Type, which carries the boundary */
    MimeEntity split(byte[] body, String contentType) {
        MailEntity root = parser.parseBody(body, contentType);
        if (!(root instanceof MultipartEntity)) {
            throw new MalformedMessageException("multipart body has no parts (boundary missing or wrong?)");
        }
        return convert(root);
    }

    private static MimeEntity convert(MailEntity e) {
        String contentId = contentId(e.headers().value("Content-ID"));
        String location = blankToNull(e.headers().value("Content-Location"));
        Map<String, String> params = Map.copyOf(e.contentType().params());
        if (e instanceof LeafEntity leaf) {
            return new MimeEntity(leaf.part().contentType(), params, contentId, location, leaf.part(), List.of(),
                    leaf.embedded());
        }
        List<MimeEntity> children = new ArrayList<>();
        ((MultipartEntity) e).children().forEach(c -> children.add(convert(c)));
        return new MimeEntity(e.contentType().value(), params, contentId, location, null, children, List.of());
    }

    /** Content-ID without angle brackets, which some peers omit anyway. */
    static String contentId(String raw) {
        if (raw == null) {
            return null;
        }
        String id = raw.trim();
        if (id.startsWith("<")) {
            id = id.substring(1);
        }
        if (id.endsWith(">")) {
            id = id.substring(0, id.length() - 1);
        }
        return blankToNull(id.trim());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
