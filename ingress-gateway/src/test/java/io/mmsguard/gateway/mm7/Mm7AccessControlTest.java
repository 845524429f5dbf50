package io.mmsguard.gateway.mm7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.avro.Decision;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Verdict;
import io.mmsguard.codec.mm7.Mm7Decoder;
import io.mmsguard.codec.mm7.Mm7Encoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Operation;
import io.mmsguard.codec.mm7.Mm7Responses;
import io.mmsguard.codec.mm7.Mm7StatusCode;
import io.mmsguard.gateway.FakeInspector;
import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.gateway.GatewayContext;
import io.mmsguard.gateway.GatewayListeners;
import io.mmsguard.gateway.StubMmsc;
import io.mmsguard.gateway.http.NettyUpstream;
import io.mmsguard.gateway.http.UpstreamSettings;
import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.gateway.session.PendingSessions;
import io.mmsguard.gateway.session.ProfileView;
import io.mmsguard.gateway.session.SessionOutcome;
import io.mmsguard.service.ConfigException;
import io.mmsguard.service.Settings;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import io.mmsguard.testkit.tls.TestPki;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MM7 access control (docs/security.md "MM7 access control") through the gateway's configuration and its real
 * listeners: what refuses to start, and what a client gets over a socket bound to a chosen 127.0.0.x source address.
 */
class Mm7AccessControlTest {
    private static final String PASSWORD = "tnn-7Qe9x-vasp-pass";
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    private final FakeInspector inspector = new FakeInspector();
    private final Mm7Decoder decoder = new Mm7Decoder();
    private SimpleMeterRegistry meters;
    /** When set, requests go over TLS with this context (its client certificate). */
    private javax.net.ssl.SSLContext tlsClient;
    private StubMmsc stub;
    private GatewayListeners gateway;

    @TempDir
    Path dir;

    @BeforeEach
    void stub() throws Exception {
        stub = StubMmsc.start();
        stub.respond("/mm7", r -> soap(Mm7Responses.submitRsp(decoder.decode(r.body(), r.header("Content-Type")),
                Mm7StatusCode.SUCCESS, "mmsc-msg-1")));
        stub.respond("/vasp", r -> soap(Mm7Responses.deliverRsp(decoder.decode(r.body(), r.header("Content-Type")),
                Mm7StatusCode.SUCCESS, "svc-1")));
        inspector.answer(e -> new SessionOutcome.Decided(Decision.newBuilder().setSessionId("s")
                .setGatewayId("gw-test").setVerdict(Verdict.PASS).setReason(Reason.NONE)
                .setDecidedAt(Instant.now()).setProfile("default").build()));
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        stub.close();
    }

    // ---- refusal to start -----------------------------------------------------------------------------------------

    @Test
    void mm7WithoutAVaspDoesNotStart() {
        assertThatThrownBy(() -> config(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mm7.vasp.<vasp-id>").hasMessageContaining("mm7.auth: none");
    }

    @Test
    void mm7AuthNoneIsTheExplicitOptOut() throws Exception {
        start(Map.of("mm7.auth", "none", "mm7.deliver-path", "/vasp"));
        Answer answer = post("127.0.0.1", "/mm7", submit("tx-none", "tnn"), null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(decode(answer).status().code()).isEqualTo(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "change-me", "changeit", "password", "short-pw-1", "Change_Me_Now_2026",
            "aaaaaaaaaaaaaaaa", "my-long-PASSWORD"})
    void blankShortAndPlaceholderPasswordsDoNotStart(String password) {
        assertThatThrownBy(() -> config(Map.of("mm7.vasp.tnn", password))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mm7.vasp.tnn").satisfies(e -> {
                    if (password.length() >= 12) { // "password" is a word of the message itself
                        assertThat(e.getMessage()).doesNotContain(password);
                    }
                });
    }

    @Test
    void passwordsComeFromTheEnvironmentOrAFile() throws Exception {
        Path secret = Files.writeString(dir.resolve("tnn.password"), PASSWORD + "\n");
        Map<String, String> file = new HashMap<>(base());
        file.put("mm7.vasp.desk.password-file", secret.toString());
        // the file declares the entry blank, the Secret's variable fills it in (k8s, compose)
        file.put("mm7.vasp.news-vasp", "");
        Settings settings = Settings.load(Optional.of(yaml(file)),
                Map.of("MMSGUARD_MM7_VASP_NEWS_VASP", "other-" + PASSWORD), GatewayConfig.KEYS);
        startListeners(GatewayConfig.from(settings));

        assertThat(post("127.0.0.1", "/mm7", submit("tx-f", "desk"), basic("desk", PASSWORD)).status())
                .isEqualTo(200);
        assertThat(post("127.0.0.1", "/mm7", submit("tx-e", "news-vasp"), basic("news-vasp", "other-" + PASSWORD))
                .status()).isEqualTo(200);
        assertThat(post("127.0.0.1", "/mm7", submit("tx-x", "news-vasp"), basic("news-vasp", PASSWORD)).status())
                .isEqualTo(401);
    }

    @Test
    void theNestedFormAndTheShortFormAreOneVaspPasswordAndUnknownAttributesAreRefused() {
        assertThat(config(Map.of("mm7.vasp.tnn.password", PASSWORD)).mm7().orElseThrow().proxy().access().vasps())
                .containsOnlyKeys("tnn");
        assertThatThrownBy(() -> config(Map.of("mm7.vasp.tnn", PASSWORD, "mm7.vasp.tnn.password", PASSWORD)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("keep one");
        assertThatThrownBy(() -> config(Map.of("mm7.vasp.tnn.pasword", PASSWORD)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mm7.vasp.tnn.pasword")
                .hasMessageContaining(".password-file, .certificate");
        assertThatThrownBy(() -> config(Map.of("mm7.auth", "none", "mm7.vasp.tnn", PASSWORD)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mm7.auth");
    }

    // ---- the VASP leg ---------------------------------------------------------------------------------------------

    @Test
    void aVaspAuthenticatedAsOneVaspCannotSubmitAsAnother() throws Exception {
        start(Map.of("mm7.vasp.tnn", PASSWORD, "mm7.vasp.desk", "desk-" + PASSWORD));
        Answer asOther = post("127.0.0.1", "/mm7", submit("tx-b", "desk"), basic("tnn", PASSWORD));
        assertThat(asOther.status()).isEqualTo(401);
        assertThat(decode(asOther).status().code()).isEqualTo(4001);
        assertThat(post("127.0.0.1", "/mm7", submit("tx-a", "tnn"), basic("tnn", PASSWORD)).status())
                .isEqualTo(200);
        assertThat(stub.received()).hasSize(1);
        assertThat(inspector.single().getTransport().getMm7VaspId()).isEqualTo("tnn");
    }

    @Test
    void failuresBackOffPerSourceAddressSoTheVaspElsewhereIsServedAtOnce() throws Exception {
        // A back-off of an hour: the test never depends on how fast it runs.
        start(Map.of("mm7.vasp.tnn", PASSWORD, "mm7.auth-backoff", "1h", "mm7.auth-backoff-max", "4h"));
        Answer wrong = post("127.0.0.2", "/mm7", submit("tx-w", "tnn"), basic("tnn", "guess-" + PASSWORD));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.headers()).containsEntry("retry-after", "3600");

        // from the attacker's address, even the right password is refused unchecked, with the failure's answer
        Answer blocked = post("127.0.0.2", "/mm7", submit("tx-r", "tnn"), basic("tnn", PASSWORD));
        assertThat(blocked.status()).isEqualTo(401);
        assertThat(blocked.headers()).containsKey("retry-after").containsKey("www-authenticate");
        assertThat(decode(blocked).status().code()).isEqualTo(4001);
        assertThat(decode(blocked).transactionId()).isEqualTo("tx-r");

        // the VASP from its own address is not held up
        Answer vasp = post("127.0.0.1", "/mm7", submit("tx-ok", "tnn"), basic("tnn", PASSWORD));
        assertThat(vasp.status()).isEqualTo(200);
        assertThat(decode(vasp).status().code()).isEqualTo(1000);
        assertThat(vasp.headers()).doesNotContainKey("retry-after");
        assertThat(stub.received()).hasSize(1);

        assertThat(count("mmsguard.gateway.auth.failures")).isEqualTo(1.0);
        assertThat(count("mmsguard.gateway.auth.backoffs")).isEqualTo(1.0);
    }

    @Test
    void aVaspIdentifiedByItsClientCertificateIsBoundToThatVaspId() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        Map<String, String> tls = new HashMap<>(Map.of(
                "mm7.tls.key-store", pki.serverKeyStore("gateway", "ip:127.0.0.1").toString(),
                "mm7.tls.password", pki.password(), "mm7.tls.client-auth", "required",
                "mm7.tls.trust-store", pki.trustStore().toString(), "mm7.tls.trust-store-password", pki.password(),
                "mm7.vasp.tnn.certificate", "tnn.vasp.example"));
        start(tls);

        tlsClient = pki.sslContext(pki.clientKeyStore("tnn.vasp.example"));
        assertThat(post("127.0.0.1", "/mm7", submit("tx-c", "tnn"), null).status()).isEqualTo(200);
        assertThat(inspector.single().getTransport().getMm7VaspId()).isEqualTo("tnn");

        tlsClient = pki.sslContext(pki.clientKeyStore("desk.vasp.example"));
        Answer other = post("127.0.0.1", "/mm7", submit("tx-o", "tnn"), null);
        assertThat(other.status()).as("a certificate of another name is no credential for tnn").isEqualTo(401);
        assertThat(stub.received()).hasSize(1);
    }

    // ---- the deliver leg ------------------------------------------------------------------------------------------

    @Test
    void aDeliverPathWithoutAccessControlDoesNotStart() {
        assertThatThrownBy(() -> config(Map.of("mm7.vasp.tnn", PASSWORD, "mm7.vasp-upstream",
                stub.uri("/vasp").toString()))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mm7.deliver.allow");
    }

    @Test
    void theDeliverPathAcceptsOnlyTheMmscsAddresses() throws Exception {
        start(Map.of("mm7.vasp.tnn", PASSWORD, "mm7.vasp-upstream", stub.uri("/vasp").toString(),
                "mm7.deliver-path", "/vasp", "mm7.deliver.allow", "127.0.0.2/32"));
        Mm7HttpMessage deliver = new Mm7Encoder().encode(Mm7HandlerTest.deliverMessage("tx-d"));

        Answer elsewhere = post("127.0.0.1", "/vasp", deliver, null);
        assertThat(elsewhere.status()).isEqualTo(401);
        Mm7Message fault = decode(elsewhere);
        assertThat(fault.operation()).isEqualTo(Mm7Operation.VASP_ERROR_RSP);
        assertThat(fault.status().code()).isEqualTo(4001);
        assertThat(stub.received()).isEmpty();

        Answer mmsc = post("127.0.0.2", "/vasp", deliver, null);
        assertThat(mmsc.status()).isEqualTo(200);
        assertThat(stub.received()).singleElement().satisfies(r -> assertThat(r.uri().getPath()).isEqualTo("/vasp"));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private Map<String, String> base() {
        Map<String, String> s = new HashMap<>();
        s.put("kafka.bootstrap.servers", "127.0.0.1:9");
        s.put("serde.schema.registry.url", "http://127.0.0.1:9");
        s.put("gateway.id", "gw-test");
        s.put("mm1.enabled", "false");
        s.put("mm7.enabled", "true");
        s.put("mm7.listen", "127.0.0.1:0");
        s.put("mm7.upstream", stub.uri("/mm7").toString());
        return s;
    }

    private GatewayConfig config(Map<String, String> overrides) {
        Map<String, String> s = base();
        s.putAll(overrides);
        return GatewayConfig.from(Settings.of(s));
    }

    private void start(Map<String, String> overrides) throws Exception {
        startListeners(config(overrides));
    }

    private void startListeners(GatewayConfig config) throws Exception {
        meters = new SimpleMeterRegistry();
        GatewayMetrics metrics = new GatewayMetrics(meters);
        MmsProfile profile = MmsProfile.newBuilder().setName("default")
                .setMm7(InterfaceSettings.newBuilder().setFailOpen(false).build()).build();
        GatewayContext context = new GatewayContext(inspector, ProfileView.fixed(Map.of("default", profile)),
                new NettyUpstream(UpstreamSettings.defaults(Duration.ofSeconds(2), Duration.ofSeconds(10)), metrics),
                metrics);
        gateway = GatewayListeners.start(config, context, new PendingSessions(100));
    }

    /** A file as the YAML loader reads it, one flat key per line. */
    private Path yaml(Map<String, String> keys) throws Exception {
        StringBuilder text = new StringBuilder();
        keys.forEach((k, v) -> text.append(k).append(": \"").append(v).append("\"\n"));
        return Files.writeString(dir.resolve("gateway.yaml"), text);
    }

    private double count(String meter) {
        return meters.find(meter).tag("interface", "MM7").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    /** One HTTP/1.1 POST over a socket bound to {@code source}, read to the end (Connection: close). */
    private Answer post(String source, String path, Mm7HttpMessage message, String authorization) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", gateway.port("mm7")));
            socket.setSoTimeout((int) HANG_GUARD.toMillis());
            Socket wire = tlsClient == null ? socket
                    : tlsClient.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: gateway\r\n")
                    .append("Content-Type: ").append(message.contentType()).append("\r\n")
                    .append("SOAPAction: \"\"\r\nConnection: close\r\n")
                    .append("Content-Length: ").append(message.body().length).append("\r\n");
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            OutputStream out = wire.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(message.body());
            out.flush();
            InputStream in = wire.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return parse(all.toByteArray());
        }
    }

    private static Answer parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1)
                    .trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
    }

    private Mm7Message decode(Answer answer) {
        return decoder.decode(answer.body(), answer.headers().get("content-type"));
    }

    private static Mm7HttpMessage submit(String transactionId, String vaspId) {
        return new Mm7Encoder().encode(Mm7HandlerTest.submitMessage(transactionId, vaspId));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static StubMmsc.Response soap(Mm7Message message) {
        Mm7HttpMessage m = new Mm7Encoder().encode(message);
        return new StubMmsc.Response(200, m.contentType(), m.body());
    }
}
