package io.mmsguard.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.TrustManagerFactory;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.gateway.StubMmsc;
import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.gateway.session.PendingSessions;
import io.mmsguard.testkit.FreePorts;
import io.mmsguard.gateway.tls.TlsSettings;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Netty upstream leg against real servers on loopback: reuse, limits, and how far a failed request got. */
class NettyUpstreamTest {
    private static final EventLoopGroup LOOPS = new NioEventLoopGroup(2);
    private static final Duration SHORT = Duration.ofMillis(500);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final GatewayMetrics metrics = new GatewayMetrics(meters);
    private final EventLoop loop = LOOPS.next();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private StubMmsc mmsc;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws IOException {
        mmsc = StubMmsc.start();
        closing.add(mmsc);
        mmsc.respond("/mms", r -> new StubMmsc.Response(200, "text/plain", r.body()));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    @AfterAll
    static void stopLoops() {
        LOOPS.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private NettyUpstream upstream(UpstreamSettings settings) {
        NettyUpstream upstream = new NettyUpstream(settings, metrics);
        closing.add(upstream);
        return upstream;
    }

    private NettyUpstream upstream() {
        return upstream(UpstreamSettings.defaults(Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static UpstreamFailure.Stage stageOf(CompletableFuture<UpstreamResponse> f) throws Exception {
        try {
            f.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(UpstreamFailure.class);
            return ((UpstreamFailure) e.getCause()).stage();
        }
        throw new AssertionError("the request succeeded");
    }

    private double gauge(String state) {
        return meters.get("mmsguard.gateway.upstream.connections").tag("state", state).gauge().value();
    }

    private double failures(String stage) {
        var c = meters.find("mmsguard.gateway.upstream.failures").tag("stage", stage).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void sequentialRequestsShareOneKeepAliveConnection() throws Exception {
        NettyUpstream upstream = upstream();
        for (int i = 0; i < 5; i++) {
            UpstreamResponse r = upstream.post(loop, mmsc.uri("/mms"), Map.of("X-Seq", "" + i), bytes("body " + i))
                    .get(20, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(200);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("body " + i);
        }
        assertThat(mmsc.connections()).isEqualTo(1);
        assertThat(gauge("open")).isEqualTo(1.0);
        assertThat(gauge("idle")).isEqualTo(1.0);
    }

    @Test
    void setsHostAndLengthAndNeverCopiesHopByHopHeaders() throws Exception {
        URI uri = mmsc.uri("/mms/send?x=1");
        UpstreamResponse r = upstream().post(loop, uri, Map.of("Connection", "close", "Keep-Alive", "timeout=1",
                "Transfer-Encoding", "chunked", "Content-Length", "1", "Host", "elsewhere", "X-Wap-Profile", "p"),
                bytes("hello")).get(20, TimeUnit.SECONDS);

        assertThat(r.status()).isEqualTo(200);
        StubMmsc.Request seen = mmsc.received().get(0);
        assertThat(seen.uri().toString()).isEqualTo("/mms/send?x=1");
        assertThat(seen.header("Host")).isEqualTo("127.0.0.1:" + uri.getPort());
        assertThat(seen.header("Content-Length")).isEqualTo("5");
        assertThat(seen.header("X-Wap-Profile")).isEqualTo("p");
        assertThat(seen.header("Connection")).isNull();
        assertThat(seen.header("Keep-Alive")).isNull();
        assertThat(seen.header("Transfer-Encoding")).isNull();
        assertThat(new String(seen.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void completesOnTheGivenEventLoopForAnswersAndFailures() throws Exception {
        NettyUpstream upstream = upstream();
        assertThat(completionOnTheLoop(() -> upstream.post(loop, mmsc.uri("/mms"), Map.of(), bytes("x"))
                .handle((r, e) -> e == null && loop.inEventLoop()))).isTrue();
        URI refused = URI.create("http://127.0.0.1:" + FreePorts.next() + "/mms");
        assertThat(completionOnTheLoop(() -> upstream.get(loop, refused, Map.of())
                .handle((r, e) -> e != null && loop.inEventLoop()))).isTrue();
    }

    /**
     * The loop is held until the callback is attached: a refused loopback connection can fail before {@code handle}
     * is called, and a callback attached to a completed future runs on the attaching thread, whatever thread
     * completed it. Held, the loop cannot complete first; a completion on another thread still can, and fails.
     */
    private boolean completionOnTheLoop(Supplier<CompletableFuture<Boolean>> call)
            throws Exception {
        CountDownLatch attached = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                attached.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<Boolean> onLoop = call.get();
        attached.countDown();
        return onLoop.get(20, TimeUnit.SECONDS);
    }

    @Test
    void aRefusedConnectionIsNotSent() throws Exception {
        URI refused = URI.create("http://127.0.0.1:" + FreePorts.next() + "/mms");

        assertThat(stageOf(upstream().post(loop, refused, Map.of(), bytes("x"))))
                .isEqualTo(UpstreamFailure.Stage.NOT_SENT);
        assertThat(failures("not_sent")).isEqualTo(1.0);
        await().atMost(Duration.ofSeconds(20)).until(() -> gauge("open") == 0.0); // closes after the failure
    }

    @Test
    void aServerThatReadsTheWholeRequestAndClosesGaveNoAnswer() throws Exception {
        try (RawServer server = new RawServer((socket, request) -> socket.close())) {
            assertThat(stageOf(upstream().post(loop, server.uri(), Map.of(), bytes("the message"))))
                    .isEqualTo(UpstreamFailure.Stage.NO_ANSWER);
            assertThat(server.requests).hasSize(1);
            assertThat(server.requests.get(0)).endsWith("the message");
            assertThat(failures("no_answer")).isEqualTo(1.0);
        }
    }

    @Test
    void garbageInsteadOfAnAnswerIsNoAnswer() throws Exception {
        try (RawServer server = new RawServer((socket, request) ->
                socket.getOutputStream().write(bytes("SMTP? 220 hello\r\n\r\n")))) {
            assertThat(stageOf(upstream().post(loop, server.uri(), Map.of(), bytes("x"))))
                    .isEqualTo(UpstreamFailure.Stage.NO_ANSWER);
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutAsNoAnswer() throws Exception {
        answerWhenReleased("/hang"); // never, in this test
        NettyUpstream upstream = upstream(UpstreamSettings.defaults(Duration.ofSeconds(5), SHORT));

        assertThat(stageOf(upstream.post(loop, mmsc.uri("/hang"), Map.of(), bytes("x"))))
                .isEqualTo(UpstreamFailure.Stage.NO_ANSWER);
        assertThat(mmsc.received()).hasSize(1);
    }

    @Test
    void anAnswerOverTheSizeLimitIsNoAnswerAndTheNextRequestWorks() throws Exception {
        mmsc.respond("/big", r -> new StubMmsc.Response(200, "application/octet-stream", new byte[5000]));
        NettyUpstream upstream = upstream(new UpstreamSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 4, 4,
                Duration.ofSeconds(30), 4096));

        assertThat(stageOf(upstream.post(loop, mmsc.uri("/big"), Map.of(), bytes("x"))))
                .isEqualTo(UpstreamFailure.Stage.NO_ANSWER);
        assertThat(upstream.post(loop, mmsc.uri("/mms"), Map.of(), bytes("small")).get(20, TimeUnit.SECONDS)
                .status()).isEqualTo(200);
    }

    @Test
    void beyondTheConnectionsAndTheWaitingQueueARequestFailsNotSentAtOnce() throws Exception {
        CountDownLatch release = answerWhenReleased("/hold");
        NettyUpstream upstream = upstream(new UpstreamSettings(Duration.ofSeconds(20), Duration.ofSeconds(20), 1, 1,
                Duration.ofSeconds(30), 4096));

        CompletableFuture<UpstreamResponse> first = upstream.post(loop, mmsc.uri("/hold"), Map.of(), bytes("1"));
        CompletableFuture<UpstreamResponse> waiting = upstream.post(loop, mmsc.uri("/hold"), Map.of(), bytes("2"));
        CompletableFuture<UpstreamResponse> over = upstream.post(loop, mmsc.uri("/hold"), Map.of(), bytes("3"));

        assertThat(stageOf(over)).isEqualTo(UpstreamFailure.Stage.NOT_SENT);
        assertThat(first).isNotDone();
        assertThat(waiting).isNotDone();
        release.countDown();
        assertThat(first.get(20, TimeUnit.SECONDS).body()).isEqualTo(bytes("1"));
        assertThat(waiting.get(20, TimeUnit.SECONDS).body()).isEqualTo(bytes("2"));
        assertThat(mmsc.connections()).as("the waiting request reused the connection").isEqualTo(1);
    }

    @Test
    void aPooledConnectionTheServerClosesIsDroppedAndTheNextRequestConnectsAgain() throws Exception {
        try (RawServer server = new RawServer((socket, request) -> {
            socket.getOutputStream().write(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
            socket.close(); // keep-alive was announced; the server drops the idle connection anyway
        })) {
            NettyUpstream upstream = upstream();
            assertThat(upstream.post(loop, server.uri(), Map.of(), bytes("1")).get(20, TimeUnit.SECONDS).status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> gauge("open") == 0.0);

            assertThat(upstream.post(loop, server.uri(), Map.of(), bytes("2")).get(20, TimeUnit.SECONDS).status())
                    .isEqualTo(200);
            assertThat(server.connections).hasValue(2);
        }
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        NettyUpstream upstream = upstream(new UpstreamSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 4, 4,
                SHORT, 4096));
        assertThat(upstream.post(loop, mmsc.uri("/mms"), Map.of(), bytes("x")).get(20, TimeUnit.SECONDS).status())
                .isEqualTo(200);
        assertThat(gauge("idle")).isEqualTo(1.0);

        await().atMost(Duration.ofSeconds(20)).until(() -> gauge("open") == 0.0);
        assertThat(gauge("idle")).isZero();
    }

    @Test
    void httpsVerifiesTheServerAgainstTheTrustGiven() throws Exception {
        Path keyStore = SelfSignedKeyStore.create(dir);
        HttpListener server = HttpListener.start(new ListenerSettings("tls-mmsc", "127.0.0.1", 0, 10, 8192, 1 << 20,
                        Duration.ofMinutes(1), Duration.ofMinutes(1), Optional.of(TlsSettings.of(
                        keyStore, SelfSignedKeyStore.PASSWORD.toCharArray()))), LOOPS, LOOPS,
                HttpListenerTest.Echo::new, new PendingSessions(100), metrics);
        closing.add(server);
        URI uri = URI.create("https://127.0.0.1:" + server.port() + "/mms");

        assertThat(stageOf(upstream().post(loop, uri, Map.of(), bytes("x"))))
                .as("the JDK's default trust does not know a self-signed certificate")
                .isEqualTo(UpstreamFailure.Stage.NOT_SENT);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            trusted.load(in, SelfSignedKeyStore.PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        NettyUpstream trusting = new NettyUpstream(UpstreamSettings.defaults(Duration.ofSeconds(5),
                Duration.ofSeconds(10)), metrics, SslContextBuilder.forClient().trustManager(tmf).build());
        closing.add(trusting);
        UpstreamResponse r = trusting.post(loop, uri, Map.of(), bytes("over tls")).get(20, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("over tls");
    }

    /**
     * An MMSC on its operator's private CA that asks for the gateway's client certificate: reached with
     * {@code gateway.upstream-trust-store} and {@code gateway.upstream-key-store}, refused without the certificate.
     */
    @Test
    void httpsUpstreamWithTheOperatorsTrustStoreAndAClientCertificate() throws Exception {
        io.mmsguard.testkit.tls.TestPki pki = io.mmsguard.testkit.tls.TestPki.create(dir.resolve("pki"));
        HttpListener server = HttpListener.start(new ListenerSettings("mtls-mmsc", "127.0.0.1", 0, 10, 8192, 1 << 20,
                        Duration.ofMinutes(1), Duration.ofMinutes(1), Optional.of(TlsSettings.of(
                        pki.serverKeyStore("mmsc", "ip:127.0.0.1"), pki.password().toCharArray())
                        .withClientAuth(TlsSettings.ClientAuth.REQUIRED, new TlsSettings.TrustStore(pki.trustStore(),
                                pki.password().toCharArray())))), LOOPS, LOOPS,
                HttpListenerTest.Echo::new, new PendingSessions(100), metrics);
        closing.add(server);
        URI uri = URI.create("https://127.0.0.1:" + server.port() + "/mms");
        Map<String, String> keys = new java.util.HashMap<>(Map.of("gateway.upstream-trust-store",
                pki.trustStore().toString(), "gateway.upstream-trust-store-password", pki.password()));

        NettyUpstream noCertificate = new NettyUpstream(UpstreamSettings.defaults(Duration.ofSeconds(5),
                Duration.ofSeconds(10)), metrics, UpstreamTls.from(io.mmsguard.service.Settings.of(keys)));
        closing.add(noCertificate);
        assertThat(noCertificate.post(loop, uri, Map.of(), bytes("x")))
                .as("trusted, but without the client certificate the MMSC asks for")
                .failsWithin(Duration.ofSeconds(20));

        keys.put("gateway.upstream-key-store", pki.clientKeyStore("gateway.operator.example").toString());
        keys.put("gateway.upstream-key-store-password", pki.password());
        NettyUpstream withCertificate = new NettyUpstream(UpstreamSettings.defaults(Duration.ofSeconds(5),
                Duration.ofSeconds(10)), metrics, UpstreamTls.from(io.mmsguard.service.Settings.of(keys)));
        closing.add(withCertificate);
        UpstreamResponse r = withCertificate.post(loop, uri, Map.of(), bytes("over mtls")).get(20, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("over mtls");
    }

    /** The stub answers requests under {@code prefix} (echoing the body) only once the latch is released. */
    private CountDownLatch answerWhenReleased(String prefix) {
        CountDownLatch release = new CountDownLatch(1);
        closing.add(release::countDown);
        mmsc.respond(prefix, r -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new StubMmsc.Response(200, "text/plain", r.body());
        });
        return release;
    }

    /** A loopback HTTP server that reads each whole request and then does what the test says, on raw sockets. */
    private static final class RawServer implements AutoCloseable {
        interface Behaviour {
            void serve(Socket socket, String request) throws IOException;
        }

        private static final Pattern LENGTH = Pattern.compile("(?i)\r\ncontent-length:\\s*(\\d+)");
        final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger connections = new AtomicInteger();
        private final ServerSocket socket;
        private final Thread acceptor;

        RawServer(Behaviour behaviour) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        connections.incrementAndGet();
                        String request = read(s.getInputStream());
                        if (request != null) {
                            requests.add(request);
                            behaviour.serve(s, request);
                            s.getOutputStream().flush();
                            drain(s);
                        }
                    } catch (IOException e) {
                        // closed by the test, or by the client
                    }
                }
            }, "raw-http-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/mms");
        }

        /** Keeps the connection until the client closes it (a behaviour may have closed it already). */
        private static void drain(Socket s) throws IOException {
            if (!s.isClosed()) {
                s.getInputStream().transferTo(OutputStream.nullOutputStream());
            }
        }

        private static String read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                head.write(b);
                String h = head.toString(StandardCharsets.ISO_8859_1);
                if (h.endsWith("\r\n\r\n")) {
                    Matcher m = LENGTH.matcher(h);
                    int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
                    return h + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
                }
            }
            return null;
        }

        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.join(5000);
        }
    }
}
