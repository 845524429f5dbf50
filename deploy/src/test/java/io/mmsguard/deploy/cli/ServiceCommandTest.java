package io.mmsguard.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mmsguard streams|gateway|notifier} before a service starts: configuration and the startup probe. */
class ServiceCommandTest {
    private final CliRun run = new CliRun();

    @TempDir
    Path dir;

    @Test
    void aBadValueExitsTwoNamingTheKey() throws IOException {
        Path yaml = yaml("""
                kafka: {bootstrap.servers: "127.0.0.1:9"}
                serde: {schema.registry.url: "http://127.0.0.1:9"}
                inspection: {threads: 0}
                """);

        assertThat(run.execute("streams", "--config", yaml.toString())).isEqualTo(2);

        assertThat(run.err().lines()).singleElement().satisfies(l -> assertThat(l)
                .startsWith("mmsguard streams: configuration error:").contains("inspection.threads"));
    }

    @Test
    void aMissingRequiredKeyExitsTwoNamingIt() throws IOException {
        Path yaml = yaml("""
                kafka: {bootstrap.servers: "127.0.0.1:9"}
                serde: {schema.registry.url: "http://127.0.0.1:9"}
                """);

        assertThat(run.execute("gateway", "--config", yaml.toString())).isEqualTo(2);

        assertThat(run.err()).contains("mmsguard gateway: configuration error:", "mm1.upstream");
    }

    @Test
    void aTypoExitsTwoNamingEveryUnknownKeyWithItsLine() throws IOException {
        Path yaml = yaml("""
                kafka: {bootstrap.servers: "127.0.0.1:9"}
                serde: {schema.registry.url: "http://127.0.0.1:9"}
                gateway:
                  decision-timout: 5s
                mm1:
                  upstream: http://127.0.0.1:9/mms
                  hostname: gw.example.org
                """);

        assertThat(run.execute("gateway", "--config", yaml.toString())).isEqualTo(2);

        assertThat(run.err().lines()).containsExactly(
                "mmsguard gateway: configuration error: " + yaml + ":4: unknown key \"gateway.decision-timout\" (did"
                        + " you mean \"gateway.decision-timeout\"?)",
                "mmsguard gateway: configuration error: " + yaml + ":7: unknown key \"mm1.hostname\" (hostname is a"
                        + " key of mm3, mm4, not of mm1)");
    }

    @Test
    void anAdminPortOffLoopbackWithoutATokenExitsTwoNamingTheKeys() throws IOException {
        Path yaml = yaml("""
                kafka: {bootstrap.servers: "127.0.0.1:9"}
                serde: {schema.registry.url: "http://127.0.0.1:9"}
                inspection:
                  http-host: 0.0.0.0
                """);

        assertThat(run.execute("streams", "--config", yaml.toString())).isEqualTo(2);

        assertThat(run.err()).contains("mmsguard streams: configuration error:", "inspection.http-host is 0.0.0.0",
                "admin.token-file", "admin.auth: none");
    }

    @Test
    void anUnreadableConfigFileExitsTwo() {
        assertThat(run.execute("notifier", "--config", dir.resolve("missing.yaml").toString())).isEqualTo(2);

        assertThat(run.err()).contains("mmsguard notifier: configuration error:", "missing.yaml");
    }

    @Test
    void unreachableKafkaExitsThreeWithOneClearLine() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path yaml = yaml("""
                kafka: {bootstrap.servers: "127.0.0.1:%d"}
                serde: {schema.registry.url: "http://127.0.0.1:%d"}
                notifier: {state-dir: "%s"}
                """.formatted(port, port, dir.resolve("state")));

        assertThat(run.execute("notifier", "--config", yaml.toString(), "--probe-timeout-ms", "300")).isEqualTo(3);

        assertThat(run.err().lines()).singleElement().satisfies(l -> assertThat(l)
                .startsWith("mmsguard notifier: Kafka at 127.0.0.1:" + port).contains("did not answer"));
    }

    @Test
    void helpListsTheKeysTheDocAndTheExitCodes() {
        assertThat(run.execute("gateway", "--help")).isZero();

        String help = run.out().replaceAll("\\s+", " ");
        assertThat(help).contains("--config=FILE", "docs/configuration.md", "\"Ingress gateway\"", "mm1.upstream:",
                "gateway.decision-timeout (5s):", "mm7.vasp.<vasp-id>:", "kafka.bootstrap.servers",
                "Exit codes: 0 clean stop", "3 Kafka or the schema registry unreachable");
    }

    private Path yaml(String text) throws IOException {
        return Files.writeString(dir.resolve("config.yaml"), text);
    }
}
