package io.mmsguard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.mmsguard.gateway.session.BufferedBytes;
import io.mmsguard.service.ConfigException;
import io.mmsguard.service.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {
    private static final String ALL_LISTENERS = """
            kafka: {bootstrap.servers: "k:9092"}
            serde: {schema.registry.url: "http://r:8081"}
            mm1: {upstream: "http://mmsc:8002/mms"}
            mm7: {enabled: true, upstream: "http://mmsc:8003/mm7", vasp: {tnn: "tnn-7Qe9x-vasp-pass"}}
            mm3: {enabled: true, upstream: "mmsc:25", local-domains: "mms.mnc010.mcc234.gprs"}
            mm4: {enabled: true, upstream: "mmsc:26", system-address: "system@mms.example.org", peers: {a: {domains: "mms.example.net", networks: "10.0.0.0/8"}}}
            """;

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        return Files.writeString(dir.resolve("gateway.yaml"), text);
    }

    private static GatewayConfig load(Path file, Map<String, String> env) {
        return GatewayConfig.from(Settings.load(Optional.of(file), env, GatewayConfig.KEYS));
    }

    private static Map<String, String> base() {
        Map<String, String> m = new HashMap<>();
        m.put("kafka.bootstrap.servers", "k:9092");
        m.put("serde.schema.registry.url", "http://r:8081");
        m.put("mm1.upstream", "http://mmsc:8002/mms");
        return m;
    }

    @Test
    void theOrdinalOwnsItsBlockOfReplyPartitions() {
        Map<String, String> m = base();
        m.put("gateway.ordinal", "2");
        m.put("gateway.partitions-per-gateway", "2");

        assertThat(GatewayConfig.from(Settings.of(m)).replyPartitions()).containsExactly(4, 5);
    }

    @Test
    void explicitReplyPartitionsWin() {
        Map<String, String> m = base();
        m.put("gateway.ordinal", "2");
        m.put("gateway.reply-partitions", "7, 9");

        assertThat(GatewayConfig.from(Settings.of(m)).replyPartitions()).containsExactly(7, 9);
    }

    @Test
    void msisdnHeadersAreTrustedFromNoOneByDefaultAndFromTheConfiguredBlocksFromFileOrEnvironment() throws Exception {
        GatewayConfig defaults = GatewayConfig.from(Settings.of(base()));
        assertThat(defaults.mm1().orElseThrow().proxy().msisdnTrustedProxies().isEmpty()).isTrue();

        GatewayConfig c = load(yaml(ALL_LISTENERS),
                Map.of("MMSGUARD_MM1_MSISDN_TRUSTED_PROXIES", "10.20.0.0/16, 192.0.2.7",
                        "MMSGUARD_MM7_MSISDN_TRUSTED_PROXIES", "fd00::/8"));
        assertThat(c.mm1().orElseThrow().proxy().msisdnTrustedProxies()
                .trusts(java.net.InetAddress.getByName("10.20.3.4"))).isTrue();
        assertThat(c.mm1().orElseThrow().proxy().msisdnTrustedProxies()
                .trusts(java.net.InetAddress.getByName("10.21.3.4"))).isFalse();
        assertThat(c.mm7().orElseThrow().proxy().msisdnTrustedProxies()
                .trusts(java.net.InetAddress.getByName("fd00::9"))).isTrue();
    }

    @Test
    void aTrustedProxyThatIsNoAddressIsReportedByItsKey() {
        Map<String, String> m = base();
        m.put("mm1.msisdn.trusted-proxies", "10.0.0.0/8, wap-gateway.example");

        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(m))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mm1.msisdn.trusted-proxies").hasMessageContaining("wap-gateway.example");
    }

    @Test
    void aPendingBytesBudgetSmallerThanOneLargestMessageAndTwoReadsIsRefusedAndTheDefaultIsNeverSmaller() {
        Map<String, String> m = base();
        m.put("mm1.max-body-bytes", "1000000");
        m.put("mm1.max-header-bytes", "8192");
        long minimum = 1_008_192 + 2L * BufferedBytes.READ_BYTES;
        m.put("gateway.max-pending-bytes", Long.toString(minimum - 1));
        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(m))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.max-pending-bytes").hasMessageContaining("must be at least " + minimum);

        m.put("gateway.max-pending-bytes", Long.toString(minimum));
        GatewayConfig c = GatewayConfig.from(Settings.of(m));
        assertThat(c.maxPendingBytes()).isEqualTo(minimum);
        assertThat(c.largestMessageBytes()).isEqualTo(1_008_192);
        m.remove("gateway.max-pending-bytes");
        assertThat(GatewayConfig.from(Settings.of(m)).maxPendingBytes())
                .isEqualTo(Math.max(Runtime.getRuntime().maxMemory() / 8, minimum));
    }

    @Test
    void defaultsAreFailSafe() {
        GatewayConfig c = GatewayConfig.from(Settings.of(base()));

        assertThat(c.replyPartitions()).containsExactly(0);
        assertThat(c.decisionTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.mm1()).hasValueSatisfying(l -> {
            assertThat(l.listener().port()).isEqualTo(8080);
            assertThat(l.listener().tls()).isEmpty();
            assertThat(l.proxy().retrieveUpstream()).isEqualTo(l.proxy().upstream());
        });
        assertThat(c.mm7()).isEmpty();
    }

    @Test
    void mm7VaspCredentialsComeFromTheirOwnPrefix() {
        Map<String, String> m = base();
        m.put("mm7.enabled", "true");
        m.put("mm7.upstream", "http://mmsc:8003/mm7");
        m.put("mm7.vasp.news", "news-7Qe9x-vasp-pass");

        assertThat(GatewayConfig.from(Settings.of(m)).mm7()).hasValueSatisfying(l ->
                assertThat(l.proxy().access().vasps().get("news").password()).contains("news-7Qe9x-vasp-pass"));
    }

    @Test
    void missingKafkaOrUpstreamIsAConfigError() {
        Map<String, String> m = base();
        m.remove("mm1.upstream");
        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(m))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mm1.upstream");
        Map<String, String> n = base();
        n.remove("kafka.bootstrap.servers");
        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(n))).hasMessageContaining("kafka.bootstrap.servers");
    }

    @Test
    void aTypoFailsWithItsLine() throws IOException {
        Path file = yaml(ALL_LISTENERS + "gateway:\n  decision-timout: 5s\n");

        assertThatThrownBy(() -> load(file, Map.of())).isInstanceOf(ConfigException.class).hasMessage(file
                + ":8: unknown key \"gateway.decision-timout\" (did you mean \"gateway.decision-timeout\"?)");
    }

    @Test
    void keysThatMeanNothingForTheListenerKindAreRefusedAllAtOnce() throws IOException {
        Path file = yaml(ALL_LISTENERS + """
                mm1.hostname: gw.example.org
                mm3.system-address: system@mms.example.org
                mm3.max-header-bytes: 8192
                mm4.vasp: {news: s3cret}
                mm7.starttls.key-store: /etc/mmsguard/mm7.p12
                """);

        assertThatThrownBy(() -> load(file, Map.of())).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).containsExactly(
                        file + ":7: unknown key \"mm1.hostname\" (hostname is a key of mm3, mm4, not of mm1)",
                        file + ":8: unknown key \"mm3.system-address\" (system-address is a key of mm4, not of mm3)",
                        file + ":9: unknown key \"mm3.max-header-bytes\" (max-header-bytes is a key of mm1, mm7, not of"
                                + " mm3)",
                        file + ":10: unknown key \"mm4.vasp.news\" (vasp.<vasp-id> is a key of mm7, not of mm4)",
                        file + ":11: unknown key \"mm7.starttls.key-store\" (starttls.key-store is a key of mm3, mm4,"
                                + " not of mm7)"));
    }

    @Test
    void theEnvironmentSetsListenerAndMapLikeKeys() throws IOException {
        GatewayConfig c = load(yaml(ALL_LISTENERS), Map.of("MMSGUARD_MM3_MAX_RECIPIENTS", "5",
                "MMSGUARD_MM1_IDLE_TIMEOUT", "10s", "MMSGUARD_MM7_VASP_NEWS_DESK", "desk-7Qe9x-vasp-pass",
                "MMSGUARD_MM4_PEERS_A_DOMAINS", "mms.mnc006.mcc260.gprs"));

        assertThat(c.mm3()).hasValueSatisfying(l -> assertThat(l.smtp().maxRecipients()).isEqualTo(5));
        assertThat(c.mm1()).hasValueSatisfying(l ->
                assertThat(l.listener().idleTimeout()).isEqualTo(Duration.ofSeconds(10)));
        assertThat(c.mm7()).hasValueSatisfying(l ->
                assertThat(l.proxy().access().vasps()).containsOnlyKeys("tnn", "news-desk"));
        assertThat(c.mm4()).hasValueSatisfying(l -> assertThat(l.mm4().orElseThrow().peers().all())
                .singleElement().satisfies(p -> assertThat(p.domains()).containsExactly("mms.mnc006.mcc260.gprs")));
    }

    /** Issue 17: MM3 is no open relay and MM4 has configured peers, else the gateway does not start. */
    @Test
    void smtpListenersWithoutAccessControlRefuseToStart() throws IOException {
        Path noDomains = yaml(ALL_LISTENERS.replace(", local-domains: \"mms.mnc010.mcc234.gprs\"", ""));
        assertThatThrownBy(() -> load(noDomains, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mm3.local-domains: is required with mm3.enabled");
        Path noPeers = yaml(ALL_LISTENERS.replace(", peers: {a: {domains: \"mms.example.net\", networks: "
                + "\"10.0.0.0/8\"}}", ""));
        assertThatThrownBy(() -> load(noPeers, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mm4.peers: is required with mm4.enabled");
        assertThat(load(noPeers, Map.of("MMSGUARD_MM4_PEERS", "any")).mm4().orElseThrow().mm4().orElseThrow()
                .peers().any()).isTrue();
        assertThatThrownBy(() -> load(noPeers, Map.of("MMSGUARD_MM4_PEER_MMS_B_EXAMPLE", "mmsc-b:26")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mm4.peer.mms.b.example: is replaced by MM4 peers")
                .hasMessageContaining("mm4.peers.<name>.response-address: mmsc-b:26");
        assertThatThrownBy(() -> load(yaml(ALL_LISTENERS), Map.of("MMSGUARD_MM3_REQUIRE_TLS", "true")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mm3.require-tls: needs a TLS key store");
        Path password = Files.writeString(dir.resolve("alice.password"), "correct horse battery\n");
        String withAlice = ALL_LISTENERS.replace("local-domains: \"mms.mnc010.mcc234.gprs\"",
                "local-domains: \"mms.mnc010.mcc234.gprs\", auth: {user: {alice: {password-file: \"" + password + "\"}}}");
        assertThat(withAlice).isNotEqualTo(ALL_LISTENERS);
        assertThatThrownBy(() -> load(yaml(withAlice), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AUTH is offered only under TLS");
        assertThatThrownBy(() -> load(yaml(ALL_LISTENERS), Map.of("MMSGUARD_MM3_AUTH_USER_ALICE_PASSWORD", "s3cret")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mm3.auth.user.alice.password: the password of SMTP user alice is shorter");
        assertThatThrownBy(() -> load(yaml(ALL_LISTENERS),
                Map.of("MMSGUARD_MM3_AUTH_USER_ALICE", "env:MMSGUARD_SECRET_MM3_ALICE")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("looks like a reference, not a password");
    }

    @Test
    void aVariableThatNamesNoKeyIsRefused() throws IOException {
        Path file = yaml(ALL_LISTENERS);

        assertThatThrownBy(() -> load(file, Map.of("MMSGUARD_MM1_UPSTREEM", "http://other/mms")))
                .isInstanceOf(ConfigException.class).hasMessage("environment variable MMSGUARD_MM1_UPSTREEM names no"
                        + " key (did you mean MMSGUARD_MM1_UPSTREAM?)");
    }

    @Test
    void aBadValueNamesItsLine() throws IOException {
        Path file = yaml(ALL_LISTENERS + "mm7.listen: 0.0.0.0\n");

        assertThatThrownBy(() -> load(file, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":7: mm7.listen: must be host:port, not 0.0.0.0");
    }

    @Test
    void upstreamPoolLimitsComeFromTheirKeysAndMustBePositive() {
        Map<String, String> m = base();
        m.put("gateway.upstream-max-connections", "8");
        m.put("gateway.upstream-max-waiting", "0");
        m.put("gateway.upstream-idle-timeout", "5s");
        m.put("gateway.upstream-max-response-bytes", "1000");

        var upstream = GatewayConfig.from(Settings.of(m)).upstream();
        assertThat(upstream.maxConnections()).isEqualTo(8);
        assertThat(upstream.maxWaiting()).isZero();
        assertThat(upstream.idleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(upstream.maxResponseBytes()).isEqualTo(1000);
        assertThat(upstream.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(upstream.responseTimeout()).isEqualTo(Duration.ofSeconds(60));

        m.put("gateway.upstream-max-connections", "0");
        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(m))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.upstream-");
    }

    @Test
    void bareNewlinesAreRefusedUnlessAListenerSaysNormaliseAndAnyOtherValueNamesItsLine() throws IOException {
        GatewayConfig c = load(yaml(ALL_LISTENERS), Map.of("MMSGUARD_MM4_BARE_NEWLINES", "normalise"));

        assertThat(c.mm3()).hasValueSatisfying(l ->
                assertThat(l.smtp().bareNewlines()).isEqualTo(io.mmsguard.gateway.smtp.BareNewlines.REFUSE));
        assertThat(c.mm4()).hasValueSatisfying(l ->
                assertThat(l.smtp().bareNewlines()).isEqualTo(io.mmsguard.gateway.smtp.BareNewlines.NORMALISE));

        Path file = yaml(ALL_LISTENERS + "mm3.bare-newlines: accept\n");
        assertThatThrownBy(() -> load(file, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":7: mm3.bare-newlines: must be refuse or normalise, not accept");
    }

    @Test
    void everyListenerHasAPerAddressCapAndHttpOnesAHeadDeadlineTheTrustedProxiesAreExemptFrom() throws Exception {
        GatewayConfig c = load(yaml(ALL_LISTENERS), Map.of("MMSGUARD_MM1_MSISDN_TRUSTED_PROXIES", "10.20.0.0/16",
                "MMSGUARD_MM4_MAX_CONNECTIONS_PER_ADDRESS", "32"));
        var mm1 = c.mm1().orElseThrow().listener();
        assertThat(mm1.headDeadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(mm1.requestDeadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(mm1.maxConnectionsPerAddress()).isEqualTo(256);
        assertThat(mm1.perAddressExempt().trusts(java.net.InetAddress.getByName("10.20.3.4"))).isTrue();
        assertThat(c.mm7().orElseThrow().listener().perAddressExempt().isEmpty()).isTrue();
        assertThat(c.mm3().orElseThrow().listener().maxConnectionsPerAddress()).isEqualTo(256);
        assertThat(c.mm4().orElseThrow().listener().maxConnectionsPerAddress()).isEqualTo(32);
        assertThat(c.mm4().orElseThrow().listener().perAddressExempt().isEmpty()).isTrue();
    }

    @Test
    void aHeadDeadlineBeyondTheRequestDeadlineOrAZeroCapIsReportedByItsKey() {
        Map<String, String> m = base();
        m.put("mm1.head-deadline", "40s");
        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(m))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mm1.head-deadline").hasMessageContaining("mm1.request-deadline");

        Map<String, String> shorter = base();
        shorter.put("mm1.request-deadline", "3s");
        assertThat(GatewayConfig.from(Settings.of(shorter)).mm1().orElseThrow().listener().headDeadline())
                .as("the default head deadline follows a shorter request deadline").isEqualTo(Duration.ofSeconds(3));

        Map<String, String> z = base();
        z.put("mm1.max-connections-per-address", "0");
        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(z))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mm1.max-connections-per-address");
    }
}
