package io.mmsguard.gateway.mm3;

import static io.mmsguard.gateway.mm3.SmtpTestKit.await;
import static io.mmsguard.gateway.mm3.SmtpTestKit.decided;
import static io.mmsguard.gateway.mm3.SmtpTestKit.h;
import static io.mmsguard.gateway.mm3.SmtpTestKit.mail;
import static io.mmsguard.gateway.mm3.SmtpTestKit.transaction;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Recipient;
import io.mmsguard.avro.RecipientKind;
import io.mmsguard.avro.ResponseStatus;
import io.mmsguard.avro.Verdict;
import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mail.MailMessage;
import io.mmsguard.codec.mail.MailParser;
import io.mmsguard.gateway.Mm3Settings;
import io.mmsguard.gateway.session.SessionOutcome;
import io.mmsguard.smtp.SmtpReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The MM3 handler called directly with mails written by the codec, a fake inspector and a recording relay. */
class Mm3HandlerTest {
    private static final String MAIL_FROM = "bounce+123@example.org";
    private static final List<String> RCPT = List.of("+447700900456/TYPE=PLMN@mms.operator.tld",
            "447700900999@mms.operator.tld");

    private final SmtpTestKit kit = new SmtpTestKit();
    private final SmtpTestKit.RecordingRelay upstream = new SmtpTestKit.RecordingRelay();

    private Mm3Handler handler(String profile) {
        return new Mm3Handler(kit.context, new Mm3Settings(profile, 1 << 20), upstream);
    }

    private static byte[] sample() {
        return mail("Hello from the Internet",
                h("From", "\"Alice Example\" <Alice@Example.ORG>"),
                h("To", "+447700900456/TYPE=PLMN@mms.operator.tld"),
                h("Subject", "=?UTF-8?B?R3LDvMOfZQ==?="),
                h("Message-ID", "<m1@example.org>"));
    }

    private SmtpReply send(String profile, byte[] data) {
        return await(handler(profile).onMessage(transaction(MAIL_FROM, RCPT, data)));
    }

    @Test
    void passRelaysTheOriginalBytesAndReturnsTheUpstreamReply() {
        kit.inspector.answer(decided(Verdict.PASS, Reason.NONE));
        upstream.reply = SmtpReply.of(250, "2.0.0", "queued as ABC123");
        byte[] data = sample();

        SmtpReply reply = send("closed", data);

        assertThat(reply).isEqualTo(upstream.reply);
        assertThat(upstream.sent).containsExactly(new SmtpTestKit.Sent(MAIL_FROM, RCPT, data));
        assertThat(kit.outcomes("MM3", "forwarded")).isEqualTo(1.0);
    }

    @Test
    void upstreamRefusalIsPassedBack() {
        kit.inspector.answer(decided(Verdict.PASS, Reason.NONE));
        upstream.reply = SmtpReply.of(550, "5.1.1", "no such user");

        assertThat(send("closed", sample())).isEqualTo(upstream.reply);
    }

    @Test
    void envelopeCarriesTheMailAndTheSmtpEnvelope() {
        kit.inspector.answer(decided(Verdict.PASS, Reason.NONE));
        byte[] data = sample();

        send("closed", data);

        MmsEnvelope e = kit.inspector.envelopes.get(0);
        assertThat(e.getMmsInterface()).isEqualTo(MmsInterface.MM3);
        assertThat(e.getDirection()).isEqualTo(Direction.SEND);
        assertThat(e.getMessageType()).isNull();
        assertThat(e.getSender()).isEqualTo("alice@example.org");
        assertThat(e.getSenderRaw()).isEqualTo("Alice@Example.ORG");
        assertThat(e.getRecipients()).extracting(Recipient::getAddress, Recipient::getKind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("+447700900456", RecipientKind.TO),
                org.assertj.core.groups.Tuple.tuple("447700900999@mms.operator.tld", RecipientKind.BCC));
        assertThat(e.getRecipients().get(0).getRaw()).isEqualTo(RCPT.get(0));
        assertThat(e.getSubject()).isEqualTo("Grüße");
        assertThat(e.getMessageId()).isEqualTo("m1@example.org");
        assertThat(e.getContentType()).isEqualTo("multipart/mixed");
        assertThat(e.getParts()).extracting(p -> p.getContentType()).containsExactly("text/plain", "image/gif");
        assertThat(e.getParts().get(1).getContent().array()).isEqualTo(SmtpTestKit.GIF);
        assertThat(e.getOriginalSize()).isEqualTo(data.length);
        assertThat(e.getProfile()).isEqualTo("closed");
        assertThat(e.getTransport().getListener()).isEqualTo("mm3");
        assertThat(e.getTransport().getClientAddress()).isEqualTo("192.0.2.7");
        assertThat(e.getTransport().getSmtpHelo()).isEqualTo("mx.example.org");
        assertThat(e.getTransport().getSmtpMailFrom()).isEqualTo(MAIL_FROM);
        assertThat(e.getGatewayId()).isEqualTo("gw-test");
    }

    @Test
    void senderFallsBackToMailFromWithoutFromHeader() {
        kit.inspector.answer(decided(Verdict.PASS, Reason.NONE));

        send("closed", mail("no from", h("To", "+447700900456/TYPE=PLMN"), h("Subject", "x")));

        assertThat(kit.inspector.envelopes.get(0).getSender()).isEqualTo(MAIL_FROM);
    }

    @Test
    void blockAnswers550WithTheReplacementTextAndRelaysNothing() {
        kit.inspector.answer(decided(Verdict.BLOCK, Reason.VIRUS, "Virus Eicar found", List.of(), null));

        SmtpReply reply = send("closed", sample());

        assertThat(reply.code()).isEqualTo(550);
        assertThat(reply.enhanced()).isEqualTo("5.7.1");
        assertThat(reply.lines()).containsExactly("Virus Eicar found");
        assertThat(new String(reply.toWire(), StandardCharsets.UTF_8))
                .isEqualTo("550 5.7.1 Virus Eicar found\r\n");
        assertThat(upstream.sent).isEmpty();
        assertThat(kit.outcomes("MM3", "blocked")).isEqualTo(1.0);
    }

    @Test
    void blockUsesTheDecisionsSmtpStatus() {
        kit.inspector.answer(decided(Verdict.BLOCK, Reason.FLOOD, "Too many messages", List.of(),
                ResponseStatus.newBuilder().setMm3ReplyCode(554).setMm3EnhancedStatus("5.7.0").build()));

        SmtpReply reply = send("closed", sample());

        assertThat(reply).isEqualTo(SmtpReply.of(554, "5.7.0", "Too many messages"));
        assertThat(upstream.sent).isEmpty();
    }

    @Test
    void stripRelaysTheMailWithoutTheStrippedPart() {
        kit.inspector.answer(decided(Verdict.STRIP, Reason.FILE_FILTER, "cat.gif was removed", List.of(1), null));

        SmtpReply reply = send("closed", sample());

        assertThat(reply.code()).isEqualTo(250);
        MailMessage relayed = new MailParser().parse(upstream.sent.get(0).data());
        assertThat(relayed.parts()).extracting(MessagePart::contentType).containsExactly("text/plain", "text/plain");
        assertThat(relayed.parts()).extracting(p -> new String(p.content(), StandardCharsets.UTF_8))
                .containsExactly("Hello from the Internet", "cat.gif was removed");
        assertThat(relayed.subject()).isEqualTo("Grüße");
        assertThat(upstream.sent.get(0).rcptTo()).isEqualTo(RCPT);
        assertThat(kit.outcomes("MM3", "stripped")).isEqualTo(1.0);
    }

    @Test
    void stripOfAPartEmbeddedInAnAttachedMailRemovesTheMailItTravelsIn() {
        byte[] data = String.join("\r\n", "From: a@example.org", "To: b@example.org", "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=B", "", "--B", "Content-Type: text/plain", "", "see attached",
                "--B", "Content-Type: message/rfc822", "", "From: c@example.org",
                "Content-Type: application/octet-stream; name=x.exe", "Content-Transfer-Encoding: base64", "",
                "TVqQAAMAAAA=", "--B--", "").getBytes(StandardCharsets.US_ASCII);
        kit.inspector.answer(decided(Verdict.STRIP, Reason.FILE_FILTER, "x.exe was removed", List.of(2), null));

        SmtpReply reply = send("closed", data);

        assertThat(reply.code()).isEqualTo(250);
        assertThat(kit.inspector.envelopes.get(0).getParts()).extracting(p -> p.getFilename())
                .containsExactly(null, null, "x.exe");
        MailMessage relayed = new MailParser().parse(upstream.sent.get(0).data());
        assertThat(relayed.parts()).extracting(p -> new String(p.content(), StandardCharsets.UTF_8))
                .containsExactly("see attached", "x.exe was removed");
    }

    @Test
    void aFragmentIsRefusedWithoutInspectionUnlessTheProfilePassesFragments() {
        byte[] data = ("From: a@example.org\r\nTo: b@example.org\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: message/partial; id=\"f1@example.org\"; number=1; total=2\r\n\r\n"
                + "From: a@example.org\r\nSubject: part one\r\n\r\nfirst half\r\n").getBytes(StandardCharsets.US_ASCII);

        SmtpReply reply = send("open", data);

        assertThat(reply).isEqualTo(MailSession.FRAGMENTED);
        assertThat(kit.inspector.envelopes).isEmpty();
        assertThat(upstream.sent).isEmpty();
        assertThat(kit.outcomes("MM3", "malformed")).isEqualTo(1.0);
    }

    @Test
    void stripOfAPartThatDoesNotExistIsATransientFailure() {
        kit.inspector.answer(decided(Verdict.STRIP, Reason.FILE_FILTER, "removed", List.of(7), null));

        assertThat(send("open", sample())).isEqualTo(MailSession.TRANSIENT);
        assertThat(upstream.sent).isEmpty();
        assertThat(kit.outcomes("MM3", "error")).isEqualTo(1.0);
    }

    @Test
    void multiLineReplacementTextBecomesAMultiLineReply() {
        kit.inspector.answer(decided(Verdict.BLOCK, Reason.BANNED_WORDS, "Refused\r\n250 injected", List.of(),
                null));

        SmtpReply reply = send("closed", sample());

        assertThat(new String(reply.toWire(), StandardCharsets.UTF_8))
                .isEqualTo("550-5.7.1 Refused\r\n550 5.7.1 250 injected\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeout", "unavailable", "temporary"})
    void failOpenRelaysTheOriginal(String kind) {
        kit.inspector.answer(noDecision(kind));
        byte[] data = sample();

        SmtpReply reply = send("open", data);

        assertThat(reply).isEqualTo(upstream.reply);
        assertThat(upstream.sent).singleElement().satisfies(s -> assertThat(s.data()).isEqualTo(data));
        assertThat(kit.outcomes("MM3", "fail-open")).isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeout", "unavailable", "temporary"})
    void failClosedAnswers451(String kind) {
        kit.inspector.answer(noDecision(kind));

        SmtpReply reply = send("closed", sample());

        assertThat(reply.code()).isEqualTo(451);
        assertThat(reply.enhanced()).isEqualTo("4.3.0");
        assertThat(upstream.sent).isEmpty();
        assertThat(kit.outcomes("MM3", "temporary-failure")).isEqualTo(1.0);
    }

    static SessionOutcome noDecision(String kind) {
        return switch (kind) {
            case "timeout" -> new SessionOutcome.TimedOut();
            case "unavailable" -> new SessionOutcome.Unavailable("kafka down");
            default -> decided(Verdict.TEMPORARY_FAILURE, Reason.SCANNER_FAILURE);
        };
    }

    @Test
    void malformedMailIsRefusedWithoutInspection() {
        byte[] data = ("From: a@example.org\r\nTo: b@example.org\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed\r\n\r\nno boundary here\r\n").getBytes(StandardCharsets.US_ASCII);

        SmtpReply reply = await(handler("open").onMessage(transaction(MAIL_FROM, RCPT, data)));

        assertThat(reply.code()).isEqualTo(550);
        assertThat(reply.enhanced()).isEqualTo("5.6.0");
        assertThat(kit.inspector.envelopes).isEmpty();
        assertThat(upstream.sent).isEmpty();
        assertThat(kit.outcomes("MM3", "malformed")).isEqualTo(1.0);
    }

    @Test
    void theSenderOfARefusedMailIsLoggedHashed() {
        io.mmsguard.service.log.MsisdnLog.use(io.mmsguard.service.log.MsisdnLog.hashed(
                "mm3-test-msisdn-key-0123456789".getBytes(StandardCharsets.US_ASCII)));
        String sender = "+4917012345/TYPE=PLMN@mms.example.org";
        byte[] data = ("From: a@example.org\r\nTo: b@example.org\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed\r\n\r\nno boundary here\r\n").getBytes(StandardCharsets.US_ASCII);
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            await(handler("open").onMessage(transaction(sender, RCPT, data)));
        } finally {
            System.setErr(stderr);
        }

        assertThat(log.toString(StandardCharsets.UTF_8)).contains("malformed mail")
                .contains("from <" + io.mmsguard.service.log.MsisdnLog.of(sender) + ">")
                .containsPattern("from <h:[0-9a-f]{12}/TYPE=PLMN@mms.example.org>").doesNotContain("4917012345");
    }

    @Test
    void inspectorThatThrowsCountsAsUnavailable() {
        kit.inspector.failing = new IllegalStateException("boom");

        assertThat(send("closed", sample())).isEqualTo(MailSession.TRANSIENT);
        assertThat(upstream.sent).isEmpty();
        assertThat(kit.outcomes("MM3", "temporary-failure")).isEqualTo(1.0);
    }
}
