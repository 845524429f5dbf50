package io.mmsguard.gateway.smtp;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mmsguard.gateway.tls.ServerTls;
import io.mmsguard.smtp.SmtpReply;
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
 */
final class SmtpSession extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpSession.class);
    private static final Pattern PATH = Pattern.compile("(?i)(FROM|TO):\\s*<([^<>\\s]*)>(.*)");
    private static final int MAX_ERRORS = 20;
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
    private final Consumer<String> bareNewlineCounter;
    private final SmtpLineReader reader = new SmtpLineReader();

    private boolean tls;
    private String helo;
    private String mailFrom;
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
     * @param bareNewlines    counts a message with a bare CR or LF: {@code refused} or {@code normalised}
     */
    SmtpSession(SmtpServerSettings settings, SmtpMessageHandler handler, ServerTls startTls, boolean implicitTls,
                BooleanSupplier listenerReading, Consumer<String> bareNewlines) {
        this.settings = settings;
        this.handler = handler;
        this.startTls = startTls;
        this.tls = implicitTls;
        this.listenerReading = listenerReading;
        this.bareNewlineCounter = bareNewlines;
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
        int space = text.indexOf(' ');
        String verb = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String args = space < 0 ? "" : text.substring(space + 1).trim();
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
        mailFrom = m.group(2);
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
                    mailFrom, refused ? "refused 550 5.6.0" : "normalised to CRLF before inspection");
            bareNewlineCounter.accept(refused ? "refused" : "normalised");
            if (refused) {
                resetTransaction();
                reply(ctx, BARE_NEWLINE);
                return;
            }
        }
        SmtpTransaction tx = new SmtpTransaction(helo, mailFrom, rcptTo, data.toByteArray(),
                (InetSocketAddress) ctx.channel().remoteAddress(), tls, ctx.channel()::isActive);
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
        tls = true;
    }

    private void resetTransaction() {
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
