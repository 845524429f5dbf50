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
 * <p>What a receiver could read in more than one way is refused ({@link MalformedMessageException}), since the
 * gateway cannot know which reading the recipient's client takes: a second Content-Type, Content-Transfer-Encoding
 * or Content-Disposition field in one entity, a parameter given twice with different values (plain and RFC 2231
 * forms included), and a boundary parameter other than the one Mime4j splits on. A Content-Type name that differs
 * from the Content-Disposition filename is legitimate (Outlook writes such pairs), so the part is scanned under both.
 *
 * <p>An attached {@code message/rfc822} (or {@code message/global}) part stays one leaf, written back untouched, but
 * is parsed as a mail too and its parts become the leaf's {@link LeafEntity#embedded() embedded} parts, so that the
 * scanners see them; attached mails and multiparts together count towards {@code maxNestingDepth}, and deeper
 * nesting is refused. Files uuencoded into a body are embedded parts as well. {@code message/partial} fragments are
 * not parsed (see {@link MailMessage#fragmented()}).
 */
public final class MailParser {

    private final DecodeLimits limits;
    /** Nesting levels around this mail: 0 for a mail as received, one more for each enclosing mail and multipart. */
    private final int outerDepth;

    public MailParser(DecodeLimits limits) {
        this(limits, 0);
    }

    private MailParser(DecodeLimits limits, int outerDepth) {
        this.limits = limits;
        this.outerDepth = outerDepth;
    }

    public MailParser() {
        this(DecodeLimits.DEFAULT);
    }

    public MailMessage parse(byte[] data) {
        DecodeLimits.check("maxMessageBytes", data.length, limits.maxMessageBytes());
        MailEntity root;
        try {
            root = parseEntities(data, null);
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

    /**
     * Parses a body whose Content-Type travels outside it (the HTTP header of an MM7 SOAP-with-attachments request)
     * by the same rules as a mail; raw binary parts may have lines of any length.
     */
    public MailEntity parseBody(byte[] body, String contentType) {
        DecodeLimits.check("maxMessageBytes", body.length, limits.maxMessageBytes());
        try {
            return parseEntities(body, contentType);
        } catch (MalformedMessageException e) {
            throw e;
        } catch (MimeException | IOException | RuntimeException e) {
            throw translate(e);
        }
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

    private MailEntity parseEntities(byte[] data, String headlessType) throws MimeException, IOException {
        MimeConfig config = MimeConfig.custom()
                .setMaxLineLen(headlessType == null ? limits.maxHeaderBytes() : -1)
                // one more than ours so that our own check fires first and names the limit exactly
                .setMaxHeaderCount(limits.maxHeaders() + 1)
                .setMaxHeaderLen(limits.maxHeaderBytes() + 1)
                .setMaxContentLen(limits.maxMessageBytes())
                .setStrictParsing(false)
                .build();
        MimeTokenStream stream = new MimeTokenStream(config);
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        Deque<EntityBuilder> stack = new ArrayDeque<>();
        if (headlessType == null) {
            stream.parse(new ByteArrayInputStream(data));
        } else {
            stream.parseHeadless(new ByteArrayInputStream(data), headlessType);
            EntityBuilder headless = new EntityBuilder();
            headless.fields.add(HeaderField.of("Content-Type", headlessType));
            stack.push(headless);
        }
        MailEntity root = null;
        int parts = 0;
        // parse() leaves the stream on T_START_MESSAGE; next() moves past it
        for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
            switch (state) {
                case T_START_MESSAGE -> {
                    if (headlessType != null && stack.size() == 1 && root == null) {
                        continue; // the headless root announced again
                    }
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
                    long depth = outerDepth + stack.stream().filter(b -> b.multipart).count() + 1;
                    DecodeLimits.check("maxNestingDepth", depth, limits.maxNestingDepth());
                    top(stack).multipart = true;
                    top(stack).boundary = stream.getBodyDescriptor().getBoundary();
                }
                case T_PREAMBLE -> top(stack).preamble = readBounded(stream.getInputStream(), limits.maxMessageBytes());
                case T_EPILOGUE -> top(stack).epilogue = readBounded(stream.getInputStream(), limits.maxMessageBytes());
                case T_BODY -> top(stack).body = readBounded(stream.getInputStream(), limits.maxMessageBytes());
                case T_END_BODYPART -> {
                    EntityBuilder done = stack.pop();
                    MailEntity child = done.build(outerDepth + stack.stream().filter(b -> b.multipart).count());
                    top(stack).children.add(child);
                }
                case T_END_MESSAGE -> root = stack.pop().build(outerDepth);
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

        /** @param depth nesting levels around this entity (enclosing mails and multiparts) */
        MailEntity build(long depth) {
            Headers headers = new Headers(fields);
            for (String unique : new String[] {"Content-Type", "Content-Transfer-Encoding", "Content-Disposition"}) {
                if (headers.values(unique).size() > 1) {
                    throw new MalformedMessageException("more than one " + unique + " field in one entity");
                }
            }
            ContentType declared = ContentType.parseStrict(headers.value("Content-Type"));
            ContentType type = declared == null || !declared.value().matches("[^/\\s]+/[^/\\s]+") ? ContentType.DEFAULT : declared;
            if (multipart) {
                if (boundary == null || boundary.isEmpty()) {
                    throw new MalformedMessageException(type.value() + " without boundary");
                }
                if (!boundary.equals(type.param("boundary"))) {
                    throw new MalformedMessageException(type.value() + ": the boundary parameter is not the one the body is split on");
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
            MessagePart part = toPart(headers, type, content);
            List<MessagePart> embedded = embedded(type, content, depth);
            String alias = type.param("name");
            if (alias != null && !alias.isBlank() && part.name() != null && !alias.strip().equalsIgnoreCase(part.name().strip())) {
                // Outlook names a part twice (filename "résumé.png", name "image001.png"); a receiver may show
                // either, so the scanners see the content under the Content-Type name as well
                embedded.add(0, new MessagePart(part.contentType(), part.charset(), alias, null, null, content));
            }
            return new LeafEntity(headers, type, cte, body, part, embedded);
        }

        /** The parts of an attached mail (parsed one level deeper) and the uuencoded files of any other leaf. */
        private List<MessagePart> embedded(ContentType type, byte[] content, long depth) {
            List<MessagePart> out = new ArrayList<>();
            if (type.value().equals("message/rfc822") || type.value().equals("message/global")) {
                DecodeLimits.check("maxNestingDepth", depth + 1, limits.maxNestingDepth());
                MailMessage inner = new MailParser(limits, (int) depth + 1).parse(content);
                out.addAll(inner.parts());
            } else if (!type.value().equals("message/partial")) {
                out.addAll(UuEncoded.extract(content));
            }
            return out;
        }
    }

    private static MessagePart toPart(Headers headers, ContentType type, byte[] content) {
        String charset = type.param("charset");
        String name = null;
        ContentType disposition = ContentType.parseStrict(headers.value("Content-Disposition"));
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
