package io.mmsguard.gateway.mm1;

import static io.mmsguard.gateway.mm1.Mm1TestPdus.EICAR;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.MMS;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.binary;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.decode;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.get;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.okConf;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.post;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.retrieveConf;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.sendReq;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mmsguard.avro.AddressSource;
import io.mmsguard.avro.ComfortSettings;
import io.mmsguard.avro.Decision;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.RecipientKind;
import io.mmsguard.avro.ResponseStatus;
import io.mmsguard.avro.SenderAddressSettings;
import io.mmsguard.avro.Verdict;
import io.mmsguard.codec.MalformedMessageException;
import io.mmsguard.codec.mm1.HeaderField;
import io.mmsguard.codec.mm1.MessageType;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm1.MmsPdus;
import io.mmsguard.codec.mm1.StatusCodes;
import io.mmsguard.gateway.FakeInspector;
import io.mmsguard.gateway.GatewayContext;
import io.mmsguard.gateway.Mm1Settings;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MM1 handler on a real listener, against the stub MMSC, with an inspector whose outcome each test chooses:
 * what reaches the MMSC and what the handset gets for every verdict and failure.
 */
class Mm1HandlerTest {
    private static final String MSISDN_HEADER = "x-up-calling-line-id";
    private static EventLoopGroup boss;
    private static EventLoopGroup workers;

    private final FakeInspector inspector = new FakeInspector();
    private final ServerConnections connections = new ServerConnections();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private StubMmsc mmsc;
    private HttpListener listener;

    @BeforeAll
    static void loops() {
        boss = new NioEventLoopGroup(1);
        workers = new NioEventLoopGroup(2);
    }

    @AfterAll
    static void stopLoops() {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    @BeforeEach
    void setUp() throws Exception {
        mmsc = StubMmsc.start();
        mmsc.respond("/mms", r -> new StubMmsc.Response(200, MMS, okConf(decode(r.body()).transactionId())));
    }

    @AfterEach
    void tearDown() {
        if (listener != null) {
            listener.close();
        }
        mmsc.close();
    }

    /** Starts the listener with the profile named {@code profile} (see {@link #profiles()}). */
    private URI start(String profile) throws Exception {
        return start(profile, mmsc.uri("/mms"));
    }

    private URI start(String profile, URI upstream) throws Exception {
        return start(profile, upstream, TrustedProxies.loopback()); // the test client stands in for the proxy
    }

    private URI start(String profile, URI upstream, TrustedProxies msisdnTrusted) throws Exception {
        GatewayMetrics metrics = new GatewayMetrics(meters);
        GatewayContext context = new GatewayContext(inspector, profiles(),
                new NettyUpstream(UpstreamSettings.defaults(Duration.ofSeconds(5), Duration.ofSeconds(30)), metrics),
                metrics);
        Mm1Settings settings = new Mm1Settings(upstream, mmsc.uri("/"), profile, 1 << 20, msisdnTrusted);
        listener = HttpListener.start(new ListenerSettings("mm1", "127.0.0.1", 0, 100, 8192, 1 << 20,
                        Duration.ofMinutes(1), Duration.ofMinutes(1), Optional.empty()), boss, workers,
                connections.recording(() -> new Mm1Handler(context, settings)), new PendingSessions(1000),
                new GatewayMetrics(meters));
        return URI.create("http://127.0.0.1:" + listener.port() + "/mms");
    }

    private static ProfileView profiles() {
        return ProfileView.fixed(Map.of(
                "default", MmsProfile.newBuilder().setName("default").build(),
                "open", MmsProfile.newBuilder().setName("open")
                        .setMm1(InterfaceSettings.newBuilder().setFailOpen(true).build()).build(),
                "comfort", MmsProfile.newBuilder().setName("comfort")
                        .setMm1(InterfaceSettings.newBuilder().setComfort(ComfortSettings.newBuilder().setClient(true)
                                .setIntervalSeconds(1).setAmountBytes(1).build()).build()).build(),
                "no-retrieve-scan", MmsProfile.newBuilder().setName("no-retrieve-scan")
                        .setMm1(InterfaceSettings.newBuilder().setRetrieveScan(false).build()).build(),
                "cookie", MmsProfile.newBuilder().setName("cookie")
                        .setMm1(InterfaceSettings.newBuilder().setSenderAddress(SenderAddressSettings.newBuilder()
                                .setSource(AddressSource.COOKIE).setName("msisdn").setConvertHex(true).build())
                                .build()).build()));
    }

    private static Decision decision(Verdict verdict, Reason reason) {
        return Decision.newBuilder().setSessionId("s").setGatewayId("gw").setVerdict(verdict).setReason(reason)
                .setDecidedAt(Instant.now()).setProfile("default").build();
    }

    private double outcomes(String outcome) {
        Counter c = meters.find("mmsguard.gateway.outcomes").tag("interface", "MM1").tag("outcome", outcome)
                .counter();
        return c == null ? 0 : c.count();
    }

    /** A small m-send.req with a From address and one text part. */
    private static byte[] plainSend(String tid) {
        return Mm1Encoder.encode(sendReq(tid, "+4366411/TYPE=PLMN", null, text("t", "x")));
    }

    // ---- sends -------------------------------------------------------------------------------------------------

    @Test
    void passForwardsTheBytesAsReceivedAndRelaysTheMmscAnswer() throws Exception {
        URI gw = start("default");
        inspector.answer(e -> new SessionOutcome.Decided(decision(Verdict.PASS, Reason.NONE)));
        byte[] pdu = Mm1Encoder.encode(sendReq("T-pass", "+436649999999/TYPE=PLMN", "hello",
                text("t", "hi there"), binary("img", "image/jpeg", new byte[]{1, 2, 3})));

        HttpResponse<byte[]> answer = post(gw, pdu, "User-Agent", "handset/1", "x-wap-profile", "http://p/x.xml");

        assertThat(mmsc.received()).hasSize(1);
        StubMmsc.Request forwarded = mmsc.received().get(0);
        assertThat(forwarded.body()).isEqualTo(pdu);
        assertThat(forwarded.header("Content-Type")).isEqualTo(MMS);
        assertThat(forwarded.header("x-wap-profile")).isEqualTo("http://p/x.xml");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("content-type")).contains(MMS);
        assertThat(answer.body()).isEqualTo(okConf("T-pass"));

        MmsEnvelope env = inspector.single();
        assertThat(env.getDirection()).isEqualTo(Direction.SEND);
        assertThat(env.getMessageType()).isEqualTo("m-send-req");
        assertThat(env.getTransactionId()).isEqualTo("T-pass");
        assertThat(env.getSender()).isEqualTo("+436649999999");
        assertThat(env.getSenderRaw()).isEqualTo("+436649999999/TYPE=PLMN");
        assertThat(env.getRecipients()).singleElement().satisfies(r -> {
            assertThat(r.getAddress()).isEqualTo("+436641000001");
            assertThat(r.getKind()).isEqualTo(RecipientKind.TO);
        });
        assertThat(env.getSubject()).isEqualTo("hello");
        assertThat(env.getContentType()).isEqualTo("application/vnd.wap.multipart.mixed");
        assertThat(env.getParts()).extracting(p -> p.getContentType()).containsExactly("text/plain", "image/jpeg");
        assertThat(env.getParts().get(1).getContent().remaining()).isEqualTo(3);
        assertThat(env.getOriginalSize()).isEqualTo(pdu.length);
        assertThat(env.getProfile()).isEqualTo("default");
        assertThat(env.getTransport().getListener()).isEqualTo("mm1");
        assertThat(env.getTransport().getClientAddress()).isEqualTo("127.0.0.1");
        assertThat(env.getTransport().getHttpUserAgent()).isEqualTo("handset/1");
        assertThat(env.getTransport().getMmsVersion()).isEqualTo("1.2");
        assertThat(outcomes("forwarded")).isEqualTo(1);
    }

    @Test
    void blockAnswersAnMSendConfWithTheDecisionsStatusAndTextAndForwardsNothing() throws Exception {
        URI gw = start("default");
        Decision block = Decision.newBuilder(decision(Verdict.BLOCK, Reason.VIRUS))
                .setReplacementText("Virus EICAR found")
                .setResponseStatus(ResponseStatus.newBuilder().setMm1ResponseStatus(0x87).build()).build();
        inspector.answer(e -> new SessionOutcome.Decided(block));
        byte[] pdu = Mm1Encoder.encode(sendReq("T-block", "+436649999999/TYPE=PLMN", null,
                binary("v", "application/octet-stream", EICAR.getBytes(StandardCharsets.US_ASCII))));

        HttpResponse<byte[]> answer = post(gw, pdu);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("content-type")).contains(MMS);
        assertThat(answer.headers().firstValue("connection")).contains("close");
        MmsPdu conf = decode(answer.body());
        assertThat(conf.messageType()).isEqualTo(MessageType.SEND_CONF);
        assertThat(conf.transactionId()).isEqualTo("T-block");
        assertThat(conf.mmsVersionOctet()).isEqualTo(MmsPdus.MMS_1_2);
        assertThat(conf.responseStatus()).isEqualTo(0x87);
        assertThat(conf.responseText()).isEqualTo("Virus EICAR found");
        assertThat(conf.messageId()).isNull();
        assertThat(mmsc.received()).isEmpty();
        assertThat(outcomes("blocked")).isEqualTo(1);
    }

    @Test
    void blockWithoutAStatusAnswersTheA13Default() throws Exception {
        URI gw = start("default");
        inspector.answer(e -> new SessionOutcome.Decided(decision(Verdict.BLOCK, Reason.FLOOD)));

        MmsPdu conf = decode(post(gw, plainSend("T-b2")).body());

        assertThat(conf.responseStatus()).isEqualTo(0x87);
        assertThat(conf.responseText()).isEqualTo(Mm1Answers.DEFAULT_BLOCK_TEXT);
        assertThat(mmsc.received()).isEmpty();
    }

    @Test
    void stripForwardsThePduWithoutTheStrippedPartsAndWithTheReplacementText() throws Exception {
        URI gw = start("default");
        Decision strip = Decision.newBuilder(decision(Verdict.STRIP, Reason.VIRUS)).setPartsToStrip(List.of(1))
                .setReplacementText("A part was removed").build();
        inspector.answer(e -> new SessionOutcome.Decided(strip));
        MmsPdu original = sendReq("T-strip", "+436649999999/TYPE=PLMN", "s", text("t", "keep me"),
                binary("v", "application/octet-stream", EICAR.getBytes(StandardCharsets.US_ASCII)),
                binary("img", "image/gif", new byte[]{7, 7}));

        HttpResponse<byte[]> answer = post(gw, Mm1Encoder.encode(original));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(okConf("T-strip"));
        MmsPdu forwarded = decode(mmsc.received().get(0).body());
        assertThat(forwarded.transactionId()).isEqualTo("T-strip");
        assertThat(forwarded.parts()).extracting(p -> new String(p.content(), StandardCharsets.UTF_8))
                .containsExactly("keep me", "\u0007\u0007", "A part was removed");
        assertThat(forwarded.parts()).noneMatch(p -> Arrays.equals(p.content(),
                EICAR.getBytes(StandardCharsets.US_ASCII)));
        assertThat(outcomes("stripped")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeout", "unavailable", "temporary"})
    void withoutADecisionFailClosedAnswersTransientFailureAndForwardsNothing(String kind) throws Exception {
        URI gw = startWithout("default", kind);

        HttpResponse<byte[]> answer = post(gw, plainSend("T-" + kind));

        assertThat(answer.statusCode()).isEqualTo(200);
        MmsPdu conf = decode(answer.body());
        assertThat(conf.messageType()).isEqualTo(MessageType.SEND_CONF);
        assertThat(conf.transactionId()).isEqualTo("T-" + kind);
        assertThat(conf.responseStatus()).isEqualTo(StatusCodes.ERROR_TRANSIENT_FAILURE);
        assertThat(mmsc.received()).isEmpty();
        assertThat(outcomes("temporary-failure")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeout", "unavailable", "temporary"})
    void withoutADecisionFailOpenForwards(String kind) throws Exception {
        URI gw = startWithout("open", kind);
        byte[] pdu = plainSend("T-open");

        HttpResponse<byte[]> answer = post(gw, pdu);

        assertThat(mmsc.received()).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo(pdu));
        assertThat(answer.body()).isEqualTo(okConf("T-open"));
        assertThat(outcomes("fail-open")).isEqualTo(1);
    }

    /** The listener with {@code profile}, and an inspector that never decides the way {@code kind} says. */
    private URI startWithout(String profile, String kind) throws Exception {
        inspector.answer(e -> outcome(kind));
        return start(profile);
    }

    private static SessionOutcome outcome(String kind) {
        return switch (kind) {
            case "timeout" -> new SessionOutcome.TimedOut();
            case "unavailable" -> new SessionOutcome.Unavailable("kafka down");
            default -> new SessionOutcome.Decided(decision(Verdict.TEMPORARY_FAILURE, Reason.SCANNER_FAILURE));
        };
    }

    @Test
    void anUnreachableMmscIsATransientFailureForTheHandset() throws Exception {
        URI closed;
        try (StubMmsc gone = StubMmsc.start()) {
            closed = gone.uri("/mms");
        }
        URI gw = start("default", closed);
        inspector.answer(e -> new SessionOutcome.Decided(decision(Verdict.PASS, Reason.NONE)));

        HttpResponse<byte[]> answer = post(gw, plainSend("T-down"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(decode(answer.body()).responseStatus()).isEqualTo(StatusCodes.ERROR_TRANSIENT_FAILURE);
        assertThat(decode(answer.body()).transactionId()).isEqualTo("T-down");
        assertThat(outcomes("upstream-error")).isEqualTo(1);
    }

    @Test
    void anMmscThatTakesTheSendAndHangsUpIsAPermanentFailureSoThatTheHandsetDoesNotSendItTwice() throws Exception {
        mmsc.respond("/mms", StubMmsc.HANG_UP);
        URI gw = start("default");
        inspector.answer(e -> new SessionOutcome.Decided(decision(Verdict.PASS, Reason.NONE)));
        byte[] pdu = plainSend("T-maybe");

        HttpResponse<byte[]> answer = post(gw, pdu);

        assertThat(mmsc.received()).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo(pdu));
        assertThat(answer.statusCode()).isEqualTo(200);
        MmsPdu conf = decode(answer.body());
        assertThat(conf.messageType()).isEqualTo(MessageType.SEND_CONF);
        assertThat(conf.transactionId()).isEqualTo("T-maybe");
        assertThat(conf.responseStatus()).isEqualTo(StatusCodes.ERROR_PERMANENT_FAILURE);
        assertThat(outcomes("upstream-error")).isEqualTo(1);
    }

    @Test
    void aSendWhoseHandsetLeftBeforeTheDecisionIsNotForwarded() throws Exception {
        URI gw = start("default");
        CompletableFuture<SessionOutcome> decision = inspector.hold();
        try (Socket socket = new Socket(gw.getHost(), gw.getPort())) {
            rawPost(socket.getOutputStream(), plainSend("T-gone"));
            await().atMost(ServerConnections.HANG_GUARD).until(() -> inspector.envelopes.size() == 1);
        }
        connections.awaitAllClosed();

        decision.complete(new SessionOutcome.Decided(decision(Verdict.PASS, Reason.NONE)));

        await().atMost(ServerConnections.HANG_GUARD).until(() -> outcomes("client-gone") == 1);
        assertThat(mmsc.received()).isEmpty();
        assertThat(outcomes("forwarded")).isZero();
    }

    /**
     * Found by the fuzz run (docs/security.md): the reset failed the held request as a gateway error (outcome
     * {@code error}, a 500 to nobody, an ERROR with a stack trace in the log) although its session went on.
     */
    @Test
    void aHandsetThatResetsItsConnectionWhileItsSendIsHeldIsNoGatewayFailure() throws Exception {
        URI gw = start("default");
        CompletableFuture<SessionOutcome> decision = inspector.hold();
        try (LogCapture log = new LogCapture()) {
            Socket socket = new Socket(gw.getHost(), gw.getPort());
            rawPost(socket.getOutputStream(), plainSend("T-reset"));
            await().atMost(ServerConnections.HANG_GUARD).until(() -> inspector.envelopes.size() == 1);
            socket.setSoLinger(true, 0);
            socket.close();
            connections.awaitAllClosed();

            decision.complete(new SessionOutcome.Decided(decision(Verdict.PASS, Reason.NONE)));

            await().atMost(ServerConnections.HANG_GUARD).until(() -> outcomes("client-gone") == 1);
            assertThat(outcomes("error")).isZero();
            assertThat(log.text()).doesNotContain(" ERROR ").doesNotContain("\tat ");
        }
        assertThat(mmsc.received()).isEmpty();
    }

    /**
     * Found by the fuzz run (docs/security.md): a send without X-Mms-Transaction-Id was inspected, and its block,
     * temporary failure or unconfirmed answer then failed to encode (an m-send.conf needs the id): 500 and an ERROR.
     */
    @Test
    void aSendWithoutATransactionIdIsRefusedWith400BeforeInspection() throws Exception {
        URI gw = start("default");
        byte[] pdu = Mm1Encoder.encode(sendReq("T-x", "+4366411/TYPE=PLMN", null, text("t", "some text")));
        byte[] tid = {(byte) 0x98, 'T', '-', 'x', 0};
        int at = indexOf(pdu, tid);
        byte[] withoutTid = new byte[pdu.length - tid.length];
        System.arraycopy(pdu, 0, withoutTid, 0, at);
        System.arraycopy(pdu, at + tid.length, withoutTid, at, pdu.length - at - tid.length);
        assertThat(decode(withoutTid).transactionId()).isNull();

        HttpResponse<byte[]> answer = post(gw, withoutTid);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(inspector.envelopes).isEmpty();
        assertThat(outcomes("refused")).isEqualTo(1);
        assertThat(mmsc.received()).isEmpty();
    }

    private static int indexOf(byte[] in, byte[] what) {
        for (int i = 0; i + what.length <= in.length; i++) {
            if (Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void aMalformedPduWithATransactionIdIsAnsweredFormatCorrupt() throws Exception {
        URI gw = start("default");
        byte[] whole = Mm1Encoder.encode(sendReq("T-bad", "+4366411/TYPE=PLMN", null, text("t", "some text")));
        byte[] truncated = Arrays.copyOf(whole, whole.length - 4);
        assertThatThrownBy(() -> decode(truncated)).isInstanceOf(MalformedMessageException.class);

        HttpResponse<byte[]> answer = post(gw, truncated);

        assertThat(answer.statusCode()).isEqualTo(200);
        MmsPdu conf = decode(answer.body());
        assertThat(conf.transactionId()).isEqualTo("T-bad");
        assertThat(conf.mmsVersionOctet()).isEqualTo(MmsPdus.MMS_1_2);
        assertThat(conf.responseStatus()).isEqualTo(StatusCodes.ERROR_PERMANENT_MESSAGE_FORMAT_CORRUPT);
        assertThat(mmsc.received()).isEmpty();
        assertThat(inspector.envelopes).isEmpty();
        assertThat(outcomes("malformed")).isEqualTo(1);
    }

    @Test
    void aBodyWithoutEvenATransactionIdIs400() throws Exception {
        URI gw = start("default");

        HttpResponse<byte[]> answer = post(gw, "GET / HTTP/1.0".getBytes(StandardCharsets.US_ASCII));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(mmsc.received()).isEmpty();
        assertThat(inspector.envelopes).isEmpty();
    }

    @Test
    void theMsisdnHeaderIsInsertedWhereTheHandsetSentTheInsertAddressToken() throws Exception {
        URI gw = start("default");
        inspector.answer(e -> new SessionOutcome.Decided(decision(Verdict.PASS, Reason.NONE)));
        MmsPdu original = sendReq("T-ins", null, "s", text("t", "x"));

        post(gw, Mm1Encoder.encode(original), MSISDN_HEADER, "436641234567");

        MmsPdu forwarded = decode(mmsc.received().get(0).body());
        assertThat(forwarded.from().text()).isEqualTo("+436641234567/TYPE=PLMN");
        assertThat(forwarded).isEqualTo(original.withInsertedFrom("+436641234567"));
        MmsEnvelope env = inspector.single();
        assertThat(env.getSender()).isEqualTo("+436641234567");
        assertThat(env.getTransport().getMsisdnHeaderName()).isEqualTo(MSISDN_HEADER);
        assertThat(env.getTransport().getMsisdnHeaderValue()).isEqualTo("436641234567");
    }

    @Test
    void octetsTheDecoderSkippedAreNotForwardedUninspected() throws Exception {
        URI gw = start("default");
        inspector.answer(e -> new SessionOutcome.Decided(decision(Verdict.PASS, Reason.NONE)));
        byte[] clean = Mm1Encoder.encode(sendReq("T-trail", "+436649999999/TYPE=PLMN", "s", text("t", "hi")));
        byte[] smuggled = "MZ\u0090\u0000 an executable after the last part".getBytes(StandardCharsets.ISO_8859_1);
        byte[] pdu = Arrays.copyOf(clean, clean.length + smuggled.length);
        System.arraycopy(smuggled, 0, pdu, clean.length, smuggled.length);

        post(gw, pdu);

        assertThat(mmsc.received()).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo(clean));
    }

    @Test
    void theMsisdnHeaderIsTheSenderEvenWhenFromCarriesAnAddressWhichIsForwardedAsItCame() throws Exception {
        URI gw = start("default");
        inspector.answer(e -> new SessionOutcome.Decided(decision(Verdict.PASS, Reason.NONE)));
        byte[] pdu = Mm1Encoder.encode(sendReq("T-spoof", "+11111/TYPE=PLMN", null, text("t", "x")));

        post(gw, pdu, MSISDN_HEADER, "+43 664 7654321");

        assertThat(mmsc.received().get(0).body()).isEqualTo(pdu);
        assertThat(inspector.single().getSender()).isEqualTo("+436647654321");
        assertThat(inspector.single().getSenderRaw()).isEqualTo("+11111/TYPE=PLMN");
    }

    @Test
    void aHexEncodedCookieCarriesTheMsisdnWhenTheProfileSaysSo() throws Exception {
        URI gw = start("cookie");
        inspector.answer(e -> new SessionOutcome.Decided(decision(Verdict.PASS, Reason.NONE)));
        String hex = java.util.HexFormat.of().formatHex("436641112223".getBytes(StandardCharsets.US_ASCII));

        post(gw, Mm1Encoder.encode(sendReq("T-cookie", null, null, text("t", "x"))),
                "Cookie", "id=abc; msisdn=" + hex);

        assertThat(decode(mmsc.received().get(0).body()).from().text()).isEqualTo("+436641112223/TYPE=PLMN");
        assertThat(inspector.single().getSender()).isEqualTo("+436641112223");
    }

    @Test
    void otherPdusPassToTheMmscUnchangedWithoutInspection() throws Exception {
        URI gw = start("default");
        mmsc.respond("/mms", r -> new StubMmsc.Response(204, null, new byte[0]));
        byte[] notifyResp = Mm1Encoder.encode(MmsPdu.builder(MessageType.NOTIFYRESP_IND)
                .set(HeaderField.TRANSACTION_ID, "N1").set(HeaderField.MMS_VERSION, MmsPdus.MMS_1_2)
                .set(HeaderField.STATUS, StatusCodes.STATUS_RETRIEVED).build());

        HttpResponse<byte[]> answer = post(gw, notifyResp);

        assertThat(answer.statusCode()).isEqualTo(204);
        assertThat(mmsc.received()).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo(notifyResp));
        assertThat(inspector.envelopes).isEmpty();
    }

    // ---- message types and sender identity (issue 15) ----------------------------------------------------------

    @Test
    void anMsisdnHeaderFromAPeerOutsideTheTrustedProxiesIsIgnoredCountedAndNotForwarded() throws Exception {
        URI gw = start("default", mmsc.uri("/mms"), TrustedProxies.parse("192.0.2.0/24"));
        inspector.answer(e -> new SessionOutcome.Decided(decision(Verdict.PASS, Reason.NONE)));
        byte[] pdu = Mm1Encoder.encode(sendReq("T-untrusted", "+4366411/TYPE=PLMN", null, text("t", "x")));

        post(gw, pdu, MSISDN_HEADER, "436641234567");

        MmsEnvelope env = inspector.single();
        assertThat(env.getSender()).isEqualTo("+4366411");
        assertThat(env.getTransport().getMsisdnHeaderName()).isNull();
        assertThat(mmsc.received()).singleElement().satisfies(r -> {
            assertThat(r.body()).isEqualTo(pdu);
            assertThat(r.header(MSISDN_HEADER)).isNull();
        });
        assertThat(meters.find("mmsguard.gateway.msisdn.untrusted").tag("interface", "MM1").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void anUntrustedMsisdnCookieAttributeIsRemovedAndTheOtherCookiesKept() throws Exception {
        URI gw = start("cookie", mmsc.uri("/mms"), TrustedProxies.NONE);
        inspector.answer(e -> new SessionOutcome.Decided(decision(Verdict.PASS, Reason.NONE)));
        String hex = java.util.HexFormat.of().formatHex("436641112223".getBytes(StandardCharsets.US_ASCII));

        post(gw, Mm1Encoder.encode(sendReq("T-cookie-untrusted", "+4366411/TYPE=PLMN", null, text("t", "x"))),
                "Cookie", "id=abc; msisdn=" + hex);

        assertThat(inspector.single().getSender()).isEqualTo("+4366411");
        assertThat(mmsc.received().get(0).header("Cookie")).isEqualTo("id=abc");
    }

    @Test
    void anMForwardReqIsInspectedAsAMessageWithoutPartsAndRelayedOnAPass() throws Exception {
        URI gw = start("default");
        inspector.answer(e -> new SessionOutcome.Decided(decision(Verdict.PASS, Reason.NONE)));
        byte[] forward = Mm1Encoder.encode(forwardReq("T-fwd"));

        HttpResponse<byte[]> answer = post(gw, forward, MSISDN_HEADER, "436641000777");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(mmsc.received()).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo(forward));
        MmsEnvelope env = inspector.single();
        assertThat(env.getMessageType()).isEqualTo("m-forward-req");
        assertThat(env.getDirection()).isEqualTo(Direction.SEND);
        assertThat(env.getSender()).isEqualTo("+436641000777");
        assertThat(env.getParts()).isEmpty();
        assertThat(env.getRecipients()).extracting(r -> r.getAddress()).containsExactly("+436641000999");
    }

    @Test
    void aBlockedMForwardReqIsAnsweredWithAnMForwardConf() throws Exception {
        URI gw = start("default");
        inspector.answer(e -> new SessionOutcome.Decided(decision(Verdict.BLOCK, Reason.FLOOD)));

        MmsPdu conf = decode(post(gw, Mm1Encoder.encode(forwardReq("T-fwd-block"))).body());

        assertThat(conf.messageType()).isEqualTo(MessageType.FORWARD_CONF);
        assertThat(conf.transactionId()).isEqualTo("T-fwd-block");
        assertThat(conf.responseStatus()).isEqualTo(Mm1Answers.DEFAULT_BLOCK_STATUS);
        assertThat(mmsc.received()).isEmpty();
    }

    @Test
    void anMForwardReqIsRefusedWhenRetrievalsAreNotInspected() throws Exception {
        URI gw = start("no-retrieve-scan");

        MmsPdu conf = decode(post(gw, Mm1Encoder.encode(forwardReq("T-fwd-off"))).body());

        assertThat(conf.messageType()).isEqualTo(MessageType.FORWARD_CONF);
        assertThat(conf.transactionId()).isEqualTo("T-fwd-off");
        assertThat(conf.responseStatus()).isEqualTo(StatusCodes.ERROR_PERMANENT_SERVICE_DENIED);
        assertThat(mmsc.received()).isEmpty();
        assertThat(inspector.envelopes).isEmpty();
        assertThat(outcomes("refused")).isEqualTo(1);
    }

    @Test
    void aTypeWithoutContentThatCarriesABodyIsRefused() throws Exception {
        URI gw = start("default");
        byte[] notifyRespWithBody = Mm1Encoder.encode(MmsPdu.builder(MessageType.NOTIFYRESP_IND)
                .set(HeaderField.TRANSACTION_ID, "N-body").set(HeaderField.MMS_VERSION, MmsPdus.MMS_1_2)
                .set(HeaderField.STATUS, StatusCodes.STATUS_RETRIEVED)
                .multipart(io.mmsguard.codec.mm1.ContentType.of(io.mmsguard.codec.mm1.ContentType.MULTIPART_MIXED),
                        List.of(binary("eicar", "application/octet-stream",
                                EICAR.getBytes(StandardCharsets.US_ASCII)))).build());

        MmsPdu conf = decode(post(gw, notifyRespWithBody).body());

        assertThat(conf.transactionId()).isEqualTo("N-body");
        assertThat(conf.responseStatus()).isEqualTo(StatusCodes.ERROR_UNSUPPORTED_MESSAGE);
        assertThat(mmsc.received()).isEmpty();
        assertThat(outcomes("passed-through")).isZero();
    }

    @Test
    void aPduOfAnotherTypeThatDoesNotDecodeIsNeverForwarded() throws Exception {
        URI gw = start("default");
        byte[] whole = Mm1Encoder.encode(MmsPdu.builder(MessageType.ACKNOWLEDGE_IND)
                .set(HeaderField.TRANSACTION_ID, "A-bad").set(HeaderField.MMS_VERSION, MmsPdus.MMS_1_2)
                .multipart(io.mmsguard.codec.mm1.ContentType.of(io.mmsguard.codec.mm1.ContentType.MULTIPART_MIXED),
                        List.of(text("t", "hidden text"))).build());
        byte[] truncated = Arrays.copyOf(whole, whole.length - 4);
        assertThatThrownBy(() -> decode(truncated)).isInstanceOf(MalformedMessageException.class);

        MmsPdu conf = decode(post(gw, truncated).body());

        assertThat(conf.transactionId()).isEqualTo("A-bad");
        assertThat(conf.responseStatus()).isEqualTo(StatusCodes.ERROR_PERMANENT_MESSAGE_FORMAT_CORRUPT);
        assertThat(mmsc.received()).isEmpty();
    }

    @Test
    void aPduTheMmscSendsIsRefusedWhenAHandsetPostsIt() throws Exception {
        URI gw = start("default");
        byte[] retrieveConf = Mm1Encoder.encode(retrieveConf("R-posted", "+4366411/TYPE=PLMN",
                binary("eicar", "application/octet-stream", EICAR.getBytes(StandardCharsets.US_ASCII))));

        MmsPdu conf = decode(post(gw, retrieveConf).body());

        assertThat(conf.messageType()).isEqualTo(MessageType.SEND_CONF);
        assertThat(conf.responseStatus()).isEqualTo(StatusCodes.ERROR_UNSUPPORTED_MESSAGE);
        assertThat(mmsc.received()).isEmpty();
        assertThat(inspector.envelopes).isEmpty();
    }

    /** An m-forward.req of a stored message, From an address (so forwarded byte for byte), to one recipient. */
    private static MmsPdu forwardReq(String tid) {
        return MmsPdu.builder(MessageType.FORWARD_REQ).set(HeaderField.TRANSACTION_ID, tid)
                .set(HeaderField.MMS_VERSION, MmsPdus.MMS_1_2)
                .set(HeaderField.FROM, io.mmsguard.codec.mm1.FromAddress.of("+436641000777/TYPE=PLMN"))
                .add(HeaderField.TO, io.mmsguard.codec.mm1.EncodedString.of("+436641000999/TYPE=PLMN"))
                .set(HeaderField.CONTENT_LOCATION, "http://mmsc.example/stored/" + tid).build();
    }

    @Test
    void aHandlerFailureIsAnswered500() throws Exception {
        URI gw = start("default");
        inspector.failing = new IllegalStateException("boom");

        HttpResponse<byte[]> answer = post(gw, plainSend("T-500"));

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(mmsc.received()).isEmpty();
    }

    @Test
    void anInspectionThatFailsAfterAllIsTreatedAsUnavailable() throws Exception {
        URI gw = start("default");
        inspector.answer(e -> {
            throw new IllegalStateException("broken inspector");
        });

        HttpResponse<byte[]> answer = post(gw, plainSend("T-ex"));

        assertThat(decode(answer.body()).responseStatus()).isEqualTo(StatusCodes.ERROR_TRANSIENT_FAILURE);
        assertThat(mmsc.received()).isEmpty();
    }

    // ---- client comfort ----------------------------------------------------------------------------------------

    @Test
    void aHeldSendIsComfortedWithTheStartOfItsMSendConfAndThenGetsTheBlock() throws Exception {
        URI gw = start("comfort");
        CompletableFuture<SessionOutcome> decision = inspector.hold();
        try (Socket socket = new Socket(gw.getHost(), gw.getPort())) {
            ComfortedExchange ex = new ComfortedExchange(socket, plainSend("T-comfort"));

            assertThat(ex.statusLine).isEqualTo("HTTP/1.1 200 OK");
            assertThat(ex.headers).contains("transfer-encoding: chunked", "content-type: " + MMS);
            assertThat(ex.nextChunk()).containsExactly(0x8C); // X-Mms-Message-Type, before any decision
            decision.complete(new SessionOutcome.Decided(Decision.newBuilder(decision(Verdict.BLOCK, Reason.VIRUS))
                    .setReplacementText("blocked").build()));
            MmsPdu conf = decode(ex.rest());

            assertThat(conf.messageType()).isEqualTo(MessageType.SEND_CONF);
            assertThat(conf.transactionId()).isEqualTo("T-comfort");
            assertThat(conf.responseStatus()).isEqualTo(0x87);
            assertThat(conf.responseText()).isEqualTo("blocked");
        }
        assertThat(mmsc.received()).isEmpty();
    }

    @Test
    void aComfortedSendThatPassesGetsTheMmscsAnswerOrATransientFailureWhenItCannotBeCarried() throws Exception {
        URI gw = start("comfort");
        for (int mmscStatus : new int[]{200, 500}) {
            mmsc.respond("/mms", r -> new StubMmsc.Response(mmscStatus, MMS, okConf(decode(r.body()).transactionId())));
            CompletableFuture<SessionOutcome> decision = inspector.hold();
            try (Socket socket = new Socket(gw.getHost(), gw.getPort())) {
                ComfortedExchange ex = new ComfortedExchange(socket, plainSend("T-c" + mmscStatus));
                ex.nextChunk();
                decision.complete(new SessionOutcome.Decided(decision(Verdict.PASS, Reason.NONE)));
                byte[] body = ex.rest();

                if (mmscStatus == 200) {
                    assertThat(body).isEqualTo(okConf("T-c200"));
                } else {
                    assertThat(decode(body).responseStatus()).isEqualTo(StatusCodes.ERROR_TRANSIENT_FAILURE);
                    assertThat(decode(body).transactionId()).isEqualTo("T-c500");
                }
            }
        }
        assertThat(mmsc.received()).hasSize(2);
    }

    /** A POST of an MMS PDU written on a raw socket. */
    private static void rawPost(OutputStream out, byte[] pdu) throws java.io.IOException {
        out.write(("POST /mms HTTP/1.1\r\nHost: gw\r\nContent-Type: " + MMS + "\r\nContent-Length: "
                + pdu.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(pdu);
        out.flush();
    }

    /** A POST on a raw socket whose chunked answer is read chunk by chunk. */
    private static final class ComfortedExchange {
        private final DataInputStream in;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final String statusLine;
        final List<String> headers = new java.util.ArrayList<>();

        ComfortedExchange(Socket socket, byte[] pdu) throws Exception {
            socket.setSoTimeout(60_000); // hang guard only
            rawPost(socket.getOutputStream(), pdu);
            in = new DataInputStream(socket.getInputStream());
            statusLine = line();
            for (String h = line(); !h.isEmpty(); h = line()) {
                headers.add(h.toLowerCase(java.util.Locale.ROOT));
            }
        }

        /** The next chunk's data (also kept for {@link #rest()}), empty at the last chunk. */
        int[] nextChunk() throws Exception {
            int size = Integer.parseInt(line().trim(), 16);
            byte[] data = new byte[size];
            in.readFully(data);
            line();
            body.writeBytes(data);
            return java.util.stream.IntStream.range(0, size).map(i -> data[i] & 0xFF).toArray();
        }

        /** The whole body, after reading every chunk left. */
        byte[] rest() throws Exception {
            while (nextChunk().length > 0) {
                // collecting
            }
            return body.toByteArray();
        }

        private String line() throws Exception {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new java.io.EOFException("connection closed after " + b);
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }
    }

    // ---- retrievals --------------------------------------------------------------------------------------------

    @Test
    void aPassedRetrievalRelaysTheMmscsContent() throws Exception {
        URI gw = start("default");
        byte[] message = Mm1Encoder.encode(retrieveConf("R-pass", "+436649999999/TYPE=PLMN", text("t", "hello")));
        mmsc.respond("/content", r -> new StubMmsc.Response(200, MMS, message));
        inspector.answer(e -> new SessionOutcome.Decided(decision(Verdict.PASS, Reason.NONE)));

        HttpResponse<byte[]> answer = get(gw.resolve("/content/abc?id=7"), MSISDN_HEADER, "+436641000001");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(message);
        assertThat(mmsc.received()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.uri().getPath()).isEqualTo("/content/abc");
            assertThat(r.uri().getQuery()).isEqualTo("id=7");
        });
        MmsEnvelope env = inspector.single();
        assertThat(env.getDirection()).isEqualTo(Direction.RETRIEVE);
        assertThat(env.getMessageType()).isEqualTo("m-retrieve-conf");
        assertThat(env.getSender()).isEqualTo("+436649999999");
        assertThat(env.getRecipients()).extracting(r -> r.getAddress()).containsExactly("+436641000001");
        assertThat(env.getTransport().getHttpUrl()).isEqualTo("/content/abc?id=7");
    }

    @Test
    void aBlockedRetrievalIsReplacedByAnMRetrieveConfWithTheReplacementText() throws Exception {
        URI gw = start("default");
        mmsc.respond("/content", r -> new StubMmsc.Response(200, MMS, Mm1Encoder.encode(retrieveConf("R-block",
                "+436649999999/TYPE=PLMN", binary("v", "application/octet-stream",
                        EICAR.getBytes(StandardCharsets.US_ASCII))))));
        inspector.answer(e -> new SessionOutcome.Decided(Decision.newBuilder(decision(Verdict.BLOCK, Reason.VIRUS))
                .setReplacementText("This message contained a virus and was removed")
                .setReplacementSubject("Removed").build()));

        HttpResponse<byte[]> answer = get(gw.resolve("/content/v1"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("content-type")).contains(MMS);
        MmsPdu replacement = decode(answer.body());
        assertThat(replacement.messageType()).isEqualTo(MessageType.RETRIEVE_CONF);
        assertThat(replacement.transactionId()).isEqualTo("R-block");
        assertThat(replacement.retrieveStatus()).isEqualTo(StatusCodes.RETRIEVE_ERROR_PERMANENT_SERVICE_DENIED);
        assertThat(replacement.subject()).isEqualTo("Removed");
        assertThat(replacement.parts()).singleElement().satisfies(p -> {
            assertThat(p.contentType()).isEqualTo("text/plain");
            assertThat(new String(p.content(), StandardCharsets.UTF_8))
                    .isEqualTo("This message contained a virus and was removed");
        });
        assertThat(outcomes("blocked")).isEqualTo(1);
    }

    @Test
    void aRetrievalWithoutADecisionFailClosedIs503() throws Exception {
        URI gw = start("default");
        mmsc.respond("/content", r -> new StubMmsc.Response(200, MMS, Mm1Encoder.encode(retrieveConf("R-t",
                "+436649999999/TYPE=PLMN", text("t", "x")))));
        inspector.answer(e -> new SessionOutcome.TimedOut());

        assertThat(get(gw.resolve("/content/t")).statusCode()).isEqualTo(503);
    }

    @Test
    void aStrippedRetrievalLosesTheStrippedPart() throws Exception {
        URI gw = start("default");
        mmsc.respond("/content", r -> new StubMmsc.Response(200, MMS, Mm1Encoder.encode(retrieveConf("R-s",
                "+436649999999/TYPE=PLMN", text("t", "keep"), binary("v", "application/x-msdownload",
                        new byte[]{'M', 'Z'})))));
        inspector.answer(e -> new SessionOutcome.Decided(Decision.newBuilder(decision(Verdict.STRIP,
                Reason.FILE_FILTER)).setPartsToStrip(List.of(1)).setReplacementText("removed").build()));

        MmsPdu answer = decode(get(gw.resolve("/content/s")).body());

        assertThat(answer.parts()).extracting(p -> new String(p.content(), StandardCharsets.UTF_8))
                .containsExactly("keep", "removed");
    }
}
