package io.mmsguard.testkit.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPkiTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    static Path server;

    @BeforeAll
    static void ca() {
        pki = TestPki.create(dir.resolve("pki"));
        server = pki.serverKeyStore("gw", "ip:127.0.0.1", "dns:localhost");
    }

    @Test
    void aServerCertificateIsSignedByTheCaAndVerifiedWithHostNameOverMutualTls() throws Exception {
        Path client = pki.clientKeyStore("vasp-1", "email:vasp@example.org");
        X509Certificate leaf = pki.certificate(server);
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(pki.caCertificate().getSubjectX500Principal());
        leaf.verify(pki.caCertificate().getPublicKey());

        try (SSLServerSocket listening = (SSLServerSocket) pki.sslContext(server).getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listening.setNeedClientAuth(true);
            CompletableFuture<String> peer = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listening.accept()) {
                    accepted.startHandshake();
                    String name = accepted.getSession().getPeerPrincipal().getName();
                    accepted.getOutputStream().write(1);
                    return name;
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            try (SSLSocket socket = (SSLSocket) pki.sslContext(client).getSocketFactory()
                    .createSocket("127.0.0.1", listening.getLocalPort())) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                assertThat(socket.getInputStream().read()).isEqualTo(1);
            }
            assertThat(peer.get(30, TimeUnit.SECONDS)).isEqualTo("CN=vasp-1");
        }
    }

    @Test
    void anotherPkiIsUntrusted() throws Exception {
        TestPki other = TestPki.create(dir.resolve("other"));
        Path stranger = other.serverKeyStore("stranger", "ip:127.0.0.1");
        try (SSLServerSocket listening = (SSLServerSocket) other.sslContext(stranger).getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listening.accept()) {
                    accepted.startHandshake();
                } catch (IOException expected) {
                    // the client refuses the certificate
                }
            });
            try (SSLSocket socket = (SSLSocket) pki.sslContext(null).getSocketFactory()
                    .createSocket("127.0.0.1", listening.getLocalPort())) {
                assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
            }
        }
    }

    @Test
    void reissuingReplacesTheKeyStoreWithANewSerial() {
        Path first = pki.serverKeyStore("reissued", "ip:127.0.0.1");
        X509Certificate before = pki.certificate(first);
        Path second = pki.serverKeyStore("reissued", "ip:127.0.0.1");
        assertThat(second).isEqualTo(first);
        assertThat(pki.certificate(second).getSerialNumber()).isNotEqualTo(before.getSerialNumber());
    }

    @Test
    void pemFilesAreReadByOpenssl() throws Exception {
        assertThat(Files.readString(pki.keyPem("gw"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(pki.certPem("gw")).split("BEGIN CERTIFICATE")).hasSize(3);
        assertThat(openssl("verify", "-CAfile", pki.caPem().toString(), pki.certPem("gw").toString()))
                .contains(": OK");
        assertThat(openssl("pkey", "-in", pki.keyPem("gw").toString(), "-noout")).isEmpty();
    }

    private static String openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out.trim();
    }
}
