package io.mmsguard.gateway.mm7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.avro.Decision;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.EndpointPrefix;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ResponseStatus;
import io.mmsguard.avro.Verdict;
import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mm7.Mm7Address;
import io.mmsguard.codec.mm7.Mm7ContentRef;
import io.mmsguard.codec.mm7.Mm7Decoder;
import io.mmsguard.codec.mm7.Mm7Encoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Namespace;
import io.mmsguard.codec.mm7.Mm7Operation;
import io.mmsguard.codec.mm7.Mm7Recipients;
import io.mmsguard.codec.mm7.Mm7Responses;
import io.mmsguard.codec.mm7.Mm7StatusCode;
import io.mmsguard.gateway.FakeInspector;
import io.mmsguard.gateway.GatewayContext;
import io.mmsguard.gateway.Mm7AccessSettings;
import io.mmsguard.gateway.Mm7Settings;
import io.mmsguard.gateway.LogCapture;
import io.mmsguard.gateway.ServerConnections;
import io.mmsguard.gateway.StubMmsc;
import io.mmsguard.gateway.http.HttpListener;
import io.mmsguard.gateway.http.ListenerSettings;
import io.mmsguard.gateway.http.NettyUpstream;
import io.mmsguard.gateway.http.TrustedProxies;
import io.mmsguard.gateway.http.UpstreamSettings;
import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.gateway.session.PendingSessions;
import io.mmsguard.gateway.session.ProfileView;
import io.mmsguard.gateway.session.SessionOutcome;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MM7 handler on a real listener, driven over loopback by the JDK HTTP client with SOAP bodies from the codec's
 * encoder, with a fake inspector deciding and the stub MMSC (and VASP) upstream.
 */
class Mm7HandlerTest {
    private static final String NS = Mm7Namespace.REL_5_MM7_1_2;
    private static final byte[] GIF = "GIF89a-not-really-an-image".getBytes(StandardCharsets.US_ASCII);
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    private static EventLoopGroup boss;
    private static EventLoopGroup workers;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Mm7Decoder decoder = new Mm7Decoder();
    private final FakeInspector inspector = new FakeInspector();
    private final ServerConnections connections = new ServerConnections();
    private StubMmsc stub;
    private HttpListener listener;
    private SimpleMeterRegistry meters;

    @BeforeAll
    static void loops() {
        boss = new NioEventLoopGroup(1);
        workers = new NioEventLoopGroup(2);
    }

    @AfterAll
    static void stopLoops() {
        boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void stub() throws Exception {
        stub = StubMmsc.start();
        stub.respond("/mm7", r -> soapAnswer(Mm7Responses.submitRsp(decoder.decode(r.body(), r.header("Content-Type")),
                Mm7StatusCode.SUCCESS, "mmsc-msg-1")));
        stub.respond("/vasp", r -> soapAnswer(Mm7Responses.deliverRsp(decoder.decode(r.body(),
                r.header("Content-Type")), Mm7StatusCode.SUCCESS, "svc-1")));
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
        stub.close();
    }

    /**
     * Found by the fuzz run (docs/security.md): a VASP that closes its connection in the middle of its second request
     * failed the first, answered one, with an ERROR and a stack trace in the log.
     */
    @Test
    void aVaspClosingInTheMiddleOfItsSecondRequestClosesTheConnectionWithOneLineInTheLog() throws Exception {
        start("default", Map.of());
        inspector.answer(e -> decided(Verdict.PASS, Reason.NONE, null, null));
        Mm7HttpMessage submit = submitReq("tx-half", "vasp1");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes(("POST /mm7 HTTP/1.1\r\nHost: gw\r\nContent-Type: " + submit.contentType()
                + "\r\nContent-Length: " + submit.body().length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(submit.body());
        byte[] request = bytes.toByteArray();
        try (LogCapture log = new LogCapture(); java.net.Socket socket = new java.net.Socket("127.0.0.1",
                listener.port())) {
            socket.getOutputStream().write(request);
            java.io.InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 200");
            socket.getOutputStream().write(java.util.Arrays.copyOf(request, request.length / 2));
            socket.shutdownOutput();
            connections.awaitAllClosed();

            assertThat(log.text()).contains("connection closed: ").doesNotContain(" ERROR ").doesNotContain("\tat ");
        }
        assertThat(outcomes("error")).isZero();
    }

    // ---- pass, block, strip -------------------------------------------------------------------------------------

    @Test
    void passForwardsTheExactBytesAndRelaysTheMmscSubmitRsp() throws Exception {
        start("default", Map.of());
        inspector.answer(e -> decided(Verdict.PASS, Reason.NONE, null, null));
        Mm7HttpMessage submit = submitReq("tx-pass", "vasp1");

        HttpResponse<byte[]> rsp = post("/mm7", submit, Map.of("User-Agent", "vasp-test/1"));

        assertThat(rsp.statusCode()).isEqualTo(200);
        assertThat(stub.received()).hasSize(1);
        StubMmsc.Request forwarded = stub.received().get(0);
        assertThat(forwarded.uri().getPath()).isEqualTo("/mm7");
        assertThat(forwarded.body()).isEqualTo(submit.body());
        assertThat(forwarded.header("Content-Type")).isEqualTo(submit.contentType());
        assertThat(forwarded.header("SOAPAction")).isEqualTo("\"\"");
        Mm7Message answer = decode(rsp);
        assertThat(answer.operation()).isEqualTo(Mm7Operation.SUBMIT_RSP);
        assertThat(answer.status().code()).isEqualTo(1000);
        assertThat(answer.messageId()).isEqualTo("mmsc-msg-1");
        assertThat(answer.transactionId()).isEqualTo("tx-pass");

        MmsEnvelope e = inspector.single();
        assertThat(e.getMmsInterface()).isEqualTo(MmsInterface.MM7);
        assertThat(e.getDirection()).isEqualTo(Direction.SEND);
        assertThat(e.getMessageType()).isEqualTo("SubmitReq");
        assertThat(e.getTransactionId()).isEqualTo("tx-pass");
        assertThat(e.getSender()).isEqualTo("+4790000001");
        assertThat(e.getRecipients()).extracting(r -> r.getAddress()).containsExactly("+4790000002", "bob@example.com");
        assertThat(e.getSubject()).isEqualTo("Saturn");
        assertThat(e.getParts()).extracting(p -> p.getContentType()).containsExactly("text/plain", "image/gif");
        assertThat(e.getParts().get(1).getContent().remaining()).isEqualTo(GIF.length);
        assertThat(e.getOriginalSize()).isEqualTo(submit.body().length);
        assertThat(e.getContentType()).isEqualTo("multipart/related");
        assertThat(e.getProfile()).isEqualTo("default");
        assertThat(e.getTransport().getListener()).isEqualTo("mm7");
        assertThat(e.getTransport().getMm7VaspId()).isEqualTo("vasp1");
        assertThat(e.getTransport().getMm7VasId()).isEqualTo("news");
        assertThat(e.getTransport().getClientAddress()).isEqualTo("127.0.0.1");
        assertThat(e.getTransport().getHttpUserAgent()).isEqualTo("vasp-test/1");
        assertThat(e.getTransport().getMmsVersion()).isEqualTo("5.3.0");
        assertThat(outcomes("forwarded")).isEqualTo(1.0);
    }

    @Test
    void senderFallsBackToTheVaspIdAndTheMsisdnHeaderWinsWhenPresent() throws Exception {
        start("default", Map.of());
        inspector.answer(e -> decided(Verdict.PASS, Reason.NONE, null, null));
        Mm7Message noSender = submitMessage("tx-s1", "vasp1").toBuilder().senderAddress(null).build();
        post("/mm7", new Mm7Encoder().encode(noSender), Map.of());
        post("/mm7", submitReq("tx-s2", "vasp1"), Map.of("X-Up-Calling-Line-Id", "0047 900 00009"));

        assertThat(inspector.envelopes).extracting(MmsEnvelope::getSender).containsExactly("vasp1", "+4790000009");
        assertThat(inspector.envelopes.get(1).getTransport().getMsisdnHeaderName()).isEqualTo("x-up-calling-line-id");
        assertThat(inspector.envelopes.get(1).getSenderRaw()).isEqualTo("+4790000001");
    }

    @Test
    void theProfilesEndpointPrefixQualifiesANationalNumberFromTheMsisdnHeader() throws Exception {
        start("prefixed", Map.of());
        inspector.answer(e -> decided(Verdict.PASS, Reason.NONE, null, null));
        post("/mm7", submitReq("tx-p1", "vasp1"), Map.of("X-Up-Calling-Line-Id", "90000009"));
        post("/mm7", submitReq("tx-p2", "vasp1"), Map.of("X-Up-Calling-Line-Id", "1234"));

        assertThat(inspector.envelopes).extracting(MmsEnvelope::getSender)
                .containsExactly("+4790000009", "1234");
        assertThat(inspector.envelopes.get(0).getTransport().getMsisdnHeaderValue()).isEqualTo("90000009");
    }

    @Test
    void blockAnswersSubmitRspWithTheDecisionStatusAndContactsNoMmsc() throws Exception {
        start("default", Map.of());
        inspector.answer(e -> decided(Verdict.BLOCK, Reason.VIRUS, 2004, "Virus EICAR removed by policy"));

        HttpResponse<byte[]> rsp = post("/mm7", submitReq("tx-block", "vasp1"), Map.of());

        assertThat(rsp.statusCode()).isEqualTo(200);
        Mm7Message answer = decode(rsp);
        assertThat(answer.operation()).isEqualTo(Mm7Operation.SUBMIT_RSP);
        assertThat(answer.namespace()).isEqualTo(NS);
        assertThat(answer.transactionId()).isEqualTo("tx-block");
        assertThat(answer.status().code()).isEqualTo(2004);
        assertThat(answer.status().text()).isEqualTo("Virus EICAR removed by policy");
        assertThat(answer.messageId()).isNull();
        assertThat(stub.received()).isEmpty();
        assertThat(outcomes("blocked")).isEqualTo(1.0);
    }

    @Test
    void blockWithoutStatusUsesTheA13DefaultsAndAVendorCodeIsSentVerbatim() throws Exception {
        start("default", Map.of());
        inspector.answer(e -> decided(Verdict.BLOCK, Reason.ENDPOINT, null, null));
        Mm7Message endpoint = decode(post("/mm7", submitReq("tx-1", "vasp1"), Map.of()));
        inspector.answer(e -> decided(Verdict.BLOCK, Reason.MALFORMED, null, null));
        Mm7Message malformed = decode(post("/mm7", submitReq("tx-2", "vasp1"), Map.of()));
        inspector.answer(e -> decided(Verdict.BLOCK, Reason.BANNED_WORDS, 2569, "vendor says no"));
        Mm7Message vendor = decode(post("/mm7", submitReq("tx-3", "vasp1"), Map.of()));

        assertThat(endpoint.status().code()).isEqualTo(4007);
        assertThat(endpoint.status().text()).isEqualTo("Service denied");
        assertThat(malformed.status().code()).isEqualTo(2007);
        assertThat(vendor.status().code()).isEqualTo(2569);
        assertThat(vendor.status().text()).isEqualTo("vendor says no");
        assertThat(stub.received()).isEmpty();
    }

    @Test
    void stripForwardsTheRequestWithoutTheNamedPartsAndWithTheReplacementText() throws Exception {
        start("default", Map.of());
        inspector.answer(e -> decided(Verdict.STRIP, Reason.VIRUS, null, "The image was removed", List.of(1)));

        HttpResponse<byte[]> rsp = post("/mm7", submitReq("tx-strip", "vasp1"), Map.of());

        assertThat(decode(rsp).status().code()).isEqualTo(1000);
        assertThat(stub.received()).hasSize(1);
        StubMmsc.Request forwarded = stub.received().get(0);
        Mm7Message sent = decoder.decode(forwarded.body(), forwarded.header("Content-Type"));
        assertThat(sent.transactionId()).isEqualTo("tx-strip");
        assertThat(sent.allParts()).extracting(MessagePart::contentType).containsExactly("text/plain", "text/plain");
        assertThat(new String(sent.allParts().get(1).content(), StandardCharsets.UTF_8))
                .isEqualTo("The image was removed");
        assertThat(outcomes("stripped")).isEqualTo(1.0);
    }

    @Test
    void stripOfARequestTheCodecCannotReEncodeIsBlocked() throws Exception {
        start("default", Map.of());
        inspector.answer(e -> decided(Verdict.STRIP, Reason.VIRUS, null, "removed", List.of(1)));
        String soap = new String(new Mm7Encoder().encode(submitMessage("tx-x", "vasp1").toBuilder().content(List.of())
                .contentRef(null).build()).body(), StandardCharsets.UTF_8)
                .replace("<Subject>", "<DeliveryCondition><DC>1</DC></DeliveryCondition><Subject>");

        HttpResponse<byte[]> rsp = post("/mm7", new Mm7HttpMessage("text/xml; charset=utf-8",
                soap.getBytes(StandardCharsets.UTF_8)), Map.of());

        assertThat(decode(rsp).status().code()).isEqualTo(2004);
        assertThat(stub.received()).isEmpty();
    }

    // ---- authentication -----------------------------------------------------------------------------------------

    @Test
    void vaspsAuthenticateWithBasicAuthAsTheirVaspId() throws Exception {
        start("default", Map.of("vasp1", "s3cret", "vasp2", "other"));
        inspector.answer(e -> decided(Verdict.PASS, Reason.NONE, null, null));
        Mm7HttpMessage submit = submitReq("tx-auth", "vasp1");

        // the good one first: after the wrong one, vasp1 backs off from this address (Mm7AccessControlTest)
        HttpResponse<byte[]> good = post("/mm7", submit, Map.of("Authorization", basic("vasp1", "s3cret")));
        HttpResponse<byte[]> none = post("/mm7", submit, Map.of());
        HttpResponse<byte[]> wrong = post("/mm7", submit, Map.of("Authorization", basic("vasp1", "guess")));
        HttpResponse<byte[]> unknown = post("/mm7", submit, Map.of("Authorization", basic("nobody", "s3cret")));
        HttpResponse<byte[]> garbage = post("/mm7", submit, Map.of("Authorization", "Basic %%%"));
        HttpResponse<byte[]> otherVasp = post("/mm7", submit, Map.of("Authorization", basic("vasp2", "other")));

        for (HttpResponse<byte[]> r : List.of(none, wrong, unknown, garbage, otherVasp)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic realm=");
            Mm7Message fault = decode(r);
            assertThat(fault.operation()).isEqualTo(Mm7Operation.RS_ERROR_RSP);
            assertThat(fault.status().code()).isEqualTo(4001);
            assertThat(fault.transactionId()).isEqualTo("tx-auth");
        }
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(decode(good).status().code()).isEqualTo(1000);
        assertThat(stub.received()).hasSize(1);
        assertThat(inspector.envelopes).hasSize(1);
        assertThat(outcomes("denied")).isEqualTo(5.0);
    }

    @Test
    void aForgedVaspIdIsLoggedOnOneLineWithItsLineBreakEscaped() throws Exception {
        start("default", Map.of("vasp1", "s3cret"));
        Mm7HttpMessage forged = submitReq("tx-forge", "vasp2\n[main] INFO forged: VASP vasp2 authenticated");
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        HttpResponse<byte[]> r;
        System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            r = post("/mm7", forged, Map.of("Authorization", basic("vasp1", "s3cret")));
        } finally {
            System.setErr(stderr);
        }

        assertThat(decode(r).status().code()).isNotEqualTo(1000);
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("VASPID vasp2\\n[main] INFO forged: VASP vasp2 authenticated does not match")
                .doesNotContain("\n[main] INFO forged");
    }

    @Test
    void vaspAuthComparesPasswordsExactly() {
        VaspAuth auth = new VaspAuth(Mm7AccessSettings.passwords(Map.of("v", "pw")).vasps());
        assertThat(VaspAuth.basic(basic("v", "pw")).map(auth::checks)).contains(true);
        assertThat(VaspAuth.basic("basic " + Base64.getEncoder().encodeToString("v:pw".getBytes())).map(auth::checks))
                .contains(true);
        assertThat(VaspAuth.basic(basic("v", "pw ")).map(auth::checks)).contains(false);
        assertThat(VaspAuth.basic(basic("v", "p")).map(auth::checks)).contains(false);
        assertThat(VaspAuth.basic(basic("v", "")).map(auth::checks)).contains(false);
        assertThat(VaspAuth.basic(basic("V", "pw")).map(auth::checks)).contains(false);
        assertThat(VaspAuth.basic("Bearer x")).isEmpty();
        assertThat(VaspAuth.basic(null)).isEmpty();
        assertThat(VaspAuth.basic("Basic %%%")).isEmpty();
    }

    // ---- malformed input ----------------------------------------------------------------------------------------

    @Test
    void malformedXmlGetsAFaultWith2007AndReachesNeitherInspectionNorMmsc() throws Exception {
        start("default", Map.of());
        String broken = "<?xml version=\"1.0\"?><env:Envelope xmlns:env=\"" + Mm7Namespace.SOAP_ENV + "\"><env:Header>"
                + "<TransactionID xmlns=\"" + NS + "\">tx-broken</TransactionID></env:Header><env:Body>"
                + "<SubmitReq xmlns=\"" + NS + "\"><MM7Version>5.3.0</MM7Version></Subm";

        HttpResponse<byte[]> rsp = post("/mm7", xml(broken), Map.of());

        assertThat(rsp.statusCode()).isEqualTo(500);
        Mm7Message fault = decode(rsp);
        assertThat(fault.operation()).isEqualTo(Mm7Operation.RS_ERROR_RSP);
        assertThat(fault.status().code()).isEqualTo(2007);
        assertThat(fault.fault().faultCode()).endsWith("Client");
        assertThat(fault.namespace()).isEqualTo(NS);
        assertThat(fault.transactionId()).isEqualTo("tx-broken");
        assertThat(inspector.envelopes).isEmpty();
        assertThat(stub.received()).isEmpty();
        assertThat(outcomes("malformed")).isEqualTo(1.0);
    }

    @Test
    void anXxeAttemptGetsAFaultAndLeaksNothing(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        start("default", Map.of());
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-42");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<env:Envelope xmlns:env=\"" + Mm7Namespace.SOAP_ENV + "\"><env:Body><SubmitReq xmlns=\"" + NS
                + "\"><MM7Version>5.3.0</MM7Version><Subject>&x;</Subject></SubmitReq></env:Body></env:Envelope>";

        HttpResponse<byte[]> rsp = post("/mm7", xml(xxe), Map.of());

        assertThat(rsp.statusCode()).isEqualTo(500);
        assertThat(decode(rsp).status().code()).isEqualTo(2007);
        assertThat(new String(rsp.body(), StandardCharsets.UTF_8)).doesNotContain("TOP-SECRET");
        assertThat(inspector.envelopes).isEmpty();
        assertThat(stub.received()).isEmpty();
    }

    @Test
    void anUnknownOperationGets4003AndAnUnsupportedVersion4002() throws Exception {
        start("default", Map.of());
        String unknown = "<env:Envelope xmlns:env=\"" + Mm7Namespace.SOAP_ENV + "\"><env:Header><TransactionID xmlns=\""
                + NS + "\">tx-u</TransactionID></env:Header><env:Body><FrobnicateReq xmlns=\"" + NS
                + "\"><MM7Version>5.3.0</MM7Version></FrobnicateReq></env:Body></env:Envelope>";
        Mm7Message v9 = submitMessage("tx-v", "vasp1").toBuilder().mm7Version("9.0.0").build();

        HttpResponse<byte[]> op = post("/mm7", xml(unknown), Map.of());
        HttpResponse<byte[]> version = post("/mm7", new Mm7Encoder().encode(v9), Map.of());

        assertThat(op.statusCode()).isEqualTo(500);
        assertThat(decode(op).status().code()).isEqualTo(4003);
        assertThat(decode(op).transactionId()).isEqualTo("tx-u");
        assertThat(version.statusCode()).isEqualTo(500);
        assertThat(decode(version).status().code()).isEqualTo(4002);
        assertThat(inspector.envelopes).isEmpty();
        assertThat(stub.received()).isEmpty();
    }

    @Test
    void aGetIsRefusedWith405() throws Exception {
        start("default", Map.of());
        HttpResponse<byte[]> rsp = http.send(HttpRequest.newBuilder(uri("/mm7")).timeout(HANG_GUARD).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(rsp.statusCode()).isEqualTo(405);
        assertThat(rsp.headers().firstValue("Allow")).contains("POST");
    }

    /** Fuzz finding: a request target that is no valid URI failed the handler with a 500 and an ERROR. */
    @Test
    void aRequestTargetThatIsNoValidUriGets400AndReachesNeitherInspectionNorMmsc() throws Exception {
        start("default", Map.of());
        Mm7HttpMessage submit = submitReq("tx-target", "vasp1");
        for (String target : new String[] {"/m%7", "/%zz"}) {
            try (Socket socket = new Socket("127.0.0.1", listener.port())) {
                socket.setSoTimeout((int) HANG_GUARD.toMillis());
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + target + " HTTP/1.1\r\nHost: gw\r\nConnection: close\r\nSOAPAction: \"\"\r\n"
                        + "Content-Type: " + submit.contentType() + "\r\nContent-Length: " + submit.body().length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(submit.body());
                out.flush();
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(answer).as(target).startsWith("HTTP/1.1 400");
            }
        }
        assertThat(inspector.envelopes).isEmpty();
        assertThat(stub.received()).isEmpty();
    }

    // ---- no decision ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"timeout", "unavailable", "temporary-failure"})
    void failClosedAnswers4006AndForwardsNothing(String how) throws Exception {
        start("closed", Map.of());
        inspector.answer(e -> noDecision(how));

        HttpResponse<byte[]> rsp = post("/mm7", submitReq("tx-closed", "vasp1"), Map.of());

        assertThat(rsp.statusCode()).isEqualTo(200);
        Mm7Message answer = decode(rsp);
        assertThat(answer.operation()).isEqualTo(Mm7Operation.SUBMIT_RSP);
        assertThat(answer.status().code()).isEqualTo(4006);
        assertThat(answer.transactionId()).isEqualTo("tx-closed");
        assertThat(stub.received()).isEmpty();
        assertThat(outcomes("temporary-failure")).isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeout", "unavailable", "temporary-failure"})
    void failOpenForwardsTheOriginal(String how) throws Exception {
        start("open", Map.of());
        inspector.answer(e -> noDecision(how));
        Mm7HttpMessage submit = submitReq("tx-open", "vasp1");

        HttpResponse<byte[]> rsp = post("/mm7", submit, Map.of());

        assertThat(decode(rsp).status().code()).isEqualTo(1000);
        assertThat(stub.received()).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo(submit.body()));
        assertThat(outcomes("fail-open")).isEqualTo(1.0);
    }

    // ---- other operations, the MMSC side, failures -----------------------------------------------------------

    @Test
    void otherOperationsPassThroughUninspected() throws Exception {
        start("default", Map.of());
        stub.respond("/mm7", r -> new StubMmsc.Response(200, "text/xml; charset=utf-8",
                "<cancel-answer/>".getBytes(StandardCharsets.UTF_8)));
        Mm7Message cancel = Mm7Message.builder(Mm7Operation.CANCEL_REQ, NS).transactionId("tx-c").mm7Version("5.3.0")
                .vaspId("vasp1").messageId("mmsc-msg-1").build();
        Mm7HttpMessage encoded = new Mm7Encoder().encode(cancel);

        HttpResponse<byte[]> rsp = post("/mm7", encoded, Map.of());

        assertThat(rsp.statusCode()).isEqualTo(200);
        assertThat(new String(rsp.body(), StandardCharsets.UTF_8)).isEqualTo("<cancel-answer/>");
        assertThat(rsp.headers().firstValue("Content-Type")).contains("text/xml; charset=utf-8");
        assertThat(stub.received()).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo(encoded.body()));
        assertThat(inspector.envelopes).isEmpty();
    }

    @Test
    void aSubmitReqFromTheMmscIsOnTheWrongLegAndRefusedWith4003() throws Exception {
        start("default", Map.of());

        HttpResponse<byte[]> rsp = post("/vasp", submitReq("tx-wrong-leg", "vasp1"), Map.of());

        assertThat(rsp.statusCode()).isEqualTo(500);
        assertThat(decode(rsp).operation()).isEqualTo(Mm7Operation.VASP_ERROR_RSP);
        assertThat(decode(rsp).status().code()).isEqualTo(4003);
        assertThat(stub.received()).isEmpty();
        assertThat(inspector.envelopes).isEmpty();
        assertThat(outcomes("passed-through")).isZero();
    }

    @Test
    void aCancelReqCarryingAttachmentsIsRefusedAndNotRelayed() throws Exception {
        start("default", Map.of());
        Mm7Message cancel = Mm7Message.builder(Mm7Operation.CANCEL_REQ, NS).transactionId("tx-c-body")
                .mm7Version("5.3.0").vaspId("vasp1").messageId("mmsc-msg-1")
                .contentRef(Mm7ContentRef.cid("smuggled@vasp")).content(List.of(new MessagePart("image/gif", null,
                        "x.gif", "x.gif", null, GIF))).build();

        HttpResponse<byte[]> rsp = post("/mm7", new Mm7Encoder().encode(cancel), Map.of());

        assertThat(rsp.statusCode()).isEqualTo(500);
        assertThat(decode(rsp).status().code()).isEqualTo(4004);
        assertThat(stub.received()).isEmpty();
    }

    @Test
    void anMsisdnHeaderFromAPeerOutsideTheTrustedProxiesIsIgnoredCountedAndNotForwarded() throws Exception {
        start(new Mm7Settings(stub.uri("/mm7"), stub.uri("/vasp"), "/vasp", "default", 1 << 20, Mm7AccessSettings.NONE,
                TrustedProxies.parse("192.0.2.0/24")));
        inspector.answer(e -> decided(Verdict.PASS, Reason.NONE, null, null));

        post("/mm7", submitReq("tx-untrusted", "vasp1"), Map.of("X-Up-Calling-Line-Id", "0047 900 00009"));

        assertThat(inspector.single().getSender()).isEqualTo("+4790000001");
        assertThat(inspector.single().getTransport().getMsisdnHeaderName()).isNull();
        assertThat(stub.received()).singleElement()
                .satisfies(r -> assertThat(r.header("X-Up-Calling-Line-Id")).isNull());
        assertThat(meters.find("mmsguard.gateway.msisdn.untrusted").tag("interface", "MM7").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void aDeliverReqFromTheMmscIsInspectedAsDeliverAndGoesToTheVasp() throws Exception {
        start("default", Map.of("vasp1", "s3cret"));
        inspector.answer(e -> decided(Verdict.PASS, Reason.NONE, null, null));
        Mm7HttpMessage deliver = nokiaDeliverReq();

        HttpResponse<byte[]> rsp = post("/vasp", deliver, Map.of());

        assertThat(rsp.statusCode()).isEqualTo(200);
        Mm7Message answer = decode(rsp);
        assertThat(answer.operation()).isEqualTo(Mm7Operation.DELIVER_RSP);
        assertThat(answer.serviceCode()).isEqualTo("svc-1");
        assertThat(stub.received()).singleElement().satisfies(r -> {
            assertThat(r.uri().getPath()).isEqualTo("/vasp");
            assertThat(r.body()).isEqualTo(deliver.body());
        });
        MmsEnvelope e = inspector.single();
        assertThat(e.getDirection()).isEqualTo(Direction.DELIVER);
        assertThat(e.getMessageType()).isEqualTo("DeliverReq");
        assertThat(e.getSender()).isEqualTo("+3859100010010");
        assertThat(e.getRecipients()).extracting(r -> r.getAddress()).containsExactly("88888");
        assertThat(e.getSubject()).isEqualTo("Bomb");
        assertThat(e.getParts()).hasSize(2);
    }

    @Test
    void aBlockedDeliverReqGetsADeliverRspAndTheVaspNothing() throws Exception {
        start("default", Map.of());
        inspector.answer(e -> decided(Verdict.BLOCK, Reason.FILE_FILTER, null, "Blocked file"));
        Mm7HttpMessage deliver = nokiaDeliverReq();

        HttpResponse<byte[]> rsp = post("/vasp", deliver, Map.of());

        Mm7Message answer = decode(rsp);
        assertThat(answer.operation()).isEqualTo(Mm7Operation.DELIVER_RSP);
        assertThat(answer.namespace()).isEqualTo(Mm7Namespace.REL_6_MM7_1_4);
        assertThat(answer.transactionId()).isEqualTo("4E073C7AQ479306TW26785I371H3M1HA");
        assertThat(answer.status().code()).isEqualTo(2004);
        assertThat(answer.status().text()).isEqualTo("Blocked file");
        assertThat(stub.received()).isEmpty();
    }

    @Test
    void anUnreachableMmscGets4006SoThatTheVaspRetries() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        start(settings("default", Map.of(), URI.create("http://127.0.0.1:" + closedPort + "/mm7")));
        inspector.answer(e -> decided(Verdict.PASS, Reason.NONE, null, null));

        HttpResponse<byte[]> rsp = post("/mm7", submitReq("tx-down", "vasp1"), Map.of());

        assertThat(rsp.statusCode()).isEqualTo(200);
        Mm7Message answer = decode(rsp);
        assertThat(answer.operation()).isEqualTo(Mm7Operation.SUBMIT_RSP);
        assertThat(answer.status().code()).isEqualTo(4006);
        assertThat(answer.transactionId()).isEqualTo("tx-down");
        assertThat(outcomes("upstream-error")).isEqualTo(1.0);
    }

    @Test
    void anMmscThatTakesTheSubmitAndHangsUpGetsAServiceErrorFaultWhichIsNotRetried() throws Exception {
        start("default", Map.of());
        stub.respond("/mm7", StubMmsc.HANG_UP);
        inspector.answer(e -> decided(Verdict.PASS, Reason.NONE, null, null));
        Mm7HttpMessage submit = submitReq("tx-maybe", "vasp1");

        HttpResponse<byte[]> rsp = post("/mm7", submit, Map.of());

        assertThat(stub.received()).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo(submit.body()));
        assertThat(rsp.statusCode()).isEqualTo(500);
        Mm7Message fault = decode(rsp);
        assertThat(fault.status().code()).isEqualTo(4005);
        assertThat(fault.fault().faultCode()).endsWith("Server");
        assertThat(fault.transactionId()).isEqualTo("tx-maybe");
        assertThat(outcomes("upstream-error")).isEqualTo(1.0);
    }

    @Test
    void aSubmitWhoseVaspLeftBeforeTheDecisionIsNotForwarded() throws Exception {
        start("default", Map.of());
        CompletableFuture<SessionOutcome> decision = inspector.hold();
        Mm7HttpMessage submit = submitReq("tx-gone", "vasp1");
        try (Socket socket = new Socket("127.0.0.1", listener.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /mm7 HTTP/1.1\r\nHost: gw\r\nSOAPAction: \"\"\r\nContent-Type: " + submit.contentType()
                    + "\r\nContent-Length: " + submit.body().length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(submit.body());
            out.flush();
            await().atMost(ServerConnections.HANG_GUARD).until(() -> inspector.envelopes.size() == 1);
        }
        connections.awaitAllClosed();

        decision.complete(decided(Verdict.PASS, Reason.NONE, null, null));

        await().atMost(ServerConnections.HANG_GUARD).until(() -> outcomes("client-gone") == 1.0);
        assertThat(stub.received()).isEmpty();
        assertThat(outcomes("forwarded")).isZero();
    }

    @Test
    void anExceptionInTheGatewayAnswers500() throws Exception {
        start("default", Map.of());
        inspector.failing = new IllegalStateException("inspector broke");

        HttpResponse<byte[]> rsp = post("/mm7", submitReq("tx-boom", "vasp1"), Map.of());

        assertThat(rsp.statusCode()).isEqualTo(500);
        assertThat(stub.received()).isEmpty();
        assertThat(outcomes("error")).isEqualTo(1.0);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private void start(String profile, Map<String, String> passwords) throws Exception {
        start(settings(profile, passwords, stub.uri("/mm7")));
    }

    private Mm7Settings settings(String profile, Map<String, String> passwords, URI upstream) {
        // the test client stands in for the trusted front end that sets the MSISDN header
        return new Mm7Settings(upstream, stub.uri("/vasp"), "/vasp", profile, 1 << 20, access(passwords),
                TrustedProxies.loopback());
    }

    private static Mm7AccessSettings access(Map<String, String> passwords) {
        return passwords.isEmpty() ? Mm7AccessSettings.NONE : Mm7AccessSettings.passwords(passwords);
    }

    private void start(Mm7Settings settings) throws Exception {
        meters = new SimpleMeterRegistry();
        GatewayMetrics metrics = new GatewayMetrics(meters);
        ProfileView profiles = ProfileView.fixed(Map.of(
                "default", profile("default", false),
                "closed", profile("closed", false),
                "open", profile("open", true),
                "prefixed", MmsProfile.newBuilder(profile("prefixed", false))
                        .setEndpointPrefix(EndpointPrefix.newBuilder().setEnabled(true).setPrefix("+47").setMinLength(8)
                                .setMaxLength(8).build()).build()));
        Mm7Access access = new Mm7Access(settings.access(), settings.access().newBackoff(), metrics);
        GatewayContext context = new GatewayContext(inspector, profiles,
                new NettyUpstream(UpstreamSettings.defaults(Duration.ofSeconds(2), Duration.ofSeconds(10)), metrics),
                metrics);
        ListenerSettings ls = new ListenerSettings("mm7", "127.0.0.1", 0, 16, 8192, 1 << 20, Duration.ofSeconds(30),
                Duration.ofSeconds(30), Optional.empty());
        listener = HttpListener.start(ls, boss, workers,
                connections.recording(() -> new Mm7Handler(context, settings, access)),
                new PendingSessions(100), metrics);
    }

    private static MmsProfile profile(String name, boolean failOpen) {
        return MmsProfile.newBuilder().setName(name)
                .setMm7(InterfaceSettings.newBuilder().setFailOpen(failOpen).build()).build();
    }

    private double outcomes(String outcome) {
        return meters.find("mmsguard.gateway.outcomes").tag("interface", "MM7").tag("outcome", outcome).counters()
                .stream().mapToDouble(c -> c.count()).sum();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + listener.port() + path);
    }

    private HttpResponse<byte[]> post(String path, Mm7HttpMessage message, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(HANG_GUARD)
                .header("Content-Type", message.contentType()).header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private Mm7Message decode(HttpResponse<byte[]> rsp) {
        return decoder.decode(rsp.body(), rsp.headers().firstValue("Content-Type").orElse(null));
    }

    private static Mm7HttpMessage xml(String text) {
        return new Mm7HttpMessage("text/xml; charset=\"utf-8\"", text.getBytes(StandardCharsets.UTF_8));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static Mm7Message submitMessage(String transactionId, String vaspId) {
        return Mm7Message.builder(Mm7Operation.SUBMIT_REQ, NS).transactionId(transactionId).mm7Version("5.3.0")
                .vaspId(vaspId).vasId("news").senderAddress(Mm7Address.number("+4790000001"))
                .recipients(new Mm7Recipients(List.of(Mm7Address.number("+47 900 00002")),
                        List.of(Mm7Address.rfc2822("Bob@Example.com")), List.of()))
                .subject("Saturn").contentRef(Mm7ContentRef.cid("saturn@vasp"))
                .content(List.of(new MessagePart("text/plain", "us-ascii", null, "text1", null,
                                "New Saturn pictures".getBytes(StandardCharsets.US_ASCII)),
                        new MessagePart("image/gif", null, "saturn.gif", "saturn.gif", null, GIF)))
                .build();
    }

    /** A DeliverReq from the MMSC with one text part. */
    static Mm7Message deliverMessage(String transactionId) {
        return Mm7Message.builder(Mm7Operation.DELIVER_REQ, NS).transactionId(transactionId).mm7Version("5.3.0")
                .sender(Mm7Address.number("+4790000003")).recipients(Mm7Recipients.to(Mm7Address.shortCode("12345")))
                .contentRef(Mm7ContentRef.cid("mm-content")).content(List.of(new MessagePart("text/plain",
                        "us-ascii", null, "text1", null, "hello".getBytes(StandardCharsets.US_ASCII)))).build();
    }

    private static Mm7HttpMessage submitReq(String transactionId, String vaspId) {
        return new Mm7Encoder().encode(submitMessage(transactionId, vaspId));
    }

    private static StubMmsc.Response soapAnswer(Mm7Message message) {
        Mm7HttpMessage m = new Mm7Encoder().encode(message);
        return new StubMmsc.Response(200, m.contentType(), m.body());
    }

    /** The Nokia MMSC DeliverReq capture from the shared vectors (skipped when they are absent; never copied here). */
    private static Mm7HttpMessage nokiaDeliverReq() throws Exception {
        String env = System.getenv("MMSGUARD_VECTORS");
        Path dir = (env != null && !env.isBlank() ? Paths.get(env) : Paths.get("../../shared/vectors"))
                .resolve("mm7/instantcom-mm7").toAbsolutePath().normalize();
        Path file = dir.resolve("deliver-req3.txt");
        assumeTrue(Files.isRegularFile(file), "MM7 vectors not found at " + dir);
        byte[] raw = Files.readAllBytes(file);
        String text = new String(raw, StandardCharsets.ISO_8859_1).stripLeading();
        String boundary = text.substring(2, text.indexOf('\n')).strip();
        return new Mm7HttpMessage("multipart/related; boundary=\"" + boundary + "\"; type=\"text/xml\"", raw);
    }

    private static SessionOutcome decided(Verdict verdict, Reason reason, Integer mm7Status, String text) {
        return decided(verdict, reason, mm7Status, text, List.of());
    }

    private static SessionOutcome decided(Verdict verdict, Reason reason, Integer mm7Status, String text,
                                          List<Integer> strip) {
        return new SessionOutcome.Decided(Decision.newBuilder().setSessionId("s").setGatewayId("gw-test")
                .setVerdict(verdict).setReason(reason).setReplacementText(text).setPartsToStrip(strip)
                .setResponseStatus(mm7Status == null ? null
                        : ResponseStatus.newBuilder().setMm7StatusCode(mm7Status).build())
                .setDecidedAt(Instant.now()).setProfile("default").build());
    }

    private static SessionOutcome noDecision(String how) {
        return switch (how) {
            case "timeout" -> new SessionOutcome.TimedOut();
            case "unavailable" -> new SessionOutcome.Unavailable("kafka down");
            default -> decided(Verdict.TEMPORARY_FAILURE, Reason.SCANNER_FAILURE, null, null);
        };
    }
}
