package io.mmsguard.gateway.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.smtp.SmtpReply;
import io.mmsguard.gateway.http.ListenerSettings;
import io.mmsguard.gateway.session.GatewayMetrics;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;

/** An {@link SmtpListener} on an ephemeral port that records what its handler received; plus a raw test client. */
public final class SmtpTestServer implements AutoCloseable {
    static final EventLoopGroup BOSS = new NioEventLoopGroup(1);
    static final EventLoopGroup WORKERS = new NioEventLoopGroup(2);

    public final BlockingQueue<SmtpTransaction> received = new LinkedBlockingQueue<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final SmtpListener listener;

    public SmtpTestServer(SmtpServerSettings smtp, int maxConnections,
                   Function<SmtpTransaction, CompletableFuture<SmtpReply>> answer) throws InterruptedException {
        this(smtp, SmtpAccess.OPEN, maxConnections, answer);
    }

    public SmtpTestServer(SmtpServerSettings smtp, SmtpAccess access, int maxConnections,
                          Function<SmtpTransaction, CompletableFuture<SmtpReply>> answer) throws InterruptedException {
        this(new ListenerSettings("smtp-test", "127.0.0.1", 0, maxConnections, 1024, 1024, Duration.ofSeconds(60),
                Duration.ofSeconds(60), Optional.empty()), smtp, access, answer);
    }

    /** On the listener settings given (its port 0: an ephemeral one), open to every sender. */
    public SmtpTestServer(ListenerSettings s, SmtpServerSettings smtp,
                          Function<SmtpTransaction, CompletableFuture<SmtpReply>> answer) throws InterruptedException {
        this(s, smtp, SmtpAccess.OPEN, answer);
    }

    public SmtpTestServer(ListenerSettings s, SmtpServerSettings smtp, SmtpAccess access,
                          Function<SmtpTransaction, CompletableFuture<SmtpReply>> answer) throws InterruptedException {
        listener = SmtpListener.start(s, BOSS, WORKERS, smtp, access, tx -> {
            received.add(tx);
            return answer.apply(tx);
        }, io.mmsguard.gateway.session.BufferedBytes.unlimited(), new GatewayMetrics(meters));
    }

    public static SmtpTestServer accepting(SmtpServerSettings smtp, SmtpAccess access) throws InterruptedException {
        return new SmtpTestServer(smtp, access, 10,
                tx -> CompletableFuture.completedFuture(SmtpReply.of(250, "2.0.0", "queued")));
    }

    public static SmtpTestServer accepting(SmtpServerSettings smtp) throws InterruptedException {
        return new SmtpTestServer(smtp, 10, tx -> CompletableFuture.completedFuture(SmtpReply.of(250, "2.0.0", "queued")));
    }

    public int port() {
        return listener.port();
    }

    public SmtpTransaction next() throws InterruptedException {
        SmtpTransaction tx = received.poll(30, TimeUnit.SECONDS);
        if (tx == null) {
            throw new AssertionError("the handler received no message");
        }
        return tx;
    }

    @Override
    public void close() {
        listener.close();
    }

    /** A PKCS12 key store for localhost made by the JDK's keytool. */
    public static Path keyStore(Path dir) throws IOException, InterruptedException {
        Path keyStore = dir.resolve("smtp.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new AssertionError("keytool failed: " + output);
        }
        return keyStore;
    }

    /** A plain socket speaking SMTP line by line. */
    public static final class RawClient implements AutoCloseable {
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        public RawClient(int port) throws IOException {
            this("127.0.0.1", port);
        }

        /** Connected from the loopback address {@code from} (Linux routes all of 127/8 to lo). */
        public RawClient(String from, int port) throws IOException {
            socket = new Socket();
            socket.bind(new java.net.InetSocketAddress(from, 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
            socket.setSoTimeout(30_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        public void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Sends one command line and returns its reply. */
        public String command(String line) throws IOException {
            send(line + "\r\n");
            return reply();
        }

        /** MAIL FROM:&lt;a@x&gt;, RCPT TO:&lt;b@y&gt; and DATA, each accepted. */
        public void startData() throws IOException {
            for (String[] step : new String[][] {{"MAIL FROM:<a@x>", "250"}, {"RCPT TO:<b@y>", "250"},
                    {"DATA", "354"}}) {
                String reply = command(step[0]);
                if (!reply.startsWith(step[1])) {
                    throw new AssertionError(step[0] + " answered " + reply);
                }
            }
        }

        /** One reply, its lines joined with "\n" ("250-a\n250 b"). */
        public String reply() throws IOException {
            List<String> lines = new ArrayList<>();
            while (true) {
                String line = line();
                if (line == null) {
                    throw new IOException("connection closed after " + lines);
                }
                lines.add(line);
                if (line.length() < 4 || line.charAt(3) == ' ') {
                    return String.join("\n", lines);
                }
            }
        }

        /** A line without its CRLF, or null at end of stream. */
        String line() throws IOException {
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    return b.toString().replaceAll("\r$", "");
                }
                b.append((char) c);
            }
            return b.length() == 0 ? null : b.toString();
        }

        /** Switches this connection to TLS (after the server's 220 to STARTTLS), trusting the test key store. */
        void startTls(Path keyStore) throws Exception {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            try (InputStream ks = Files.newInputStream(keyStore)) {
                trusted.load(ks, "changeit".toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            startTls(context);
        }

        /**
         * Switches this connection to TLS with {@code context} (e.g. a TestPki's, with a client certificate). Under
         * TLS 1.3 a server refusing the client's certificate says so after the client's handshake ends: at the
         * next read.
         */
        public SSLSocket startTls(SSLContext context) throws IOException {
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "127.0.0.1",
                    socket.getPort(), true);
            tls.setUseClientMode(true);
            tls.startHandshake();
            socket = tls;
            in = tls.getInputStream();
            out = tls.getOutputStream();
            return tls;
        }

        boolean closedByServer() throws IOException {
            return in.read() < 0;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
