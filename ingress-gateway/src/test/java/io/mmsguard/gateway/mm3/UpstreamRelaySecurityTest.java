package io.mmsguard.gateway.mm3;

import static io.mmsguard.gateway.mm3.SmtpTestKit.decided;
import static io.mmsguard.gateway.mm3.SmtpTestKit.h;
import static io.mmsguard.gateway.mm3.SmtpTestKit.mail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Verdict;
import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.gateway.GatewayListeners;
import io.mmsguard.gateway.session.PendingSessions;
import io.mmsguard.service.ConfigException;
import io.mmsguard.service.Settings;
import io.mmsguard.smtp.SmtpClient;
import io.mmsguard.smtp.SmtpReply;
import io.mmsguard.testkit.smtp.SmtpStub;
import io.mmsguard.testkit.tls.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: the gateway's MM3 relay to the MMSC under {@code mm3.upstream-tls: required} with AUTH, configured by its
 * keys and started as the gateway starts its listeners: the MMSC (the test-kit's SMTP stub with a certificate of a
 * test CA in {@code gateway.upstream-trust-store}) requires STARTTLS and AUTH and checks the credentials' bytes.
 */
class UpstreamRelaySecurityTest {
    private static final String PASSWORD = "relay-password-17";
    private static final String LOCAL = "mms.mnc010.mcc234.gprs";

    @TempDir
    static Path dir;
    private static TestPki pki;
    /** The upstream's key: a certificate for localhost from {@link #pki}. */
    private static SSLContext localhost;

    private final SmtpTestKit kit = new SmtpTestKit();
    private final ExecutorService clients = Executors.newFixedThreadPool(1);
    private SmtpStub mmsc;
    private GatewayListeners gateway;

    @BeforeAll
    static void certificates() {
        pki = TestPki.create(dir.resolve("ca"));
        localhost = TestPki.sslContext(pki.serverKeyStore("localhost", "dns:localhost"), pki.trustStore());
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (mmsc != null) {
            mmsc.close();
        }
        clients.shutdownNow();
    }

    private Map<String, String> settings(int mmscPort) throws Exception {
        Map<String, String> s = new HashMap<>();
        s.put("kafka.bootstrap.servers", "127.0.0.1:9");
        s.put("serde.schema.registry.url", "http://127.0.0.1:9");
        s.put("mm1.enabled", "false");
        s.put("mm3.enabled", "true");
        s.put("mm3.listen", "127.0.0.1:0");
        s.put("mm3.hostname", "gw.test");
        s.put("mm3.profile", "closed");
        s.put("mm3.local-domains", LOCAL);
        s.put("mm3.upstream", "localhost:" + mmscPort);
        s.put("mm3.upstream-tls", "required");
        s.put("mm3.upstream-user", "gateway");
        s.put("mm3.upstream-password-file", Files.writeString(dir.resolve("relay-password"), PASSWORD + "\n")
                .toString());
        s.put("gateway.upstream-trust-store", pki.trustStore().toString());
        s.put("gateway.upstream-trust-store-password", pki.password());
        return s;
    }

    private SmtpReply sendThroughTheGateway(Map<String, String> settings) throws Exception {
        gateway = GatewayListeners.start(GatewayConfig.from(Settings.of(settings, GatewayConfig.KEYS)), kit.context,
                new PendingSessions(100));
        kit.inspector.answer(decided(Verdict.PASS, Reason.NONE));
        byte[] message = mail("hello", h("From", "alice@example.org"), h("To", "+447700900456/TYPE=PLMN@" + LOCAL),
                h("Message-ID", "<relay-tls-1@example.org>"));
        return new SmtpClient(new InetSocketAddress("127.0.0.1", gateway.port("mm3")), "client.test",
                Duration.ofSeconds(10), Duration.ofSeconds(30), clients)
                .send("alice@example.org", List.of("+447700900456/TYPE=PLMN@" + LOCAL), message)
                .get(60, TimeUnit.SECONDS);
    }

    @Test
    void aPassedMessageIsRelayedOverStartTlsWithAuth() throws Exception {
        mmsc = SmtpStub.secured(new SmtpStub.Tls(localhost, false, Map.of("gateway", PASSWORD), "PLAIN LOGIN"));

        assertThat(sendThroughTheGateway(settings(mmsc.port())).code()).isEqualTo(250);

        SmtpStub.Received relayed = mmsc.next();
        assertThat(relayed.tls()).isTrue();
        assertThat(relayed.authUser()).isEqualTo("gateway");
        assertThat(relayed.commands()).startsWith("EHLO gw.test", "STARTTLS", "EHLO gw.test");
        assertThat(relayed.text()).contains("hello");
    }

    /** MM4's responses to a peer use the mm4 settings: a blocked forward's MM4_forward.RES goes over TLS with AUTH. */
    @Test
    void anMm4ResponseGoesToThePeersResponseAddressOverStartTlsWithAuth() throws Exception {
        SmtpStub peer = SmtpStub.secured(new SmtpStub.Tls(localhost, false, Map.of("gateway", PASSWORD), "LOGIN"));
        mmsc = peer;
        Map<String, String> s = new HashMap<>();
        settings(0).forEach((key, value) -> s.put(key.startsWith("mm3.") ? key.replace("mm3.", "mm4.") : key, value));
        s.remove("mm4.local-domains");
        s.put("mm4.upstream", "localhost:" + peer.port()); // the MMSC gets nothing here: the forward is blocked
        s.put("mm4.system-address", "system-user@" + LOCAL);
        s.put("mm4.peers.loopback.networks", "127.0.0.0/8");
        s.put("mm4.peers.loopback.domains", "mms.mnc006.mcc260.gprs");
        s.put("mm4.peers.loopback.response-address", "localhost:" + peer.port());
        gateway = GatewayListeners.start(GatewayConfig.from(Settings.of(s, GatewayConfig.KEYS)), kit.context,
                new PendingSessions(100));
        kit.inspector.answer(decided(Verdict.BLOCK, Reason.VIRUS));

        SmtpReply reply = new SmtpClient(new InetSocketAddress("127.0.0.1", gateway.port("mm4")),
                "mms.mnc006.mcc260.gprs", Duration.ofSeconds(10), Duration.ofSeconds(30), clients)
                .send("+4917012345/TYPE=PLMN@mms.mnc006.mcc260.gprs", List.of("+447700900456/TYPE=PLMN@" + LOCAL),
                        SmtpTestKit.mm4Forward("+4917012345", "a virus", "tls-res-1"))
                .get(60, TimeUnit.SECONDS);

        assertThat(reply.code()).isEqualTo(250);
        SmtpStub.Received response = peer.next();
        assertThat(response.tls()).isTrue();
        assertThat(response.authUser()).isEqualTo("gateway");
        assertThat(response.text()).contains("MM4_forward.RES");
    }

    @Test
    void anMmscWithoutStartTlsGetsNothingAndTheClientATemporaryFailure() throws Exception {
        mmsc = SmtpStub.accepting();

        SmtpReply reply = sendThroughTheGateway(settings(mmsc.port()));

        assertThat(reply.code()).isEqualTo(451);
        assertThat(mmsc.received()).isEmpty();
    }

    @Test
    void credentialsWithoutRequiredOrImplicitTlsDoNotStart() throws Exception {
        Map<String, String> s = settings(25);
        s.put("mm3.upstream-tls", "opportunistic");
        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(s, GatewayConfig.KEYS)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mm3.upstream-tls")
                .hasMessageNotContaining(PASSWORD);
        s.remove("mm3.upstream-password-file");
        s.put("mm3.upstream-tls", "required");
        assertThatThrownBy(() -> GatewayConfig.from(Settings.of(s, GatewayConfig.KEYS)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mm3.upstream-password");
    }
}
