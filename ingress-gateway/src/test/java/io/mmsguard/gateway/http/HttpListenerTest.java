package io.mmsguard.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.gateway.session.BufferedBytes;
import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.gateway.session.PendingSessions;
import io.mmsguard.gateway.tls.TlsSettings;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limits every HTTP listener enforces, on real sockets. */
class HttpListenerTest {
    private static final EventLoopGroup BOSS = new NioEventLoopGroup(1);
    private static final EventLoopGroup WORKERS = new NioEventLoopGroup(2);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private HttpListener listener;

    @TempDir
    Path dir;

    /** Answers 200 with the request body. */
    static final class Echo extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(request.content()));
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            ctx.writeAndFlush(r);
        }
    }

    /** Answers /slow only when the test completes {@link #slowAnswer}; everything else at once. */
    static final class Ordered extends SimpleChannelInboundHandler<FullHttpRequest> {
        static final java.util.concurrent.CompletableFuture<Void> slowReceived = new java.util.concurrent.CompletableFuture<>();
        static final java.util.concurrent.CompletableFuture<Void> slowAnswer = new java.util.concurrent.CompletableFuture<>();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String path = request.uri();
            if (path.equals("/slow")) {
                slowReceived.complete(null);
                slowAnswer.thenRun(() -> ctx.executor().execute(() -> answer(ctx, "slow")));
            } else {
                answer(ctx, path.substring(1));
            }
        }

        static void answer(ChannelHandlerContext ctx, String body) {
            DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(body, StandardCharsets.US_ASCII));
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            ctx.writeAndFlush(r);
        }
    }

    private HttpListener start(int maxConnections, Duration requestDeadline, Optional<TlsSettings> tls)
            throws InterruptedException {
        ListenerSettings s = new ListenerSettings("test", "127.0.0.1", 0, maxConnections, 1024, 64,
                Duration.ofSeconds(30), requestDeadline, tls);
        listener = HttpListener.start(s, BOSS, WORKERS, Echo::new, new PendingSessions(10),
                new GatewayMetrics(meters));
        return listener;
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    @AfterAll
    static void shutdown() {
        BOSS.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        WORKERS.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> post(HttpClient client, String scheme, int port, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + "/mms"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBodyOverTheLimitGets413AndTooLargeHeadersGet431() throws Exception {
        HttpListener l = start(10, Duration.ofSeconds(30), Optional.empty());
        HttpClient client = HttpClient.newHttpClient();

        assertThat(post(client, "http", l.port(), "x".repeat(64)).body()).isEqualTo("x".repeat(64));
        assertThat(post(client, "http", l.port(), "x".repeat(65)).statusCode()).isEqualTo(413);
        HttpResponse<String> big = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + l.port()))
                .header("X-Big", "y".repeat(2000)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(big.statusCode()).isEqualTo(431);
    }

    @Test
    void pipelinedRequestsAreAnsweredInRequestOrderEvenWhenTheFirstAnswerComesLast() throws Exception {
        ListenerSettings settings = new ListenerSettings("test", "127.0.0.1", 0, 10, 1024, 64, Duration.ofSeconds(30),
                Duration.ofSeconds(30), Optional.empty());
        listener = HttpListener.start(settings, BOSS, WORKERS, Ordered::new, new PendingSessions(10),
                new GatewayMetrics(meters));
        try (Socket s = new Socket("127.0.0.1", listener.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            // Both in one write: the server decodes them in one read, so /fast reaches the protocol handler before
            // /slow is answered unless the listener holds it back.
            out.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Ordered.slowReceived.get(20, TimeUnit.SECONDS);
            Ordered.slowAnswer.complete(null);

            String answers = readUntil(s.getInputStream(), "fast");
            assertThat(answers.indexOf("\r\n\r\nslow")).as(answers).isPositive()
                    .isLessThan(answers.indexOf("\r\n\r\nfast"));
        }
    }

    private static String readUntil(InputStream in, String end) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while (!b.toString().endsWith(end) && (c = in.read()) >= 0) {
            b.append((char) c);
        }
        return b.toString();
    }

    @Test
    void connectionsOverTheLimitAreClosedAndCounted() throws Exception {
        HttpListener l = start(1, Duration.ofSeconds(30), Optional.empty());
        try (Socket first = new Socket("127.0.0.1", l.port())) {
            first.setSoTimeout(10_000);
            OutputStream out = first.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(new String(first.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                    .as("the first connection is served").isEqualTo("HTTP/1.1 200");
            try (Socket second = new Socket("127.0.0.1", l.port())) {
                second.setSoTimeout(10_000);
                assertThat(second.getInputStream().read()).as("closed by the server").isEqualTo(-1);
            }
        }
        assertThat(meters.get("mmsguard.gateway.connections.rejected").counter().count()).isEqualTo(1);
    }

    @Test
    void aClientThatDribblesItsBodyGets408AtTheRequestDeadline() throws Exception {
        HttpListener l = start(10, Duration.ofMillis(300), Optional.empty());
        try (Socket s = new Socket("127.0.0.1", l.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write("POST /mms HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\nab".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readToEnd(s.getInputStream())).as("408, then the server closed the connection")
                    .startsWith("HTTP/1.1 408 ");
        }
        assertThat(timedOut("request")).isEqualTo(1);
    }

    private static String readToEnd(InputStream in) throws java.io.IOException {
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }

    private double timedOut(String deadline) {
        return meters.get("mmsguard.gateway.requests.timed-out").tag("deadline", deadline).counter().count();
    }

    /** A listener with its own head deadline and per-address cap, answering with {@code protocol}. */
    private HttpListener start(Duration headDeadline, int maxPerAddress, TrustedProxies exempt,
                               java.util.function.Supplier<io.netty.channel.ChannelHandler> protocol,
                               BufferedBytes budget, int maxBody) throws InterruptedException {
        ListenerSettings s = new ListenerSettings("test", "127.0.0.1", 0, 100, 1024, maxBody, Duration.ofSeconds(30),
                Duration.ofSeconds(30), Optional.empty(), headDeadline, maxPerAddress, exempt);
        listener = HttpListener.start(s, BOSS, WORKERS, protocol, new PendingSessions(10), budget,
                new GatewayMetrics(meters));
        return listener;
    }

    private static Socket connect(String from, int port) throws java.io.IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port));
        s.setSoTimeout(20_000);
        return s;
    }

    private static String exchange(Socket s, String path) throws java.io.IOException {
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return readResponse(s.getInputStream());
    }

    /** One response with a Content-Length body: its status line and body. */
    private static String readResponse(InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while (!head.toString().endsWith("\r\n\r\n") && (c = in.read()) >= 0) {
            head.append((char) c);
        }
        if (head.isEmpty()) {
            return "closed without an answer";
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *([0-9]+)").matcher(head);
        int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
        String body = new String(in.readNBytes(length), StandardCharsets.US_ASCII);
        return head.substring(0, head.indexOf("\r\n")) + " " + body;
    }

    @Test
    void slowHeadersGet408AtTheHeadDeadlineCountedFromTheRequestsFirstByte() throws Exception {
        HttpListener l = start(Duration.ofMillis(300), 100, TrustedProxies.NONE, Ordered::new,
                BufferedBytes.unlimited(), 64);
        try (Socket s = connect("127.0.0.1", l.port())) {
            OutputStream out = s.getOutputStream();
            out.write("POST /mms HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readToEnd(s.getInputStream())).as("408, then the server closed the connection")
                    .startsWith("HTTP/1.1 408 ");
        }
        assertThat(timedOut("head")).isEqualTo(1);
    }

    @Test
    void onAKeepAliveConnectionTheHeadDeadlineStartsWithEachRequestNotWithTheWaitBeforeIt() throws Exception {
        HttpListener l = start(Duration.ofMillis(300), 100, TrustedProxies.NONE, Ordered::new,
                BufferedBytes.unlimited(), 64);
        try (Socket s = connect("127.0.0.1", l.port())) {
            assertThat(exchange(s, "/a")).isEqualTo("HTTP/1.1 200 OK a");
            Thread.sleep(600); // idle between requests, longer than the head deadline: the idle timeout's business
            assertThat(exchange(s, "/b")).isEqualTo("HTTP/1.1 200 OK b");
            s.getOutputStream().write("GET /c HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            assertThat(readToEnd(s.getInputStream())).startsWith("HTTP/1.1 408 ");
        }
        assertThat(timedOut("head")).isEqualTo(1);
    }

    /** Answers each request with its path, a little later, as a decision would; notes the budget at each arrival. */
    static final class Later extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final BufferedBytes budget;
        private final java.util.concurrent.atomic.AtomicLong peak;

        Later(BufferedBytes budget, java.util.concurrent.atomic.AtomicLong peak) {
            this.budget = budget;
            this.peak = peak;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            peak.accumulateAndGet(budget.total(), Math::max);
            String path = request.uri().substring(1);
            ctx.executor().schedule(() -> Ordered.answer(ctx, path), 20, TimeUnit.MILLISECONDS);
        }
    }

    /** Samples what the buffered-bytes gauge shows, as often as it can, into {@code peak} until closed. */
    private static final class Sampler implements AutoCloseable {
        private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        private final Thread thread;

        Sampler(BufferedBytes budget, java.util.concurrent.atomic.AtomicLong peak) {
            thread = new Thread(() -> {
                while (!done.get()) {
                    peak.accumulateAndGet(budget.total(), Math::max);
                    Thread.onSpinWait();
                }
            });
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            done.set(true);
            thread.join();
        }
    }

    @Test
    void aConnectionPipeliningSixteenLargeBodiesNeverHasMoreThanOneBufferedAndIsAnsweredInOrder() throws Exception {
        int body = 1 << 20;
        int requests = 16;
        BufferedBytes budget = BufferedBytes.unlimited();
        java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
        HttpListener l = start(Duration.ofSeconds(30), 100, TrustedProxies.NONE, () -> new Later(budget, peak),
                budget, body);
        try (Sampler sampler = new Sampler(budget, peak); Socket s = connect("127.0.0.1", l.port())) {
            byte[] content = new byte[body];
            java.util.Arrays.fill(content, (byte) 'x');
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    for (int i = 0; i < requests; i++) {
                        out.write(("POST /" + i + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + body + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.write(content);
                    }
                    out.flush();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            for (int i = 0; i < requests; i++) {
                assertThat(readResponse(s.getInputStream())).as("answered in request order")
                        .isEqualTo("HTTP/1.1 200 OK " + i);
            }
            writer.join();
        }
        // The request being answered (head and body), and of the next at most the one read that brought its start:
        // the rest waits in the socket. Every byte read counts, that read included.
        assertThat(peak.get()).as("bytes buffered at any sample")
                .isLessThanOrEqualTo(body + 1024 + BufferedBytes.READ_BYTES);
    }

    @Test
    void manyLargeUploadsAtOnceNeverTakeMoreThanTheBudgetAndAreAllAnswered() throws Exception {
        int body = 512 << 10;
        int clients = 10;
        // The reserve for one message (head limit 1024 and body) and a read, and three reads for everyone else.
        BufferedBytes budget = new BufferedBytes(BufferedBytes.minimumBudget(1024 + body) + 2 * BufferedBytes.READ_BYTES,
                1024 + body, () -> { });
        java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
        HttpListener l = start(Duration.ofSeconds(30), 100, TrustedProxies.NONE, () -> new Later(budget, peak),
                budget, body);
        java.util.List<java.util.concurrent.CompletableFuture<String>> answers = new java.util.ArrayList<>();
        byte[] content = new byte[body];
        java.util.concurrent.ExecutorService uploads = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try (Sampler sampler = new Sampler(budget, peak)) {
            for (int c = 0; c < clients; c++) {
                String path = "/" + c;
                answers.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try (Socket s = connect("127.0.0.1", l.port())) {
                        OutputStream out = s.getOutputStream();
                        out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + body + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.write(content);
                        out.flush();
                        return readResponse(s.getInputStream());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, uploads));
            }
            for (int c = 0; c < clients; c++) {
                assertThat(answers.get(c).get(30, TimeUnit.SECONDS)).isEqualTo("HTTP/1.1 200 OK " + c);
            }
        } finally {
            uploads.shutdownNow();
        }
        assertThat(peak.get()).as("bytes read or reserved at any sample, %d clients of %d bytes", clients, body)
                .isPositive().isLessThanOrEqualTo(budget.limit());
        // All answered and closed: nothing held (the reads that see the clients' ends release their room at once).
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> budget.total() == 0);
    }

    @Test
    void connectionsOverThePerAddressCapAreClosedAtAcceptAndOtherAddressesAreServed() throws Exception {
        HttpListener l = start(Duration.ofSeconds(10), 2, TrustedProxies.parse("127.0.0.3"), Ordered::new,
                BufferedBytes.unlimited(), 64);
        try (Socket a1 = connect("127.0.0.1", l.port()); Socket a2 = connect("127.0.0.1", l.port())) {
            assertThat(exchange(a1, "/a1")).isEqualTo("HTTP/1.1 200 OK a1");
            assertThat(exchange(a2, "/a2")).isEqualTo("HTTP/1.1 200 OK a2");
            try (Socket a3 = connect("127.0.0.1", l.port())) {
                assertThat(a3.getInputStream().read()).as("the third from 127.0.0.1 is closed").isEqualTo(-1);
            }
            try (Socket b = connect("127.0.0.2", l.port())) {
                assertThat(exchange(b, "/b")).as("another address is unaffected").isEqualTo("HTTP/1.1 200 OK b");
            }
            java.util.List<Socket> proxy = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    proxy.add(connect("127.0.0.3", l.port()));
                    assertThat(exchange(proxy.get(i), "/p" + i)).as("an exempt address has no cap")
                            .isEqualTo("HTTP/1.1 200 OK p" + i);
                }
            } finally {
                for (Socket p : proxy) {
                    p.close();
                }
            }
        }
        assertThat(meters.get("mmsguard.gateway.connections.rejected").tag("limit", "max-connections-per-address")
                .counter().count()).isEqualTo(1);
        // The two closed, their address may connect again (the server notices the closes on its own time).
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            try (Socket again = connect("127.0.0.1", l.port())) {
                assertThat(exchange(again, "/again")).isEqualTo("HTTP/1.1 200 OK again");
            }
        });
    }

    /** Answers each request with its path after {@code delay}, as a slow decision would. */
    static final class After extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Duration delay;

        After(Duration delay) {
            this.delay = delay;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String path = request.uri().substring(1);
            ctx.executor().schedule(() -> Ordered.answer(ctx, path), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The idle timeout is for a client that sends nothing. A client whose request waits in the socket because the
     * budget is spent, or waits for its answer, is the gateway's to serve: it is not closed as idle (the request
     * deadlines and the decision timeout bound those waits).
     */
    @Test
    void aClientWaitingForTheBudgetOrForItsAnswerIsNotClosedAsIdle() throws Exception {
        int body = 256 << 10;
        BufferedBytes budget = new BufferedBytes(BufferedBytes.minimumBudget(1024 + body), 1024 + body, () -> { });
        ListenerSettings s = new ListenerSettings("test", "127.0.0.1", 0, 100, 1024, body, Duration.ofMillis(400),
                Duration.ofSeconds(2), Optional.empty(), Duration.ofSeconds(2), 100, TrustedProxies.NONE);
        listener = HttpListener.start(s, BOSS, WORKERS, () -> new After(Duration.ofMillis(1200)),
                new PendingSessions(10), budget, new GatewayMetrics(meters));
        try (Socket stalled = connect("127.0.0.50", listener.port())) {
            stalled.getOutputStream().write(("POST /stalled HTTP/1.1\r\nHost: x\r\nContent-Length: " + body
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().write(new byte[body - 1000]);
            stalled.getOutputStream().flush();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(budget::isSaturated);

            // Connected only now: a connection that has sent nothing is idle and closed after 400 ms.
            try (Socket client = connect("127.0.0.2", listener.port())) {
                long start = System.nanoTime();
                assertThat(exchange(client, "/waited")).as("served once the stalled body is cut off, then answered"
                        + " after its decision; both waits longer than the idle timeout")
                        .isEqualTo("HTTP/1.1 200 OK waited");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1200));
                assertThat(readToEnd(stalled.getInputStream())).startsWith("HTTP/1.1 408 ");
                assertThat(readToEnd(client.getInputStream())).as("then, silent, the client is closed as idle")
                        .isEmpty();
            }
        }
    }

    @Test
    void servesTlsFromAPkcs12KeyStore() throws Exception {
        Path keyStore = SelfSignedKeyStore.create(dir);
        HttpListener l = start(10, Duration.ofSeconds(30),
                Optional.of(TlsSettings.of(keyStore, SelfSignedKeyStore.PASSWORD.toCharArray())));
        SSLContext trustAll = io.mmsguard.gateway.TrustAll.context();

        HttpResponse<String> r = post(HttpClient.newBuilder().sslContext(trustAll).build(), "https", l.port(), "hello");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
        assertThat(r.sslSession()).hasValueSatisfying(ssl -> assertThat(ssl.getProtocol()).startsWith("TLSv1."));
    }
}
