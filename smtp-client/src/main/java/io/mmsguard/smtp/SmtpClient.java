package io.mmsguard.smtp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SmtpRelay} over plain blocking sockets, run on the given executor (give it a dedicated pool: each
 * delivery occupies one thread for the whole SMTP dialogue). One connection per message: no pooling and no
 * PIPELINING. EHLO, falling back to HELO on a 5xx; {@code SIZE=} when the upstream advertises SIZE; one RCPT per
 * recipient, the first refused one ends the transaction with its reply. The data is sent with every line end
 * normalised to CRLF (a bare CR or LF would let a lenient upstream see a different end of data), dot-stuffed, and
 * terminated with {@code CRLF.CRLF}. Each reply must arrive within the command timeout, and a watchdog closes the
 * socket when the whole dialogue exceeds {@code commandTimeout × (6 + recipients)} (a blocked write). A failure
 * without a reply fails {@link #deliver} with a {@link SmtpRelayFailure}: {@code NOT_SENT} until the final "." of
 * DATA is written and flushed, {@code NO_ANSWER} after it; {@link #send} answers it with 451 {@code 4.4.1} (no
 * connection) or {@code 4.4.2} (connection lost or timed out) instead.
 */
public final class SmtpClient implements SmtpRelay {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpClient.class);
    private static final Pattern REPLY_LINE = Pattern.compile("([2-5]\\d\\d)([ -])(.*)");
    private static final Pattern ENHANCED = Pattern.compile("([245]\\.\\d{1,3}\\.\\d{1,3})(?: (.*))?");
    private static final int MAX_REPLY_LINE = 4096;
    private static final int MAX_REPLY_LINES = 100;

    private final InetSocketAddress upstream;
    private final String ehloHostname;
    private final Duration connectTimeout;
    private final Duration commandTimeout;
    private final Executor executor;

    public SmtpClient(InetSocketAddress upstream, String ehloHostname, Duration connectTimeout,
                      Duration commandTimeout, Executor executor) {
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.ehloHostname = Objects.requireNonNull(ehloHostname, "ehloHostname");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.commandTimeout = Objects.requireNonNull(commandTimeout, "commandTimeout");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public CompletableFuture<SmtpReply> deliver(String mailFrom, List<String> rcptTo, byte[] data) {
        List<String> recipients = List.copyOf(rcptTo);
        try {
            return CompletableFuture.supplyAsync(() -> attempt(mailFrom, recipients, data), executor)
                    .thenCompose(Delivery::result);
        } catch (RuntimeException e) { // executor rejected the task
            LOG.warn("SMTP relay to {} not started", upstream, e);
            return CompletableFuture.failedFuture(new SmtpRelayFailure(SmtpRelayFailure.Stage.NOT_SENT,
                    SmtpReply.of(451, "4.3.0", "Relay busy, try again later"), "relay busy", e));
        }
    }

    /** A reply, or how far the message got when none came. */
    private record Delivery(SmtpReply reply, SmtpRelayFailure failure) {
        CompletableFuture<SmtpReply> result() {
            return failure == null ? CompletableFuture.completedFuture(reply) : CompletableFuture.failedFuture(failure);
        }
    }

    /** Where the dialogue is; written by the delivering thread only. */
    private static final class Progress {
        boolean dataWritten;

        SmtpRelayFailure.Stage stage() {
            return dataWritten ? SmtpRelayFailure.Stage.NO_ANSWER : SmtpRelayFailure.Stage.NOT_SENT;
        }
    }

    private Delivery attempt(String mailFrom, List<String> rcptTo, byte[] data) {
        Socket socket = new Socket();
        Progress progress = new Progress();
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> closeQuietly(socket),
                CompletableFuture.delayedExecutor(connectTimeout.plus(commandTimeout.multipliedBy(6L + rcptTo.size()))
                        .toMillis(), TimeUnit.MILLISECONDS));
        try {
            try {
                // Resolved per connection, so a configured host name follows DNS changes (and need not resolve at start).
                InetSocketAddress target = upstream.isUnresolved()
                        ? new InetSocketAddress(upstream.getHostString(), upstream.getPort()) : upstream;
                socket.connect(target, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, commandTimeout.toMillis()));
            } catch (IOException e) {
                LOG.warn("SMTP relay: cannot connect to {}: {}", upstream, e.toString());
                return new Delivery(null, new SmtpRelayFailure(SmtpRelayFailure.Stage.NOT_SENT,
                        SmtpReply.of(451, "4.4.1", "Upstream not reachable"), "upstream " + upstream
                        + " not reachable", e));
            }
            return new Delivery(dialogue(socket, mailFrom, rcptTo, data, progress), null);
        } catch (SocketTimeoutException e) {
            LOG.warn("SMTP relay: {} timed out ({})", upstream, progress.stage());
            return new Delivery(null, new SmtpRelayFailure(progress.stage(),
                    SmtpReply.of(451, "4.4.2", "Upstream timed out"), "upstream " + upstream + " timed out", e));
        } catch (IOException | RuntimeException e) {
            LOG.warn("SMTP relay: connection to {} failed ({}): {}", upstream, progress.stage(), e.toString());
            return new Delivery(null, new SmtpRelayFailure(progress.stage(),
                    SmtpReply.of(451, "4.4.2", "Upstream connection failed"), "connection to " + upstream
                    + " failed: " + e.getMessage(), e));
        } finally {
            watchdog.cancel(false);
            closeQuietly(socket);
        }
    }

    private SmtpReply dialogue(Socket socket, String mailFrom, List<String> rcptTo, byte[] data, Progress progress)
            throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 65536);
        SmtpReply greeting = read(in);
        if (!greeting.positive()) {
            return quit(in, out, greeting);
        }
        SmtpReply hello = command(in, out, "EHLO " + ehloHostname);
        if (hello.code() >= 500) {
            hello = command(in, out, "HELO " + ehloHostname);
        }
        if (!hello.positive()) {
            return quit(in, out, hello);
        }
        boolean size = hello.lines().stream().anyMatch(l -> l.toUpperCase(Locale.ROOT).matches("SIZE( .*)?"));
        SmtpReply reply = command(in, out, "MAIL FROM:<" + mailFrom + ">" + (size ? " SIZE=" + data.length : ""));
        if (!reply.positive()) {
            return quit(in, out, reply);
        }
        for (String rcpt : rcptTo) {
            reply = command(in, out, "RCPT TO:<" + rcpt + ">");
            if (!reply.positive()) {
                return quit(in, out, reply);
            }
        }
        reply = command(in, out, "DATA");
        if (reply.code() != 354) {
            return quit(in, out, reply);
        }
        writeData(out, data);
        out.flush();
        progress.dataWritten = true;
        return quit(in, out, read(in));
    }

    /** Sends QUIT best-effort (its reply is not needed) and returns the transaction's result. */
    private static SmtpReply quit(InputStream in, OutputStream out, SmtpReply result) {
        try {
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            read(in);
        } catch (IOException | RuntimeException e) {
            // the result is already known
        }
        return result;
    }

    private static SmtpReply command(InputStream in, OutputStream out, String line) throws IOException {
        if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("CR or LF in an SMTP command");
        }
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return read(in);
    }

    /** Line ends normalised to CRLF, dot-stuffed, a CRLF added if missing, then the end-of-data line. */
    static void writeData(OutputStream out, byte[] data) throws IOException {
        boolean lineStart = true;
        for (int i = 0; i < data.length; i++) {
            byte b = data[i];
            if (b == '\r' || b == '\n') {
                out.write('\r');
                out.write('\n');
                if (b == '\r' && i + 1 < data.length && data[i + 1] == '\n') {
                    i++;
                }
                lineStart = true;
                continue;
            }
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = false;
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** One (possibly multi-line) reply; the enhanced status of the first line is kept and stripped from all. */
    static SmtpReply read(InputStream in) throws IOException {
        int code = 0;
        String enhanced = null;
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine(in);
            Matcher m = REPLY_LINE.matcher(line);
            if (!m.matches() || (code != 0 && Integer.parseInt(m.group(1)) != code)) {
                throw new IOException("malformed SMTP reply: " + line);
            }
            code = Integer.parseInt(m.group(1));
            String text = m.group(3);
            Matcher e = ENHANCED.matcher(text);
            if (e.matches() && e.group(1).charAt(0) == m.group(1).charAt(0)) {
                if (enhanced == null) {
                    enhanced = e.group(1);
                }
                text = Objects.requireNonNullElse(e.group(2), "");
            }
            lines.add(text);
            if (m.group(2).equals(" ")) {
                return new SmtpReply(code, enhanced, lines);
            }
            if (lines.size() >= MAX_REPLY_LINES) {
                throw new IOException("SMTP reply with too many lines");
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed by the upstream");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_REPLY_LINE) {
                throw new IOException("SMTP reply line too long");
            }
            line.write(b);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
