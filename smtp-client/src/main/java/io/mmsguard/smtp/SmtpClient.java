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
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

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
 * <p>
 * With a {@link SmtpClientSecurity}: TLS from the first byte, or STARTTLS (RFC 3207) after the first EHLO, then EHLO
 * again (the capabilities before TLS are discarded); the upstream's certificate must be trusted and name the
 * configured host. AUTH PLAIN, else LOGIN (RFC 4954), only over TLS. Every security failure (STARTTLS not offered
 * under {@code required} or refused, bytes pipelined behind the 220 to STARTTLS, a failed handshake or certificate,
 * AUTH refused or no usable mechanism) is a {@code NOT_SENT} failure with {@code 451 4.7.0}: the message was not
 * given to the upstream, and the sender may retry once the operator has fixed the configuration.
 */
public final class SmtpClient implements SmtpRelay {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] END_OF_DATA = ".\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final Logger LOG = LoggerFactory.getLogger(SmtpClient.class);
    private static final Pattern REPLY_LINE = Pattern.compile("([2-5]\\d\\d)([ -])(.*)");
    private static final Pattern ENHANCED = Pattern.compile("([245]\\.\\d{1,3}\\.\\d{1,3})(?: (.*))?");
    private static final int MAX_REPLY_LINE = 4096;
    private static final int MAX_REPLY_LINES = 100;
    /** Replies a secured dialogue waits for on top of the plain one: STARTTLS, EHLO again, up to three for AUTH. */
    private static final int SECURITY_STEPS = 6;

    private final InetSocketAddress upstream;
    private final String ehloHostname;
    private final Duration connectTimeout;
    private final Duration commandTimeout;
    private final Executor executor;
    private final SmtpClientSecurity security;

    /** Plain SMTP ({@link SmtpClientSecurity#NONE}). */
    public SmtpClient(InetSocketAddress upstream, String ehloHostname, Duration connectTimeout,
                      Duration commandTimeout, Executor executor) {
        this(upstream, ehloHostname, connectTimeout, commandTimeout, executor, SmtpClientSecurity.NONE);
    }

    public SmtpClient(InetSocketAddress upstream, String ehloHostname, Duration connectTimeout,
                      Duration commandTimeout, Executor executor, SmtpClientSecurity security) {
        this.security = Objects.requireNonNull(security, "security");
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
        long steps = 6L + rcptTo.size() + (security.tls() == SmtpClientSecurity.Tls.NONE ? 0 : SECURITY_STEPS);
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> closeQuietly(socket),
                CompletableFuture.delayedExecutor(connectTimeout.plus(commandTimeout.multipliedBy(steps))
                        .toMillis(), TimeUnit.MILLISECONDS));
        try {
            try {
                // Resolved per connection, so a configured host name follows DNS changes (and need not resolve at start).
                InetSocketAddress target = upstream.isUnresolved()
                        ? new InetSocketAddress(upstream.getHostString(), upstream.getPort()) : upstream;
                socket.connect(target, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
                socket.setSoTimeout(timeoutMillis());
            } catch (IOException e) {
                LOG.warn("SMTP relay: cannot connect to {}: {}", upstream, e.toString());
                return new Delivery(null, new SmtpRelayFailure(SmtpRelayFailure.Stage.NOT_SENT,
                        SmtpReply.of(451, "4.4.1", "Upstream not reachable"), "upstream " + upstream
                        + " not reachable", e));
            }
            Wire wire = security.tls() == SmtpClientSecurity.Tls.IMPLICIT ? new Wire(handshake(socket), true)
                    : new Wire(socket, false);
            return new Delivery(dialogue(wire, mailFrom, rcptTo, data, progress), null);
        } catch (SecurityFailure e) {
            LOG.warn("SMTP relay to {} not sent (tls {}): {}", upstream, security.tls().value(), e.getMessage());
            return new Delivery(null, new SmtpRelayFailure(SmtpRelayFailure.Stage.NOT_SENT,
                    SmtpReply.of(451, "4.7.0", "Upstream TLS or authentication failed"), "upstream " + upstream
                    + ": " + e.getMessage(), e));
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

    private int timeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, commandTimeout.toMillis());
    }

    /** A failure of TLS or AUTH: the message is not given to the upstream. Its message names no secret. */
    private static final class SecurityFailure extends IOException {
        SecurityFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The connection's streams, replaced by the TLS ones after STARTTLS; used by the delivering thread only. */
    private static final class Wire {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final boolean tls;

        Wire(Socket socket, boolean tls) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = new BufferedOutputStream(socket.getOutputStream(), 65536);
            this.tls = tls;
        }
    }

    private SmtpReply dialogue(Wire wire, String mailFrom, List<String> rcptTo, byte[] data, Progress progress)
            throws IOException {
        Wire w = wire;
        SmtpReply greeting = read(w.in);
        if (!greeting.positive()) {
            return quit(w, greeting);
        }
        SmtpReply hello = hello(w);
        if (!hello.positive()) {
            return quit(w, hello);
        }
        if (!w.tls && security.tls() != SmtpClientSecurity.Tls.NONE && offers(hello, "STARTTLS")) {
            w = startTls(w);
            hello = hello(w); // RFC 3207: what the upstream said before TLS is forgotten
            if (!hello.positive()) {
                return quit(w, hello);
            }
        } else if (!w.tls && security.tls() == SmtpClientSecurity.Tls.REQUIRED) {
            quit(w, hello);
            throw new SecurityFailure("STARTTLS not offered and upstream tls is required", null);
        }
        if (security.credentials().isPresent()) {
            authenticate(w, hello, security.credentials().get());
        }
        boolean size = offers(hello, "SIZE");
        SmtpReply reply = command(w, "MAIL FROM:<" + mailFrom + ">" + (size ? " SIZE=" + data.length : ""));
        if (!reply.positive()) {
            return quit(w, reply);
        }
        for (String rcpt : rcptTo) {
            reply = command(w, "RCPT TO:<" + rcpt + ">");
            if (!reply.positive()) {
                return quit(w, reply);
            }
        }
        reply = command(w, "DATA");
        if (reply.code() != 354) {
            return quit(w, reply);
        }
        writeData(w.out, data);
        w.out.flush();
        progress.dataWritten = true;
        return quit(w, read(w.in));
    }

    private SmtpReply hello(Wire w) throws IOException {
        SmtpReply hello = command(w, "EHLO " + ehloHostname);
        return hello.code() >= 500 ? command(w, "HELO " + ehloHostname) : hello;
    }

    /** Whether an EHLO reply advertises the extension (its keyword, then nothing or parameters). */
    private static boolean offers(SmtpReply hello, String keyword) {
        return parameters(hello, keyword).isPresent();
    }

    /** The parameters of an advertised extension ({@code AUTH PLAIN LOGIN} -> [PLAIN, LOGIN]). */
    private static Optional<List<String>> parameters(SmtpReply hello, String keyword) {
        // the first line is the upstream's name, not an extension
        return hello.lines().stream().skip(1).map(l -> List.of(l.trim().toUpperCase(Locale.ROOT).split("[ =]+")))
                .filter(words -> words.get(0).equals(keyword)).findFirst()
                .map(words -> words.subList(1, words.size()));
    }

    private Wire startTls(Wire w) throws IOException {
        SmtpReply ready = command(w, "STARTTLS");
        if (ready.code() != 220) {
            quit(w, ready);
            throw new SecurityFailure("STARTTLS refused with " + ready.code() + " (tls " + security.tls().value()
                    + ": no plain delivery once offered)", null);
        }
        // Bytes already behind the 220 were written before TLS and would be read as if they came after it
        // (response injection, CVE-2011-0411): an honest upstream waits for the handshake.
        if (w.in.available() > 0) {
            throw new SecurityFailure("the upstream sent data behind its 220 to STARTTLS (response injection)", null);
        }
        return new Wire(handshake(w.socket), true);
    }

    private SSLSocket handshake(Socket plain) throws IOException {
        SSLSocket tls = (SSLSocket) security.socketFactory().createSocket(plain, upstream.getHostString(),
                upstream.getPort(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the configured host
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        tls.setSSLParameters(parameters);
        tls.setSoTimeout(timeoutMillis());
        try {
            tls.startHandshake();
        } catch (SSLException e) {
            throw new SecurityFailure("TLS handshake failed: " + e.getMessage(), e);
        }
        return tls;
    }

    /** AUTH PLAIN if offered, else LOGIN; anything but 235 fails the delivery. */
    private void authenticate(Wire w, SmtpReply hello, SmtpClientSecurity.Credentials credentials)
            throws IOException {
        if (!w.tls) {
            throw new SecurityFailure("credentials are never sent without TLS", null);
        }
        List<String> mechanisms = parameters(hello, "AUTH").orElse(List.of());
        String user = credentials.user();
        SmtpReply reply;
        String mechanism;
        if (mechanisms.contains("PLAIN")) {
            mechanism = "PLAIN";
            byte[] name = user.getBytes(StandardCharsets.UTF_8);
            byte[] password = utf8(credentials.password());
            byte[] token = new byte[name.length + password.length + 2];
            System.arraycopy(name, 0, token, 1, name.length);
            System.arraycopy(password, 0, token, name.length + 2, password.length);
            reply = command(w, "AUTH PLAIN " + Base64.getEncoder().encodeToString(token));
            Arrays.fill(password, (byte) 0);
            Arrays.fill(token, (byte) 0);
        } else if (mechanisms.contains("LOGIN")) {
            mechanism = "LOGIN";
            reply = command(w, "AUTH LOGIN");
            if (reply.code() == 334) {
                reply = command(w, Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
            }
            if (reply.code() == 334) {
                byte[] password = utf8(credentials.password());
                reply = command(w, Base64.getEncoder().encodeToString(password));
                Arrays.fill(password, (byte) 0);
            }
        } else {
            quit(w, hello);
            throw new SecurityFailure("the upstream offers neither AUTH PLAIN nor AUTH LOGIN"
                    + (mechanisms.isEmpty() ? "" : " (" + String.join(" ", mechanisms) + ")"), null);
        }
        if (reply.code() != 235) {
            quit(w, reply);
            throw new SecurityFailure("AUTH " + mechanism + " as " + user + " refused with " + reply.code()
                    + (reply.enhanced() == null ? "" : " " + reply.enhanced()), null);
        }
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        Arrays.fill(chars, '\0');
        return bytes;
    }

    /** Sends QUIT best-effort (its reply is not needed) and returns the transaction's result. */
    private static SmtpReply quit(Wire w, SmtpReply result) {
        try {
            w.out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            w.out.flush();
            read(w.in);
        } catch (IOException | RuntimeException e) {
            // the result is already known
        }
        return result;
    }

    private static SmtpReply command(Wire w, String line) throws IOException {
        if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("CR or LF in an SMTP command");
        }
        w.out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        w.out.flush();
        return read(w.in);
    }

    /**
     * Line ends normalised to CRLF, dot-stuffed, a CRLF added if missing, then the end-of-data line. Written a line
     * at a time: a write per byte through a (synchronized) buffered stream was the largest share of an MM4
     * forward's CPU in the load generator's profile.
     */
    static void writeData(OutputStream out, byte[] data) throws IOException {
        int line = 0;
        while (line < data.length) {
            int end = line;
            while (end < data.length && data[end] != '\r' && data[end] != '\n') {
                end++;
            }
            if (end > line && data[line] == '.') {
                out.write('.');
            }
            out.write(data, line, end - line);
            out.write(CRLF);
            if (end < data.length && data[end] == '\r' && end + 1 < data.length && data[end + 1] == '\n') {
                end++;
            }
            line = end + 1;
        }
        out.write(END_OF_DATA);
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
