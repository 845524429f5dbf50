package io.mmsguard.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS to the registry with a private CA: trusted through schema.registry.ssl.truststore.*, refused without. */
class SchemaRegistryClientTlsTest {
    private static final String PASSWORD = "changeit";
    @TempDir
    Path dir;
    private HttpsServer server;
    private Path truststore;

    @BeforeEach
    void startHttpsServer() throws Exception {
        Path keystore = dir.resolve("server.p12");
        truststore = dir.resolve("trust.p12");
        Path cert = dir.resolve("server.crt");
        keytool("-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD);
        keytool("-exportcert", "-alias", "registry", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "registry-ca", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", truststore.toString(), "-storepass", PASSWORD);

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        server.createContext("/", exchange -> {
            byte[] body = "[\"over-tls\"]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void trustsTheRegistryThroughTheConfiguredTruststore() {
        SchemaRegistryClient client = SchemaRegistryClient.create(Map.of(
                "schema.registry.url", url(),
                "schema.registry.ssl.truststore.location", truststore.toString(),
                "schema.registry.ssl.truststore.password", PASSWORD,
                "schema.registry.ssl.truststore.type", "PKCS12"));
        assertThat(client.subjects()).containsExactly("over-tls");
    }

    @Test
    void refusesAnUntrustedCertificate() {
        SchemaRegistryClient client = SchemaRegistryClient.create(Map.of("schema.registry.url", url()));
        assertThatThrownBy(client::subjects).isInstanceOf(SchemaRegistryException.Unavailable.class);
    }

    @Test
    void aMissingTruststoreIsAConfigurationError() {
        assertThatThrownBy(() -> SchemaRegistryClient.create(Map.of("schema.registry.url", url(),
                "schema.registry.ssl.truststore.location", dir.resolve("absent.p12").toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLS");
    }

    private String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
