package io.mmsguard.codec.mail;

import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.LimitExceededException;
import io.mmsguard.codec.MalformedMessageException;
import io.mmsguard.codec.MessagePart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.io.MaxHeaderLengthLimitException;
import org.apache.james.mime4j.io.MaxHeaderLimitException;
import org.apache.james.mime4j.io.MaxLineLimitException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.apache.james.mime4j.util.ByteSequence;

/**
 * Parses an SMTP DATA payload (dot-unstuffed; CRLF or bare LF) into a {@link MailMessage} with Mime4j's streaming
 * token parser. Mime4j is lenient, which is what real mail needs; this class adds what a gateway needs on top:
 * every limit of {@link DecodeLimits} enforced, and every failure (Mime4j's checked and unchecked ones included)
 * reported as {@link MalformedMessageException}.
 *
 * <p>Embedded {@code message/rfc822} parts are leaves: scanners get the whole embedded mail as one part.
 */
public final class MailParser {

    private final DecodeLimits limits;

    public MailParser(DecodeLimits limits) {
        this.limits = limits;
    }

    public MailParser() {
        this(DecodeLimits.DEFAULT);
    }

    public MailMessage parse(byte[] data) {
        DecodeLimits.check("maxMessageBytes", data.length, limits.maxMessageBytes());
        MailEntity root;
        try {
            root = parseEntities(data);
        } catch (MalformedMessageException e) {
            throw e;
        } catch (MimeException | IOException | RuntimeException e) {
            // Mime4j's decoders and field parsers also throw unchecked exceptions, some wrapping its limit errors
            throw translate(e);
        }
        MailMessage message = new MailMessage(root);
        DecodeLimits.check("maxRecipients", (long) message.to().size() + message.cc().size() + message.bcc().size(),
                limits.maxRecipients());
        if (message.headers().size() == 0) {
            throw new MalformedMessageException("no header fields: not a mail message");
        }
        return message;
    }

    private MalformedMessageException translate(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MalformedMessageException m) {
                return m;
            }
            if (t instanceof MaxHeaderLimitException) {
                return new LimitExceededException("maxHeaders", limits.maxHeaders() + 1L, limits.maxHeaders());
            }
            if (t instanceof MaxHeaderLengthLimitException) {
                return new LimitExceededException("maxHeaderBytes", limits.maxHeaderBytes() + 1L, limits.maxHeaderBytes());
            }
            if (t instanceof MaxLineLimitException) {
                // the line limit is the header-size limit: no legitimate line is longer than the largest header
                return new LimitExceededException("maxHeaderBytes", limits.maxHeaderBytes() + 1L, limits.maxHeaderBytes());
            }
        }
        return new MalformedMessageException("MIME structure: " + e, e);
    }

    private MailEntity parseEntities(byte[] data) throws MimeException, IOException {
        MimeConfig config = MimeConfig.custom()
                .setMaxLineLen(limits.maxHeaderBytes())
                // one more than ours so that our own check fires first and names the limit exactly
                .setMaxHeaderCount(limits.maxHeaders() + 1)
                .setMaxHeaderLen(limits.maxHeaderBytes() + 1)
                .setMaxContentLen(limits.maxMessageBytes())
                .setStrictParsing(false)
                .build();
        MimeTokenStream stream = new MimeTokenStream(config);
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        stream.parse(new ByteArrayInputStream(data));
        Deque<EntityBuilder> stack = new ArrayDeque<>();
        MailEntity root = null;
        int parts = 0;
        // parse() leaves the stream on T_START_MESSAGE; next() moves past it
        for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
            switch (state) {
                case T_START_MESSAGE -> {
                    if (!stack.isEmpty() || root != null) {
                        throw new MalformedMessageException("unexpected embedded message start");
                    }
                    stack.push(new EntityBuilder());
                }
                case T_START_BODYPART -> {
                    parts++;
                    DecodeLimits.check("maxParts", parts, limits.maxParts());
                    stack.push(new EntityBuilder());
                }
                case T_FIELD -> top(stack).addField(stream.getField());
                case T_START_MULTIPART -> {
                    long depth = stack.stream().filter(b -> b.multipart).count() + 1;
                    DecodeLimits.check("maxNestingDepth", depth, limits.maxNestingDepth());
                    top(stack).multipart = true;
                    top(stack).boundary = stream.getBodyDescriptor().getBoundary();
                }
                case T_PREAMBLE -> top(stack).preamble = readBounded(stream.getInputStream(), limits.maxMessageBytes());
                case T_EPILOGUE -> top(stack).epilogue = readBounded(stream.getInputStream(), limits.maxMessageBytes());
                case T_BODY -> top(stack).body = readBounded(stream.getInputStream(), limits.maxMessageBytes());
                case T_END_BODYPART -> {
                    MailEntity child = stack.pop().build();
                    top(stack).children.add(child);
                }
                case T_END_MESSAGE -> root = stack.pop().build();
                default -> {
                    // T_START_HEADER, T_END_HEADER, T_END_MULTIPART, T_RAW_ENTITY: nothing to record
                }
            }
        }
        if (root == null || !stack.isEmpty()) {
            throw new MalformedMessageException("truncated MIME structure");
        }
        return root;
    }

    private static EntityBuilder top(Deque<EntityBuilder> stack) {
        if (stack.isEmpty()) {
            throw new MalformedMessageException("MIME event outside an entity");
        }
        return stack.peek();
    }

    /** Reads a stream fully, failing with a limit error instead of growing past {@code max} bytes. */
    static byte[] readBounded(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            if (out.size() + (long) n > max) {
                throw new LimitExceededException("maxMessageBytes", out.size() + (long) n, max);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private final class EntityBuilder {
        final List<HeaderField> fields = new ArrayList<>();
        long headerBytes;
        boolean multipart;
        String boundary;
        byte[] preamble = new byte[0];
        byte[] epilogue = new byte[0];
        byte[] body = new byte[0];
        final List<MailEntity> children = new ArrayList<>();

        void addField(Field field) {
            ByteSequence raw = field.getRaw();
            byte[] bytes = raw == null ? (field.getName() + ": " + field.getBody()).getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : raw.toByteArray();
            headerBytes += bytes.length + 2;
            DecodeLimits.check("maxHeaderBytes", headerBytes, limits.maxHeaderBytes());
            HeaderField f = HeaderField.parse(bytes);
            if (f != null) {
                fields.add(f);
                DecodeLimits.check("maxHeaders", fields.size(), limits.maxHeaders());
            }
        }

        MailEntity build() {
            Headers headers = new Headers(fields);
            ContentType declared = ContentType.parse(headers.value("Content-Type"));
            ContentType type = declared == null || !declared.value().matches("[^/\\s]+/[^/\\s]+") ? ContentType.DEFAULT : declared;
            if (multipart) {
                if (boundary == null || boundary.isEmpty()) {
                    throw new MalformedMessageException(type.value() + " without boundary");
                }
                if (children.isEmpty()) {
                    throw new MalformedMessageException(type.value() + " has no body part (boundary \"" + boundary + "\" not found)");
                }
                return new MultipartEntity(headers, type, boundary, preamble, children, epilogue);
            }
            if (type.isMultipart()) {
                // Mime4j treats a multipart without a usable boundary as text; a gateway must not guess
                throw new MalformedMessageException(type.value() + " without a usable boundary parameter");
            }
            String cte = headers.value("Content-Transfer-Encoding");
            cte = cte == null || cte.isBlank() ? "7bit" : cte.strip().toLowerCase(Locale.ROOT);
            byte[] content = TransferEncoding.decode(cte, body, limits.maxMessageBytes());
            return new LeafEntity(headers, type, cte, body, toPart(headers, type, content));
        }
    }

    private static MessagePart toPart(Headers headers, ContentType type, byte[] content) {
        String charset = type.param("charset");
        String name = null;
        ContentType disposition = ContentType.parse(headers.value("Content-Disposition"));
        if (disposition != null) {
            name = disposition.param("filename");
        }
        if (name == null || name.isBlank()) {
            name = type.param("name");
        }
        String cid = HeaderText.stripAngles(headers.value("Content-ID"));
        String location = headers.value("Content-Location");
        return new MessagePart(type.value(), charset == null ? null : charset.strip().toLowerCase(Locale.ROOT),
                name == null || name.isBlank() ? null : name, cid == null || cid.isEmpty() ? null : cid,
                location == null || location.isEmpty() ? null : HeaderText.stripQuotes(location), content);
    }
}
