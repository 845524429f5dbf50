package io.mmsguard.codec.mm7;

import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.MalformedMessageException;
import io.mmsguard.codec.MessagePart;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a multipart HTTP body (SOAP with attachments) into a {@link MimeEntity} tree with decoded leaves, using
 * mime4j's lenient streaming parser: it copes with the looseness of real MM7 peers (trailing blanks on boundary
 * lines, raw 8-bit parts, mixed-case parameter names). Parts, nesting and header sizes are bounded by
 * {@link DecodeLimits}.
 */
final class MultipartSplitter {

    private final DecodeLimits limits;
    private final MimeConfig config;

    MultipartSplitter(DecodeLimits limits) {
        this.limits = limits;
        this.config = new MimeConfig.Builder()
                .setStrictParsing(false)
                .setMaxLineLen(-1) // raw binary parts have arbitrarily long "lines"; the body size bounds memory
                .setMaxHeaderCount(limits.maxHeaders())
                .setMaxHeaderLen(limits.maxHeaderBytes())
                .setMaxContentLen(limits.maxMessageBytes())
                .build();
    }

    /** @param contentType the HTTP Content-Type, which carries the boundary */
    MimeEntity split(byte[] body, String contentType) {
        MimeTokenStream stream = new MimeTokenStream(config, DecodeMonitor.SILENT, new DefaultBodyDescriptorBuilder());
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE); // an attached message/rfc822 is one opaque part
        try {
            stream.parseHeadless(new ByteArrayInputStream(body), contentType);
            return readTree(stream);
        } catch (IOException | MimeException e) {
            throw new MalformedMessageException("multipart body unreadable: " + e.getMessage(), e);
        } catch (MalformedMessageException e) {
            throw e;
        } catch (RuntimeException e) {
            // mime4j may let unchecked exceptions out on hostile input; they still mean malformed input.
            throw new MalformedMessageException("multipart body unreadable: " + e, e);
        }
    }

    private MimeEntity readTree(MimeTokenStream stream) throws IOException, MimeException {
        Deque<Draft> open = new ArrayDeque<>();
        MimeEntity root = null;
        int parts = 0;
        for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
            switch (state) {
                case T_START_MULTIPART -> {
                    DecodeLimits.check("maxNestingDepth", open.size() + 1L, limits.maxNestingDepth());
                    DecodeLimits.check("maxParts", ++parts, limits.maxParts());
                    open.push(new Draft((MaximalBodyDescriptor) stream.getBodyDescriptor()));
                }
                case T_BODY -> {
                    DecodeLimits.check("maxParts", ++parts, limits.maxParts());
                    MaximalBodyDescriptor d = (MaximalBodyDescriptor) stream.getBodyDescriptor();
                    byte[] content = stream.getDecodedInputStream().readAllBytes();
                    MimeEntity leaf = entity(d, part(d, content), List.of());
                    if (open.isEmpty()) {
                        root = leaf;
                    } else {
                        open.peek().children.add(leaf);
                    }
                }
                case T_END_MULTIPART -> {
                    Draft done = open.pop();
                    MimeEntity multipart = entity(done.descriptor, null, List.copyOf(done.children));
                    if (open.isEmpty()) {
                        root = multipart;
                    } else {
                        open.peek().children.add(multipart);
                    }
                }
                default -> {
                    // headers, preamble, epilogue: the descriptor already carries what is needed
                }
            }
        }
        if (root == null) {
            throw new MalformedMessageException("multipart body has no entity");
        }
        return root;
    }

    private static MimeEntity entity(MaximalBodyDescriptor d, MessagePart leaf, List<MimeEntity> children) {
        Map<String, String> params = new HashMap<>();
        d.getContentTypeParameters().forEach((k, v) -> params.putIfAbsent(k.toLowerCase(Locale.ROOT), v));
        return new MimeEntity(mimeType(d), Map.copyOf(params), contentId(d.getContentId()),
                blankToNull(d.getContentLocation()), leaf, children);
    }

    private static MessagePart part(MaximalBodyDescriptor d, byte[] content) {
        String name = blankToNull(d.getContentDispositionFilename());
        // Only the charset actually sent: mime4j's getCharset() supplies RFC 2045's us-ascii default for text/*.
        String charset = null;
        for (Map.Entry<String, String> p : d.getContentTypeParameters().entrySet()) {
            if (name == null && p.getKey().equalsIgnoreCase("name")) {
                name = blankToNull(p.getValue());
            } else if (p.getKey().equalsIgnoreCase("charset")) {
                charset = blankToNull(p.getValue());
            }
        }
        return new MessagePart(mimeType(d), charset == null ? null : charset.toLowerCase(Locale.ROOT), name,
                contentId(d.getContentId()), blankToNull(d.getContentLocation()), content);
    }

    private static String mimeType(MaximalBodyDescriptor d) {
        String t = d.getMimeType();
        return t == null || t.isBlank() ? "application/octet-stream" : t.trim().toLowerCase(Locale.ROOT);
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

    private static final class Draft {
        final MaximalBodyDescriptor descriptor;
        final List<MimeEntity> children = new ArrayList<>();

        Draft(MaximalBodyDescriptor descriptor) {
            this.descriptor = descriptor;
        }
    }
}
