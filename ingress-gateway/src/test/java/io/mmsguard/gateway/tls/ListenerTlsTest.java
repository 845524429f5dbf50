package io.mmsguard.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.gateway.http.HttpListener;
import io.mmsguard.gateway.http.ListenerSettings;
import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.gateway.session.PendingSessions;
import io.mmsguard.gateway.smtp.SmtpServerSettings;
import io.mmsguard.gateway.smtp.SmtpTestServer;
import io.mmsguard.testkit.tls.TestPki;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS of the listeners on real sockets: reload, client certificates, protocols, STARTTLS. */
class ListenerTlsTest {
    private static final EventLoopGroup BOSS = new NioEventLoopGroup(1);
    private static final EventLoopGroup WORKERS = new NioEventLoopGroup(2);

    @TempDir
    static Path dir;
    static TestPki pki;
    static TestPki stranger;
    static Path clientStore;
    static Path strangerStore;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private HttpListener listener;

    @BeforeAll
    static void pki() {
        pki = TestPki.create(dir.resolve("pki"));
        stranger = TestPki.create(dir.resolve("stranger"));
        clientStore = pki.clientKeyStore("VASP-1", "email:Vasp@Example.org", "dns:vasp.example.org");
        strangerStore = stranger.clientKeyStore("vasp-1");
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

    /** Answers 200 with the names of the connection's client certificate, or "none". */
    static final class Names extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String names = ClientCertificate.of(ctx.channel()).map(c -> String.join(",", c.names())).orElse("none");
            DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(names, StandardCharsets.US_ASCII));
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            ctx.writeAndFlush(r);
        }
    }

    private int start(TlsSettings tls) throws InterruptedException {
        ListenerSettings s = new ListenerSettings("mm7", "127.0.0.1", 0, 10, 8192, 1024, Duration.ofSeconds(30),
                Duration.ofSeconds(30), Optional.of(tls));
        listener = HttpListener.start(s, BOSS, WORKERS, Names::new, new PendingSessions(10),
                new GatewayMetrics(meters));
        return listener.port();
    }

    private static SSLSocket connect(SSLContext context, int port, String... protocols) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        if (protocols.length > 0) {
            socket.setEnabledProtocols(protocols);
        }
        socket.startHandshake();
        return socket;
    }

    /** One keep-alive request on the connection; the response body. */
    private static String request(SSLSocket socket) throws IOException {
        socket.getOutputStream().write(("POST /mm7 HTTP/1.1\r\nHost: gw\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        assertThat(headers).startsWith("HTTP/1.1 200");
        int length = Integer.parseInt(headers.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
        return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }

    private static BigInteger serial(SSLSocket socket) throws IOException {
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }

    private double reloads(String outcome) {
        var counter = meters.find("mmsguard.gateway.tls.reloads").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aKeyStoreRewrittenInPlaceIsOfferedToNewConnectionsWhileOpenOnesGoOn() throws Exception {
        Path keyStore = pki.serverKeyStore("reloaded", "ip:127.0.0.1");
        int port = start(TlsSettings.of(keyStore, pki.password().toCharArray())
                .withReloadInterval(Duration.ofMillis(100)));
        try (SSLSocket old = connect(pki.sslContext(null), port)) {
            BigInteger before = serial(old);
            assertThat(request(old)).isEqualTo("none");

            BigInteger after = pki.certificate(pki.serverKeyStore("reloaded", "ip:127.0.0.1")).getSerialNumber();
            assertThat(after).isNotEqualTo(before);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try (SSLSocket fresh = connect(pki.sslContext(null), port)) {
                    return serial(fresh).equals(after);
                }
            });
            assertThat(reloads("reloaded")).isEqualTo(1);
            assertThat(request(old)).as("the connection opened before the reload").isEqualTo("none");
            assertThat(serial(old)).isEqualTo(before);
        }
    }

    @Test
    void aBrokenNewKeyStoreIsCountedAndTheOldCertificateKept() throws Exception {
        Path keyStore = pki.serverKeyStore("broken", "ip:127.0.0.1");
        BigInteger serial = pki.certificate(keyStore).getSerialNumber();
        int port = start(TlsSettings.of(keyStore, pki.password().toCharArray())
                .withReloadInterval(Duration.ofMillis(100)));
        Files.write(keyStore, new byte[] {0x30, 0x03, 1, 2, 3});
        await().atMost(Duration.ofSeconds(30)).until(() -> reloads("failed") == 1);
        try (SSLSocket fresh = connect(pki.sslContext(null), port)) {
            assertThat(serial(fresh)).isEqualTo(serial);
            assertThat(request(fresh)).isEqualTo("none");
        }
        assertThat(reloads("reloaded")).isZero();
    }

    @Test
    void requiredClientAuthenticationRefusesAClientWithoutACertificateAndNamesTheOneWithIt() throws Exception {
        int port = start(TlsSettings.of(pki.serverKeyStore("gw", "ip:127.0.0.1"), pki.password().toCharArray())
                .withClientAuth(TlsSettings.ClientAuth.REQUIRED,
                        new TlsSettings.TrustStore(pki.trustStore(), pki.password().toCharArray())));

        assertThat(request(connect(pki.sslContext(clientStore), port)))
                .isEqualTo("vasp-1,vasp.example.org,vasp@example.org");
        // TLS 1.3: the client's handshake ends before the server has judged its certificate, so the refusal (an
        // alert, or the closed connection) reaches the client at its first write or read
        assertThatThrownBy(() -> request(connect(pki.sslContext(null), port))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> request(connect(pki.sslContext(null), port, "TLSv1.2")))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> request(connect(TestPki.sslContext(strangerStore, pki.trustStore()), port)))
                .as("a certificate of another CA").isInstanceOf(IOException.class);
    }

    @Test
    void optionalClientAuthenticationServesBoth() throws Exception {
        int port = start(TlsSettings.of(pki.serverKeyStore("gw", "ip:127.0.0.1"), pki.password().toCharArray())
                .withClientAuth(TlsSettings.ClientAuth.OPTIONAL,
                        new TlsSettings.TrustStore(pki.trustStore(), pki.password().toCharArray())));
        assertThat(request(connect(pki.sslContext(null), port))).isEqualTo("none");
        assertThat(request(connect(pki.sslContext(clientStore), port))).startsWith("vasp-1,");
    }

    @Test
    void aListenerLimitedToTls13RefusesATls12Client() throws Exception {
        int port = start(TlsSettings.of(pki.serverKeyStore("gw", "ip:127.0.0.1"), pki.password().toCharArray())
                .withProtocols("TLSv1.3"));
        assertThatThrownBy(() -> connect(pki.sslContext(null), port, "TLSv1.2"))
                .isInstanceOf(SSLHandshakeException.class);
        try (SSLSocket ok = connect(pki.sslContext(null), port, "TLSv1.3", "TLSv1.2")) {
            assertThat(ok.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void startTlsWithRequiredClientCertificates() throws Exception {
        TlsSettings tls = TlsSettings.of(pki.serverKeyStore("mx", "ip:127.0.0.1"), pki.password().toCharArray())
                .withClientAuth(TlsSettings.ClientAuth.REQUIRED,
                        new TlsSettings.TrustStore(pki.trustStore(), pki.password().toCharArray()));
        try (SmtpTestServer server = SmtpTestServer.accepting(
                SmtpServerSettings.defaults("mx.test", 1 << 20).withStartTls(tls))) {
            try (SmtpTestServer.RawClient c = new SmtpTestServer.RawClient(server.port())) {
                c.reply();
                assertThat(c.command("EHLO peer.example.net")).contains("STARTTLS");
                assertThat(c.command("STARTTLS")).startsWith("220");
                c.startTls(pki.sslContext(clientStore));
                assertThat(c.command("EHLO peer.example.net")).startsWith("250");
                c.startData();
                assertThat(c.command("hello\r\n.")).startsWith("250");
            }
            assertThat(server.next().tls()).isTrue();

            try (SmtpTestServer.RawClient c = new SmtpTestServer.RawClient(server.port())) {
                c.reply();
                c.command("EHLO anonymous.example.net");
                assertThat(c.command("STARTTLS")).startsWith("220");
                assertThatThrownBy(() -> {
                    c.startTls(pki.sslContext(null));
                    c.command("EHLO anonymous.example.net");
                }).isInstanceOf(IOException.class);
            }
            assertThat(server.received).isEmpty();
        }
    }
}
