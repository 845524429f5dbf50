package io.mmsguard.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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

        private static void answer(ChannelHandlerContext ctx, String body) {
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
    void aClientThatDribblesItsRequestIsCutOffAtTheDeadline() throws Exception {
        HttpListener l = start(10, Duration.ofMillis(300), Optional.empty());
        try (Socket s = new Socket("127.0.0.1", l.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write("POST /mms HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\nab".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            assertThat(in.read()).as("the server closed the connection").isEqualTo(-1);
        }
    }

    @Test
    void servesTlsFromAPkcs12KeyStore() throws Exception {
        Path keyStore = SelfSignedKeyStore.create(dir);
        HttpListener l = start(10, Duration.ofSeconds(30),
                Optional.of(TlsSettings.of(keyStore, SelfSignedKeyStore.PASSWORD.toCharArray())));
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());

        HttpResponse<String> r = post(HttpClient.newBuilder().sslContext(trustAll).build(), "https", l.port(), "hello");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
        assertThat(r.sslSession()).hasValueSatisfying(ssl -> assertThat(ssl.getProtocol()).startsWith("TLSv1."));
    }
}
