package io.mmsguard.gateway.smtp;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mmsguard.gateway.http.ClientFault;
import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.gateway.tls.ClientCertificate;
import io.mmsguard.service.log.LogSafe;
import io.mmsguard.gateway.tls.ServerTls;
import io.mmsguard.smtp.SmtpReply;
import io.mmsguard.service.log.MsisdnLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RFC 5321 server state machine of one connection (with PIPELINING, SIZE, 8BITMIME, ENHANCEDSTATUSCODES and
 * STARTTLS). Lines are processed strictly in order; replies to one read are flushed together. After the end of
 * DATA the reply is held until the {@link SmtpMessageHandler}'s future completes; lines the client pipelined
 * meanwhile stay buffered (up to {@link #HOLD_BUFFER} bytes, then the connection stops reading) and are processed
 * afterwards. Reading on while a reply is held is what notices a client that closes or resets the connection
 * before its reply: the handler sees it through {@link SmtpTransaction#connected()}. A bare CR or LF in DATA is
 * settled here, before the handler inspects anything ({@link BareNewlines}).
 *
 * <p>Access control: under {@link SmtpServerSettings#requireTls()} only EHLO, HELO, STARTTLS, NOOP, RSET and QUIT
 * are accepted before TLS ({@code 530 5.7.0}); SMTP AUTH (PLAIN, LOGIN) is offered and accepted only under TLS
 * ({@code 538 5.7.11} before), a wrong password gets {@code 535 5.7.8} and the {@value #MAX_AUTH_FAILURES}th
 * failure on a connection closes it with {@code 421}; MAIL and RCPT are checked by the listener's
 * {@link SmtpAccess}. Every refusal is logged and counted.
 */
final class SmtpSession extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpSession.class);
    private static final Pattern PATH = Pattern.compile("(?i)(FROM|TO):\\s*<([^<>\\s]*)>(.*)");
    private static final int MAX_ERRORS = 20;
    static final int MAX_AUTH_FAILURES = 3;
    /** What a client may send before TLS when the listener requires it (RFC 3207 section 4). */
    private static final Set<String> BEFORE_TLS = Set.of("EHLO", "HELO", "STARTTLS", "NOOP", "RSET", "QUIT");
    static final SmtpReply STARTTLS_FIRST = SmtpReply.of(530, "5.7.0", "Must issue a STARTTLS command first");
    static final SmtpReply AUTH_NEEDS_TLS = SmtpReply.of(538, "5.7.11",
            "Encryption required for requested authentication mechanism");
    static final SmtpReply AUTH_FAILED = SmtpReply.of(535, "5.7.8", "Authentication credentials invalid");
    /** RFC 4954: a temporary failure, so that the client tries again later, after the back-off. */
    static final SmtpReply AUTH_BACKING_OFF = SmtpReply.of(454, "4.7.0", "Temporary authentication failure");
    private static final String USERNAME_PROMPT = "VXNlcm5hbWU6";
    private static final String PASSWORD_PROMPT = "UGFzc3dvcmQ6";
    /** Pipelined bytes buffered behind a held DATA reply before the connection stops reading. */
    static final int HOLD_BUFFER = 64 * 1024;

    static final SmtpReply TIMEOUT = SmtpReply.of(421, "4.4.2", "Timeout, closing connection");
    static final SmtpReply HANDLER_FAILED = SmtpReply.of(451, "4.3.0", "Temporary failure, try again later");
    static final SmtpReply BARE_NEWLINE = SmtpReply.of(550, "5.6.0",
            "Bare CR or LF in message data; lines must end in CRLF");

    private final SmtpServerSettings settings;
    private final SmtpMessageHandler handler;
    private final ServerTls startTls;
    private final BooleanSupplier listenerReading;
    private final SmtpAccess access;
    private final String listener;
    private final GatewayMetrics metrics;
    private final SmtpLineReader reader = new SmtpLineReader();

    private boolean tls;
    private String helo;
    private String mailFrom;
    private String principal;
    /** The SMTP AUTH user, null until authenticated. */
    private String user;
    private int authFailures;
    /** An AUTH exchange waiting for the client's next line: PLAIN, LOGIN (user name), PASSWORD (LOGIN); or null. */
    private String authStep;
    private String loginUser;
    private final List<String> rcptTo = new ArrayList<>();
    private boolean inData;
    private ByteArrayOutputStream data;
    private long dataBytes;
    private boolean dataTooBig;
    private boolean dataLineTooLong;
    private boolean dataBareNewline;
    private boolean holding;
    private boolean closing;
    private int errors;

    /**
     * @param implicitTls     the connection is already under TLS (SMTPS listener)
     * @param listenerReading whether the listener as a whole reads (back-pressure)
     * @param access          who may send what (MAIL, RCPT)
     * @param listener        the listener's name, in the log and on the metrics
     */
    SmtpSession(SmtpServerSettings settings, SmtpMessageHandler handler, ServerTls startTls, boolean implicitTls,
                BooleanSupplier listenerReading, SmtpAccess access, String listener, GatewayMetrics metrics) {
        this.settings = settings;
        this.handler = handler;
        this.startTls = startTls;
        this.tls = implicitTls;
        this.listenerReading = listenerReading;
        this.access = access;
        this.listener = listener;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.writeAndFlush(wire(SmtpReply.of(220, null, settings.hostname() + " ESMTP mmsguard")));
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        reader.add(buf);
        if (holding) {
            updateReading(ctx);
        }
        drain(ctx);
    }

    /** Processes every complete buffered line unless a reply is held, then flushes the replies together. */
    private void drain(ChannelHandlerContext ctx) {
        try {
            while (!holding && !closing) {
                SmtpLineReader.Line line = reader.next(inData ? settings.maxLineLength()
                        : SmtpServerSettings.COMMAND_LINE_LENGTH);
                if (line == null) {
                    break;
                }
                if (inData) {
                    dataLine(ctx, line);
                } else {
                    command(ctx, line);
                }
            }
            ctx.flush();
        } catch (RuntimeException e) {
            exceptionCaught(ctx, e);
        }
    }

    /** The listener's back-pressure changed, or a held reply was sent: read unless either says stop. */
    void updateReading(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(listenerReading.getAsBoolean() && !closing
                && (!holding || reader.buffered() < HOLD_BUFFER));
    }

    private void command(ChannelHandlerContext ctx, SmtpLineReader.Line line) {
        if (line.tooLong()) {
            error(ctx, SmtpReply.of(500, "5.5.2", "Line too long"));
            return;
        }
        String text = new String(line.bytes(), StandardCharsets.UTF_8);
        if (authStep != null) {
            authResponse(ctx, text);
            return;
        }
        int space = text.indexOf(' ');
        String verb = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String args = space < 0 ? "" : text.substring(space + 1).trim();
        if (settings.requireTls() && !tls && !BEFORE_TLS.contains(verb)) {
            refuse(ctx, STARTTLS_FIRST, "tls-required", verb);
            return;
        }
        switch (verb) {
            case "EHLO", "HELO" -> hello(ctx, verb.equals("EHLO"), args);
            case "MAIL" -> mail(ctx, args);
            case "RCPT" -> rcpt(ctx, args);
            case "DATA" -> data(ctx, args);
            case "RSET" -> {
                resetTransaction();
                reply(ctx, SmtpReply.of(250, "2.0.0", "Ok"));
            }
            case "NOOP" -> reply(ctx, SmtpReply.of(250, "2.0.0", "Ok"));
            case "VRFY" -> reply(ctx, SmtpReply.of(252, "2.5.0", "Cannot VRFY user, but will accept message"));
            case "HELP" -> reply(ctx, SmtpReply.of(214, "2.0.0", "See RFC 5321"));
            case "QUIT" -> {
                closing = true;
                ctx.writeAndFlush(wire(SmtpReply.of(221, "2.0.0", "Bye"))).addListener(ChannelFutureListener.CLOSE);
            }
            case "STARTTLS" -> startTls(ctx, args);
            case "AUTH" -> auth(ctx, args);
            default -> error(ctx, SmtpReply.of(500, "5.5.2", "Command unrecognized"));
        }
    }

    private void hello(ChannelHandlerContext ctx, boolean extended, String args) {
        if (args.isEmpty() || args.contains(" ")) {
            error(ctx, SmtpReply.of(501, "5.5.4", "Syntax: " + (extended ? "EHLO" : "HELO") + " hostname"));
            return;
        }
        resetTransaction();
        helo = args;
        if (!extended) {
            reply(ctx, SmtpReply.of(250, null, settings.hostname()));
            return;
        }
        List<String> lines = new ArrayList<>(List.of(settings.hostname(), "PIPELINING",
                "SIZE " + settings.maxMessageBytes(), "8BITMIME", "ENHANCEDSTATUSCODES"));
        if (startTls != null && !tls) {
            lines.add("STARTTLS");
        }
        if (tls && settings.users().enabled()) {
            lines.add("AUTH PLAIN LOGIN");
        }
        reply(ctx, new SmtpReply(250, null, lines));
    }

    private void mail(ChannelHandlerContext ctx, String args) {
        if (helo == null) {
            error(ctx, SmtpReply.of(503, "5.5.1", "Send EHLO or HELO first"));
            return;
        }
        if (mailFrom != null) {
            error(ctx, SmtpReply.of(503, "5.5.1", "Nested MAIL command"));
            return;
        }
        Matcher m = PATH.matcher(args);
        if (!m.matches() || !m.group(1).equalsIgnoreCase("FROM")) {
            error(ctx, SmtpReply.of(501, "5.5.4", "Syntax: MAIL FROM:<address>"));
            return;
        }
        for (String param : m.group(3).trim().split("\\s+")) {
            if (param.isEmpty()) {
                continue;
            }
            String[] kv = param.split("=", 2);
            String key = kv[0].toUpperCase(Locale.ROOT);
            String value = kv.length > 1 ? kv[1] : "";
            if (key.equals("SIZE")) {
                if (!value.matches("\\d{1,18}")) {
                    error(ctx, SmtpReply.of(501, "5.5.4", "Bad SIZE parameter"));
                    return;
                }
                if (Long.parseLong(value) > settings.maxMessageBytes()) {
                    reply(ctx, SmtpReply.of(552, "5.3.4", "Message size exceeds fixed limit"));
                    return;
                }
            } else if (key.equals("BODY")) {
                if (!value.equalsIgnoreCase("7BIT") && !value.equalsIgnoreCase("8BITMIME")) {
                    error(ctx, SmtpReply.of(501, "5.5.4", "Bad BODY parameter"));
                    return;
                }
            } else {
                error(ctx, SmtpReply.of(555, "5.5.4", "Unsupported parameter " + key));
                return;
            }
        }
        SmtpAccess.Verdict verdict = access.mail(identity(ctx), m.group(2));
        if (!verdict.admitted()) {
            refuse(ctx, verdict.refusal(), verdict.reason(), "MAIL FROM:<" + m.group(2) + ">");
            return;
        }
        mailFrom = m.group(2);
        principal = verdict.principal();
        reply(ctx, SmtpReply.of(250, "2.1.0", "Ok"));
    }

    private void rcpt(ChannelHandlerContext ctx, String args) {
        if (mailFrom == null) {
            error(ctx, SmtpReply.of(503, "5.5.1", "Need MAIL before RCPT"));
            return;
        }
        Matcher m = PATH.matcher(args);
        if (!m.matches() || !m.group(1).equalsIgnoreCase("TO") || m.group(2).isEmpty()) {
            error(ctx, SmtpReply.of(501, "5.5.4", "Syntax: RCPT TO:<address>"));
            return;
        }
        if (!m.group(3).isBlank()) {
            error(ctx, SmtpReply.of(555, "5.5.4", "RCPT parameters not supported"));
            return;
        }
        if (rcptTo.size() >= settings.maxRecipients()) {
            reply(ctx, SmtpReply.of(452, "4.5.3", "Too many recipients"));
            return;
        }
        SmtpAccess.Verdict verdict = access.rcpt(identity(ctx), m.group(2));
        if (!verdict.admitted()) {
            refuse(ctx, verdict.refusal(), verdict.reason(), "RCPT TO:<" + m.group(2) + "> from <" + mailFrom + ">");
            return;
        }
        rcptTo.add(m.group(2));
        reply(ctx, SmtpReply.of(250, "2.1.5", "Ok"));
    }

    private void data(ChannelHandlerContext ctx, String args) {
        if (!args.isEmpty()) {
            error(ctx, SmtpReply.of(501, "5.5.4", "Syntax: DATA"));
            return;
        }
        if (mailFrom == null || rcptTo.isEmpty()) {
            error(ctx, SmtpReply.of(503, "5.5.1", mailFrom == null ? "Need MAIL command" : "Need RCPT command"));
            return;
        }
        inData = true;
        data = new ByteArrayOutputStream();
        dataBytes = 0;
        dataTooBig = false;
        dataLineTooLong = false;
        dataBareNewline = false;
        reply(ctx, SmtpReply.of(354, null, "End data with <CR><LF>.<CR><LF>"));
    }

    private void dataLine(ChannelHandlerContext ctx, SmtpLineReader.Line line) {
        byte[] b = line.bytes();
        if (!line.tooLong() && b.length == 1 && b[0] == '.') {
            endOfData(ctx);
            return;
        }
        if (line.tooLong()) {
            dataLineTooLong = true;
            data = null;
            return;
        }
        // only a line start after CRLF is dot-stuffed: the client's transport encoding, undone here
        int from = b.length > 0 && b[0] == '.' ? 1 : 0;
        // A bare CR or LF is settled here, before anything inspects the data: refused, or normalised so that the
        // inspected bytes are the relayed bytes (never normalised later: the relay sends the data as it is).
        int bare = LineEnds.bareNewlines(b, from);
        if (bare > 0) {
            dataBareNewline = true;
            if (settings.bareNewlines() == BareNewlines.REFUSE) {
                data = null;
            }
        }
        // counted as stored: each bare CR or LF normalised to CRLF is one byte more
        dataBytes += b.length - from + bare + 2;
        if (dataBytes > settings.maxMessageBytes()) {
            dataTooBig = true;
            data = null;
        }
        if (data != null) {
            if (bare > 0) {
                LineEnds.writeNormalised(b, from, data);
            } else {
                data.write(b, from, b.length - from);
            }
            data.write('\r');
            data.write('\n');
        }
    }

    private void endOfData(ChannelHandlerContext ctx) {
        inData = false;
        if (dataTooBig || dataLineTooLong) {
            resetTransaction();
            reply(ctx, dataTooBig ? SmtpReply.of(552, "5.3.4", "Message size exceeds fixed limit")
                    : SmtpReply.of(500, "5.5.2", "Line too long"));
            return;
        }
        if (dataBareNewline) {
            boolean refused = settings.bareNewlines() == BareNewlines.REFUSE;
            LOG.info("SMTP message from {} <{}> has a bare CR or LF in DATA: {}", ctx.channel().remoteAddress(),
                    MsisdnLog.of(mailFrom), refused ? "refused 550 5.6.0" : "normalised to CRLF before inspection");
            metrics.bareNewlines(listener, refused ? "refused" : "normalised");
            if (refused) {
                resetTransaction();
                reply(ctx, BARE_NEWLINE);
                return;
            }
        }
        SmtpTransaction tx = new SmtpTransaction(helo, mailFrom, rcptTo, data.toByteArray(),
                (InetSocketAddress) ctx.channel().remoteAddress(), tls, principal, ctx.channel()::isActive);
        resetTransaction();
        holding = true;
        updateReading(ctx);
        ctx.flush();
        CompletableFuture<SmtpReply> decision;
        try {
            decision = handler.onMessage(tx);
        } catch (RuntimeException e) {
            decision = CompletableFuture.failedFuture(e);
        }
        decision.whenComplete((reply, failure) -> ctx.executor().execute(() -> release(ctx, reply, failure)));
    }

    /** The held DATA reply is ready: send it, resume reading and process what the client pipelined meanwhile. */
    private void release(ChannelHandlerContext ctx, SmtpReply reply, Throwable failure) {
        holding = false;
        if (!ctx.channel().isActive()) {
            return;
        }
        if (failure != null || reply == null) {
            LOG.warn("SMTP message handler failed for {}; answering 451", ctx.channel().remoteAddress(), failure);
            reply = HANDLER_FAILED;
        }
        reply(ctx, reply);
        updateReading(ctx);
        drain(ctx);
    }

    private void startTls(ChannelHandlerContext ctx, String args) {
        if (!args.isEmpty()) {
            error(ctx, SmtpReply.of(501, "5.5.4", "Syntax: STARTTLS"));
            return;
        }
        if (tls) {
            error(ctx, SmtpReply.of(503, "5.5.1", "Already under TLS"));
            return;
        }
        if (startTls == null) {
            reply(ctx, SmtpReply.of(454, "4.7.0", "TLS not available"));
            return;
        }
        // the first write (the 220) leaves in plaintext; everything after it goes through TLS
        ctx.pipeline().addFirst("tls", startTls.newStartTlsHandler(ctx.alloc()));
        ctx.writeAndFlush(wire(SmtpReply.of(220, "2.0.0", "Ready to start TLS")));
        reader.clear();
        resetTransaction();
        helo = null;
        user = null;
        tls = true;
    }

    /** AUTH PLAIN or LOGIN (RFC 4954), with or without an initial response. */
    private void auth(ChannelHandlerContext ctx, String args) {
        if (!settings.users().enabled()) {
            error(ctx, SmtpReply.of(502, "5.5.1", "AUTH not available"));
            return;
        }
        if (!tls) {
            refuse(ctx, AUTH_NEEDS_TLS, "auth-without-tls", "AUTH");
            return;
        }
        if (helo == null || user != null || mailFrom != null) {
            error(ctx, SmtpReply.of(503, "5.5.1", helo == null ? "Send EHLO first"
                    : user != null ? "Already authenticated" : "AUTH not permitted during a mail transaction"));
            return;
        }
        String[] parts = args.split(" ", 2);
        String mechanism = parts[0].toUpperCase(Locale.ROOT);
        String initial = parts.length > 1 ? parts[1].trim() : null;
        if (!mechanism.equals("PLAIN") && !mechanism.equals("LOGIN")) {
            error(ctx, SmtpReply.of(504, "5.5.4", "Unrecognized authentication type"));
            return;
        }
        if (initial == null) {
            authStep = mechanism;
            reply(ctx, SmtpReply.of(334, null, mechanism.equals("PLAIN") ? "" : USERNAME_PROMPT));
            return;
        }
        authStep = mechanism;
        authResponse(ctx, initial);
    }

    /** The client's answer to a 334 (or an initial response): "*" cancels. */
    private void authResponse(ChannelHandlerContext ctx, String text) {
        String step = authStep;
        authStep = null;
        if (text.equals("*")) {
            error(ctx, SmtpReply.of(501, "5.0.0", "Authentication cancelled"));
            return;
        }
        String decoded;
        try {
            // "=" is an empty initial response (RFC 4954 section 4)
            decoded = text.equals("=") ? "" : new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            error(ctx, SmtpReply.of(501, "5.5.2", "Cannot decode response"));
            return;
        }
        switch (step) {
            case "PLAIN" -> {
                // authorization identity NUL user NUL password; acting for another identity is not supported
                String[] fields = decoded.split("\u0000", -1);
                boolean valid = fields.length == 3 && (fields[0].isEmpty() || fields[0].equals(fields[1]));
                authenticate(ctx, valid ? fields[1] : "", valid ? fields[2] : "");
            }
            case "LOGIN" -> {
                loginUser = decoded;
                authStep = "PASSWORD";
                reply(ctx, SmtpReply.of(334, null, PASSWORD_PROMPT));
            }
            default -> {
                String name = loginUser;
                loginUser = null;
                authenticate(ctx, name, decoded);
            }
        }
    }

    private void authenticate(ChannelHandlerContext ctx, String name, String password) {
        InetSocketAddress client = (InetSocketAddress) ctx.channel().remoteAddress();
        SmtpUsers.Outcome outcome = settings.users().authenticate(client.getAddress().getHostAddress(), name, password);
        if (outcome == SmtpUsers.Outcome.AUTHENTICATED) {
            user = name;
            metrics.smtpAuth(listener, "success");
            LOG.info("{} {} authenticated as {}", listener, ctx.channel().remoteAddress(), LogSafe.text(name));
            reply(ctx, SmtpReply.of(235, "2.7.0", "Authentication successful"));
            return;
        }
        boolean backingOff = outcome == SmtpUsers.Outcome.BACKING_OFF;
        metrics.smtpAuth(listener, backingOff ? "backoff" : "failure");
        LOG.info("{} {}: authentication as {} {} ({} on this connection)", listener, client, LogSafe.text(name),
                backingOff ? "refused unchecked, backing off after earlier failures" : "failed", authFailures + 1);
        if (++authFailures >= MAX_AUTH_FAILURES) {
            fatal(ctx, SmtpReply.of(421, "4.7.0", "Too many authentication failures, closing connection"));
            return;
        }
        error(ctx, backingOff ? AUTH_BACKING_OFF : AUTH_FAILED);
    }

    private SmtpClientIdentity identity(ChannelHandlerContext ctx) {
        return new SmtpClientIdentity((InetSocketAddress) ctx.channel().remoteAddress(),
                ClientCertificate.names(ctx.channel()), user);
    }

    /** A command refused by access control: answered, logged and counted. */
    private void refuse(ChannelHandlerContext ctx, SmtpReply reply, String reason, String what) {
        LOG.info("{} {} refused ({}): {} answered {} {}", listener, ctx.channel().remoteAddress(), reason,
                LogSafe.text(what), reply.code(), reply.enhanced());
        metrics.smtpRefused(listener, reason);
        error(ctx, reply);
    }

    private void resetTransaction() {
        principal = null;
        mailFrom = null;
        rcptTo.clear();
        data = null;
    }

    private void error(ChannelHandlerContext ctx, SmtpReply reply) {
        if (++errors > MAX_ERRORS) {
            fatal(ctx, SmtpReply.of(421, "4.7.0", "Too many errors, closing connection"));
            return;
        }
        reply(ctx, reply);
    }

    private static void reply(ChannelHandlerContext ctx, SmtpReply reply) {
        ctx.write(wire(reply));
    }

    private static ByteBuf wire(SmtpReply reply) {
        return Unpooled.wrappedBuffer(reply.toWire());
    }

    private void fatal(ChannelHandlerContext ctx, SmtpReply reply) {
        closing = true;
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(wire(reply)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            if (!holding && !closing) {
                LOG.info("SMTP client {} timed out", ctx.channel().remoteAddress());
                fatal(ctx, TIMEOUT);
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ClientFault.is(cause)) { // e.g. plain text after STARTTLS: no reply can go through the broken TLS layer
            LOG.info("SMTP connection from {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
            closing = true;
            ctx.close();
            return;
        }
        LOG.warn("SMTP connection from {} failed; closing", ctx.channel().remoteAddress(), cause);
        if (closing) {
            ctx.close();
        } else {
            fatal(ctx, SmtpReply.of(421, "4.3.0", "Internal error, closing connection"));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        reader.release();
        data = null;
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        reader.release();
    }
}
