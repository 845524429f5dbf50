package io.mmsguard.testkit.smtp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A minimal SMTP server for tests of SMTP clients: a {@link ServerSocket} on the loopback interface, one thread per
 * connection, no PIPELINING. It advertises SIZE (so a client's {@code SIZE=} parameter is exercised), answers RCPT
 * and the end of DATA with the configured reply lines, and records every transaction that reached the end of DATA:
 * envelope and data with the dot-stuffing removed, lines joined by CRLF, the commands of its connection, whether it
 * came over TLS and as which AUTH user. Plain by default; with {@link Tls}, implicit TLS or STARTTLS, and AUTH
 * PLAIN/LOGIN (offered only under TLS) whose decoded bytes it checks against its users.
 * <p>
 * Kept independent of the gateway's own SMTP listener so that modules below the gateway (the SMTP client, the
 * notifier) can test against real SMTP bytes on a real socket.
 */
public final class SmtpStub implements AutoCloseable {
    /** How long {@link #next()} waits: a guard against a hanging test, not an expected duration. */
    public static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static final int MAX_LINE = 1_000_000;

    /**
     * One transaction as received.
     *
     * @param commands every command line of its connection up to DATA, as sent (AUTH lines with their base64)
     * @param tls      whether the transaction came over TLS
     * @param authUser the user authenticated on the connection, or null
     */
    public record Received(String helo, String mailFrom, List<String> rcptTo, byte[] data, List<String> commands,
                           boolean tls, String authUser) {
        public Received {
            rcptTo = List.copyOf(rcptTo);
            commands = List.copyOf(commands);
        }

        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /**
     * TLS and AUTH of a stub.
     *
     * @param context    the server's key (e.g. {@code TestPki.sslContext(keyStore, trustStore)})
     * @param implicit   TLS from the first byte; else STARTTLS is offered
     * @param users      user to password; not empty: AUTH is offered under TLS and MAIL needs it (530 before)
     * @param mechanisms what AUTH advertises, e.g. {@code PLAIN LOGIN}
     */
    public record Tls(SSLContext context, boolean implicit, Map<String, String> users, String mechanisms) {
        public Tls {
            users = Map.copyOf(users);
        }

        public static Tls startTls(SSLContext context) {
            return new Tls(context, false, Map.of(), "");
        }
    }

    private final ServerSocket server;
    private final Tls tls;
    private final Function<String, String> rcptReply;
    private final Function<Received, String> dataReply;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<Received> all = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    /**
     * @param rcptReply reply line to {@code RCPT TO} for the given address, e.g. {@code "250 2.1.5 ok"}
     * @param dataReply reply line after the end of DATA for the transaction, e.g. {@code "550 5.7.1 blocked"}
     */
    public SmtpStub(Function<String, String> rcptReply, Function<Received, String> dataReply) throws IOException {
        this(rcptReply, dataReply, null);
    }

    /** A stub accepting every recipient and message, with TLS and AUTH as {@code tls} says. */
    public static SmtpStub secured(Tls tls) throws IOException {
        return new SmtpStub(rcpt -> "250 2.1.5 ok", tx -> "250 2.0.0 queued", tls);
    }

    /** @param tls TLS and AUTH, or null for plain SMTP */
    public SmtpStub(Function<String, String> rcptReply, Function<Received, String> dataReply, Tls tls)
            throws IOException {
        this.tls = tls;
        this.rcptReply = rcptReply;
        this.dataReply = dataReply;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "smtp-stub-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Accepts every recipient and every message. */
    public static SmtpStub accepting() throws IOException {
        return new SmtpStub(rcpt -> "250 2.1.5 ok", tx -> "250 2.0.0 queued");
    }

    /** Accepts every recipient and answers the end of DATA with {@code dataReply}. */
    public static SmtpStub answeringData(String dataReply) throws IOException {
        return new SmtpStub(rcpt -> "250 2.1.5 ok", tx -> dataReply);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The next transaction that reached the end of DATA, waiting at most {@link #HANG_GUARD}. */
    public Received next() throws InterruptedException {
        Received r = received.poll(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("no SMTP transaction within " + HANG_GUARD);
        }
        return r;
    }

    /** Every transaction that reached the end of DATA so far, in order. */
    public List<Received> received() {
        return List.copyOf(all);
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(s);
            Thread t = new Thread(() -> serve(s), "smtp-stub-" + s.getPort());
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket accepted) {
        Socket socket = accepted;
        try {
            boolean secure = false;
            if (tls != null && tls.implicit()) {
                socket = serverTls(socket);
                secure = true;
            }
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            reply(out, "220 stub.test ESMTP");
            String helo = null;
            String authUser = null;
            String mailFrom = null;
            List<String> rcpt = new ArrayList<>();
            List<String> commands = new ArrayList<>();
            String line;
            while ((line = readLine(in)) != null) {
                commands.add(line);
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                boolean authRequired = tls != null && !tls.users().isEmpty();
                switch (verb) {
                    case "EHLO" -> {
                        helo = line.substring(4).trim();
                        String extensions = "250-stub.test\r\n";
                        if (tls != null && !secure) {
                            extensions += "250-STARTTLS\r\n";
                        }
                        if (authRequired && secure) {
                            extensions += "250-AUTH " + tls.mechanisms() + "\r\n";
                        }
                        reply(out, extensions + "250 SIZE 10000000");
                    }
                    case "HELO" -> {
                        helo = line.substring(4).trim();
                        reply(out, "250 stub.test");
                    }
                    case "STAR" -> {
                        if (tls == null || secure) {
                            reply(out, "502 5.5.2 not implemented");
                            continue;
                        }
                        reply(out, "220 2.0.0 ready to start TLS");
                        socket = serverTls(socket);
                        secure = true;
                        in = new BufferedInputStream(socket.getInputStream());
                        out = socket.getOutputStream();
                        helo = null;
                    }
                    case "AUTH" -> {
                        if (!authRequired || !secure) {
                            reply(out, "503 5.5.1 AUTH not offered");
                            continue;
                        }
                        authUser = authenticate(line, in, out, commands);
                        reply(out, authUser != null ? "235 2.7.0 Authentication successful"
                                : "535 5.7.8 Authentication credentials invalid");
                    }
                    case "MAIL" -> {
                        if (authRequired && authUser == null) {
                            reply(out, "530 5.7.0 Authentication required");
                            continue;
                        }
                        mailFrom = path(line);
                        rcpt.clear();
                        reply(out, "250 2.1.0 ok");
                    }
                    case "RCPT" -> {
                        String address = path(line);
                        String r = rcptReply.apply(address);
                        if (r.startsWith("2")) {
                            rcpt.add(address);
                        }
                        reply(out, r);
                    }
                    case "DATA" -> {
                        if (mailFrom == null || rcpt.isEmpty()) {
                            reply(out, "503 5.5.1 no valid recipients");
                            continue;
                        }
                        reply(out, "354 go ahead");
                        Received tx = new Received(helo, mailFrom, rcpt, readData(in), commands, secure, authUser);
                        all.add(tx);
                        received.add(tx);
                        reply(out, dataReply.apply(tx));
                        mailFrom = null;
                        rcpt.clear();
                    }
                    case "RSET" -> {
                        mailFrom = null;
                        rcpt.clear();
                        reply(out, "250 2.0.0 ok");
                    }
                    case "NOOP" -> reply(out, "250 2.0.0 ok");
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away, a handshake failed or close() closed the socket: the session simply ends
        } finally {
            open.remove(accepted);
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private Socket serverTls(Socket plain) throws IOException {
        SSLSocket s = (SSLSocket) tls.context().getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        s.setUseClientMode(false);
        s.startHandshake();
        return s;
    }

    /** AUTH PLAIN (initial response or after 334) or LOGIN: the user whose password matched, else null. */
    private String authenticate(String line, InputStream in, OutputStream out, List<String> commands)
            throws IOException {
        String[] words = line.split(" ");
        String mechanism = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
        if (mechanism.equals("PLAIN")) {
            String response = words.length > 2 ? words[2] : challenge(in, out, "", commands);
            String[] parts = new String(decode(response), StandardCharsets.UTF_8).split("\0", -1);
            return parts.length == 3 && parts[0].isEmpty() && parts[2].equals(tls.users().get(parts[1]))
                    ? parts[1] : null;
        }
        if (mechanism.equals("LOGIN")) {
            String user = new String(decode(challenge(in, out, "VXNlcm5hbWU6", commands)), StandardCharsets.UTF_8);
            String password = new String(decode(challenge(in, out, "UGFzc3dvcmQ6", commands)),
                    StandardCharsets.UTF_8);
            return password.equals(tls.users().get(user)) ? user : null;
        }
        return null;
    }

    private static String challenge(InputStream in, OutputStream out, String text, List<String> commands)
            throws IOException {
        reply(out, "334 " + text);
        String response = readLine(in);
        if (response == null) {
            throw new IOException("client left during AUTH");
        }
        commands.add(response);
        return response;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** The address between the angle brackets of {@code MAIL FROM:<a> SIZE=1} or {@code RCPT TO:<b>}. */
    private static String path(String line) {
        int lt = line.indexOf('<');
        int gt = line.indexOf('>', lt + 1);
        return lt < 0 || gt < 0 ? "" : line.substring(lt + 1, gt);
    }

    private static byte[] readData(InputStream in) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        byte[] line;
        // bytes, not text: 8-bit data must arrive exactly as the client sent it
        while ((line = readRawLine(in)) != null && !(line.length == 1 && line[0] == '.')) {
            int from = line.length > 0 && line[0] == '.' ? 1 : 0;
            data.write(line, from, line.length - from);
            data.write('\r');
            data.write('\n');
        }
        return data.toByteArray();
    }

    private static String readLine(InputStream in) throws IOException {
        byte[] line = readRawLine(in);
        return line == null ? null : new String(line, StandardCharsets.UTF_8);
    }

    /** One line without its CRLF (a bare LF is accepted), or null at the end of the stream. */
    private static byte[] readRawLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                return bytes.length > 0 && bytes[bytes.length - 1] == '\r'
                        ? Arrays.copyOf(bytes, bytes.length - 1) : bytes;
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("line too long");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private static void reply(OutputStream out, String lines) throws IOException {
        out.write((lines + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
