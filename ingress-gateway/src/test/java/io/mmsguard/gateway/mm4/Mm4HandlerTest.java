package io.mmsguard.gateway.mm4;

import static io.mmsguard.gateway.mm3.SmtpTestKit.await;
import static io.mmsguard.gateway.mm3.SmtpTestKit.decided;
import static io.mmsguard.gateway.mm3.SmtpTestKit.h;
import static io.mmsguard.gateway.mm3.SmtpTestKit.mail;
import static io.mmsguard.gateway.mm3.SmtpTestKit.transaction;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.Recipient;
import io.mmsguard.avro.RecipientKind;
import io.mmsguard.avro.ResponseStatus;
import io.mmsguard.avro.Verdict;
import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mail.HeaderField;
import io.mmsguard.codec.mail.MailMessage;
import io.mmsguard.codec.mail.MailEntities;
import io.mmsguard.codec.mail.MailEntity;
import io.mmsguard.codec.mail.MailParser;
import io.mmsguard.codec.mail.MailWriter;
import io.mmsguard.codec.mm4.Mm4Headers;
import io.mmsguard.codec.mm4.Mm4Message;
import io.mmsguard.codec.mm4.Mm4MessageType;
import io.mmsguard.codec.mm4.Mm4ReadResult;
import io.mmsguard.codec.mm4.Mm4Reader;
import io.mmsguard.codec.mm4.Mm4RequestStatus;
import io.mmsguard.gateway.Mm4Settings;
import io.mmsguard.gateway.mm3.MailSession;
import io.mmsguard.gateway.mm3.SmtpTestKit;
import io.mmsguard.gateway.session.SessionOutcome;
import io.mmsguard.smtp.SmtpReply;
import io.mmsguard.gateway.smtp.SmtpTransaction;
import org.junit.jupiter.api.Test;

/**
 * The MM4 handler called directly with MM4 mails written by the codec, a fake inspector, a recording upstream and a
 * recording relay towards the originating MMSC.
 */
class Mm4HandlerTest {
    private static final String SYSTEM = "system-user@mms.mnc010.mcc234.gprs";
    private static final String ORIGINATOR_SYSTEM = "PostMaster@mms.mnc006.mcc260.gprs";
    private static final String MAIL_FROM = "+48600111222/TYPE=PLMN@mms.mnc006.mcc260.gprs";
    private static final List<String> RCPT = List.of("+447700900456/TYPE=PLMN@mms.mnc010.mcc234.gprs");

    private final SmtpTestKit kit = new SmtpTestKit();
    private final SmtpTestKit.RecordingRelay upstream = new SmtpTestKit.RecordingRelay();
    private final SmtpTestKit.RecordingRelay originator = new SmtpTestKit.RecordingRelay();
    private final List<String> routedDomains = new CopyOnWriteArrayList<>();

    private Mm4Handler handler(String profile) {
        return new Mm4Handler(kit.context, new Mm4Settings(profile, 1 << 20, SYSTEM, "6.10.0", SmtpTestKit.PEERS, peer -> {
            routedDomains.add(peer);
            return originator;
        }), upstream);
    }

    private SmtpReply send(String profile, byte[] data) {
        return await(handler(profile).onMessage(transaction(MAIL_FROM, RCPT, data)));
    }

    /** An MM4_forward.REQ as PROTOCOLS.md 3.6 shows it, with the given X-Mms-Ack-Request and extra headers. */
    private static byte[] forward(String ackRequest, HeaderField... extra) {
        List<HeaderField> headers = new ArrayList<>(List.of(
                h("From", "+48600111222/TYPE=PLMN"),
                h("To", "+447700900456/TYPE=PLMN"),
                h("Subject", "Holiday"),
                h("Date", "Tue, 24 Nov 2026 10:00:00 +0100"),
                h("Message-ID", "<1.2.JavaMail.mms@mms2.peer>"),
                h("Sender", MAIL_FROM),
                h("X-Mms-Message-Type", "MM4_forward.REQ"),
                h("X-Mms-3GPP-MMS-Version", "5.5.0"),
                h("X-Mms-Transaction-ID", "\"48123@mms.peer\""),
                h("X-Mms-Message-ID", "\"g2q151@w.mms.peer\""),
                h("X-Mms-Originator-System", ORIGINATOR_SYSTEM)));
        if (ackRequest != null) {
            headers.add(h("X-Mms-Ack-Request", ackRequest));
        }
        headers.addAll(List.of(extra));
        return mail("Hello from Poland", headers.toArray(HeaderField[]::new));
    }

    private static byte[] without(byte[] mail, String header) {
        String text = new String(mail, StandardCharsets.UTF_8);
        return text.replaceFirst("(?m)^" + header + ":[^\r\n]*\r\n", "").getBytes(StandardCharsets.UTF_8);
    }

    /** The one .RES sent to the originating MMSC, read back with the codec. */
    private Mm4Message response() {
        assertThat(originator.sent).hasSize(1);
        SmtpTestKit.Sent sent = originator.sent.get(0);
        assertThat(sent.mailFrom()).isEqualTo(SYSTEM);
        assertThat(sent.rcptTo()).containsExactly(ORIGINATOR_SYSTEM);
        assertThat(routedDomains).containsExactly(SmtpTestKit.PEER);
        MailMessage mail = new MailParser().parse(sent.data());
        assertThat(mail.headers().value(Mm4Headers.TRANSACTION_ID)).isEqualTo("\"48123@mms.peer\"");
        Mm4ReadResult read = Mm4Reader.read(mail);
        assertThat(read).isInstanceOf(Mm4ReadResult.Valid.class);
        Mm4Message res = ((Mm4ReadResult.Valid) read).message();
        assertThat(res.type()).isEqualTo(Mm4MessageType.FORWARD_RES);
        assertThat(res.transactionId()).isEqualTo("48123@mms.peer");
        return res;
    }

    @Test
    void passRelaysTheOriginalBytesAndSendsNoResponse() {
        kit.inspector.answer(decided(Verdict.PASS, Reason.NONE));
        upstream.reply = SmtpReply.of(250, "2.0.0", "queued as MM4-77");
        byte[] data = forward("Yes");

        SmtpReply reply = send("closed", data);

        assertThat(reply).isEqualTo(upstream.reply);
        assertThat(upstream.sent).containsExactly(new SmtpTestKit.Sent(MAIL_FROM, RCPT, data));
        assertThat(originator.sent).isEmpty();
        assertThat(kit.outcomes("MM4", "forwarded")).isEqualTo(1.0);
    }

    @Test
    void envelopeCarriesTheForwardRequest() {
        kit.inspector.answer(decided(Verdict.PASS, Reason.NONE));
        byte[] data = forward("Yes");

        send("closed", data);

        MmsEnvelope e = kit.inspector.envelopes.get(0);
        assertThat(e.getMmsInterface()).isEqualTo(MmsInterface.MM4);
        assertThat(e.getDirection()).isEqualTo(Direction.SEND);
        assertThat(e.getMessageType()).isEqualTo("MM4_forward.REQ");
        assertThat(e.getTransactionId()).isEqualTo("48123@mms.peer");
        assertThat(e.getMessageId()).isEqualTo("g2q151@w.mms.peer");
        assertThat(e.getSender()).isEqualTo("+48600111222");
        assertThat(e.getSenderRaw()).isEqualTo("+48600111222/TYPE=PLMN");
        assertThat(e.getRecipients()).extracting(Recipient::getAddress, Recipient::getKind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("+447700900456", RecipientKind.TO));
        assertThat(e.getSubject()).isEqualTo("Holiday");
        assertThat(e.getParts()).extracting(p -> p.getContentType()).containsExactly("text/plain", "image/gif");
        assertThat(e.getOriginalSize()).isEqualTo(data.length);
        assertThat(e.getProfile()).isEqualTo("closed");
        assertThat(e.getTransport().getListener()).isEqualTo("mm4");
        assertThat(e.getTransport().getSmtpMailFrom()).isEqualTo(MAIL_FROM);
        assertThat(e.getTransport().getSmtpHelo()).isEqualTo("mx.example.org");
        assertThat(e.getTransport().getMmsVersion()).isEqualTo("5.5.0");
        assertThat(e.getTransport().getMm4OriginatorSystem()).isEqualTo(ORIGINATOR_SYSTEM);
        assertThat(e.getTransport().getMm4AckRequest()).isTrue();
    }

    @Test
    void blockAccepts250AndSendsOneForwardResponseWithContentNotAccepted() {
        kit.inspector.answer(decided(Verdict.BLOCK, Reason.VIRUS, "Virus found", List.of(), null));

        SmtpReply reply = send("closed", forward("Yes"));

        assertThat(reply.code()).isEqualTo(250);
        assertThat(upstream.sent).isEmpty();
        Mm4Message res = response();
        assertThat(res.requestStatus()).isEqualTo(Mm4RequestStatus.ERROR_CONTENT_NOT_ACCEPTED);
        assertThat(res.statusText()).isEqualTo("Virus found");
        assertThat(res.messageId()).isEqualTo("g2q151@w.mms.peer");
        assertThat(kit.outcomes("MM4", "blocked")).isEqualTo(1.0);
    }

    @Test
    void blockAnswersTheDecisionsRequestStatus() {
        kit.inspector.answer(decided(Verdict.BLOCK, Reason.FLOOD, null, List.of(),
                ResponseStatus.newBuilder().setMm4RequestStatus("Error-service-denied").build()));

        assertThat(send("closed", forward("Yes")).code()).isEqualTo(250);

        assertThat(response().requestStatus()).isEqualTo(Mm4RequestStatus.ERROR_SERVICE_DENIED);
    }

    @Test
    void blockWithoutAckRequestSendsNoResponse() {
        kit.inspector.answer(decided(Verdict.BLOCK, Reason.VIRUS));

        assertThat(send("closed", forward("No")).code()).isEqualTo(250);
        assertThat(send("closed", forward(null)).code()).isEqualTo(250);

        assertThat(originator.sent).isEmpty();
        assertThat(upstream.sent).isEmpty();
        assertThat(kit.outcomes("MM4", "blocked")).isEqualTo(2.0);
    }

    @Test
    void stripRelaysTheForwardWithoutTheStrippedPart() {
        kit.inspector.answer(decided(Verdict.STRIP, Reason.FILE_FILTER, "cat.gif removed", List.of(1), null));

        SmtpReply reply = send("closed", forward("Yes"));

        assertThat(reply).isEqualTo(upstream.reply);
        MailMessage relayed = new MailParser().parse(upstream.sent.get(0).data());
        assertThat(relayed.parts()).extracting(MessagePart::contentType).containsExactly("text/plain", "text/plain");
        assertThat(relayed.parts()).extracting(p -> new String(p.content(), StandardCharsets.UTF_8))
                .containsExactly("Hello from Poland", "cat.gif removed");
        assertThat(Mm4Reader.read(relayed)).isInstanceOf(Mm4ReadResult.Valid.class);
        assertThat(originator.sent).isEmpty();
        assertThat(kit.outcomes("MM4", "stripped")).isEqualTo(1.0);
    }

    @Test
    void failOpenRelaysAndFailClosedAnswers451() {
        kit.inspector.answer(new SessionOutcome.TimedOut());
        byte[] data = forward("Yes");

        assertThat(send("open", data)).isEqualTo(upstream.reply);
        assertThat(upstream.sent).singleElement().satisfies(s -> assertThat(s.data()).isEqualTo(data));

        kit.inspector.answer(decided(Verdict.TEMPORARY_FAILURE, Reason.SCANNER_FAILURE));
        assertThat(send("closed", data)).isEqualTo(MailSession.TRANSIENT);
        kit.inspector.answer(new SessionOutcome.Unavailable("kafka down"));
        assertThat(send("closed", data)).isEqualTo(SmtpReply.of(451, "4.3.0", "Temporary failure, try again later"));

        assertThat(upstream.sent).hasSize(1);
        assertThat(originator.sent).isEmpty();
        assertThat(kit.outcomes("MM4", "fail-open")).isEqualTo(1.0);
        assertThat(kit.outcomes("MM4", "temporary-failure")).isEqualTo(2.0);
    }

    @Test
    void malformedForwardIsAcceptedAndAnsweredFormatCorrupt() {
        SmtpReply reply = send("open", without(forward("Yes"), "X-Mms-3GPP-MMS-Version"));

        assertThat(reply.code()).isEqualTo(250);
        assertThat(kit.inspector.envelopes).isEmpty();
        assertThat(upstream.sent).isEmpty();
        assertThat(response().requestStatus()).isEqualTo(Mm4RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT);
        assertThat(kit.outcomes("MM4", "malformed")).isEqualTo(1.0);
    }

    /** Issue 17: no backscatter. An invalid request naming another system gets no MM4_forward.RES. */
    @Test
    void aRequestNamingAnOriginatorSystemOutsideThePeersDomainsIsRefusedAndAnsweredNowhere() {
        byte[] data = new String(without(forward("Yes"), "X-Mms-3GPP-MMS-Version"), StandardCharsets.UTF_8)
                .replace(ORIGINATOR_SYSTEM, "PostMaster@victim.example").getBytes(StandardCharsets.UTF_8);

        SmtpReply reply = send("open", data);

        assertThat(reply).isEqualTo(Mm4Handler.FOREIGN_ORIGINATOR);
        assertThat(reply.enhanced()).isEqualTo("5.7.1");
        assertThat(originator.sent).isEmpty();
        assertThat(upstream.sent).isEmpty();
        assertThat(kit.meters.get("mmsguard.gateway.smtp.refused").tag("reason", "originator-system").counter()
                .count()).isEqualTo(1);
    }

    /** Under mm4.peers: any no peer is known, so no response goes anywhere. */
    @Test
    void withoutConfiguredPeersNoResponseIsSent() {
        Mm4Handler any = new Mm4Handler(kit.context, Mm4Settings.viaOneRelay("open", 1 << 20, SYSTEM, "6.10.0",
                Mm4Peers.ANY, originator), upstream);

        SmtpReply reply = await(any.onMessage(new SmtpTransaction("mx.example.org", MAIL_FROM, RCPT,
                without(forward("Yes"), "X-Mms-3GPP-MMS-Version"), SmtpTestKit.CLIENT, false, null, () -> true)));

        assertThat(reply).isEqualTo(MailSession.MALFORMED);
        assertThat(originator.sent).isEmpty();
        assertThat(kit.meters.get("mmsguard.gateway.mm4.responses").tag("result", "withheld").counter().count())
                .isEqualTo(1);
    }

    @Test
    void malformedForwardWithoutOriginatorIsRefused() {
        byte[] data = without(without(forward("Yes", h("X-Mms-Ack-Request", "Perhaps")), "Sender"),
                "X-Mms-Originator-System");

        SmtpReply reply = send("open", data);

        assertThat(reply).isEqualTo(MailSession.MALFORMED);
        assertThat(reply.enhanced()).isEqualTo("5.6.0");
        assertThat(kit.inspector.envelopes).isEmpty();
        assertThat(upstream.sent).isEmpty();
        assertThat(originator.sent).isEmpty();
    }

    @Test
    void unparsableMailIsRefused() {
        byte[] data = ("X-Mms-Message-Type: MM4_forward.REQ\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/related\r\n\r\nno boundary\r\n").getBytes(StandardCharsets.US_ASCII);

        assertThat(send("open", data)).isEqualTo(MailSession.MALFORMED);
        assertThat(upstream.sent).isEmpty();
        assertThat(kit.outcomes("MM4", "malformed")).isEqualTo(1.0);
    }

    /** A message of {@code type} as a report or .RES looks: headers and a text body, or with the GIF attachment. */
    private static byte[] ofType(Mm4MessageType type, String id, boolean attachment) {
        HeaderField[] headers = {
            h("From", "+447700900456/TYPE=PLMN"),
            h("To", "+48600111222/TYPE=PLMN"),
            h("Date", "Tue, 24 Nov 2026 10:05:00 +0100"),
            h("Sender", ORIGINATOR_SYSTEM),
            h("X-Mms-Message-Type", type.token()),
            h("X-Mms-3GPP-MMS-Version", "5.5.0"),
            h("X-Mms-Transaction-ID", id),
            h("X-Mms-Message-ID", "g2q151@w.mms.peer"),
            h("X-Mms-MM-Status-Code", "Retrieved"),
            h("X-Mms-Read-Status", "Read"),
            h("X-Mms-Request-Status-Code", "Ok")};
        if (attachment) {
            return mail("report " + id, headers);
        }
        MailEntity text = MailEntities.withLeadingHeaders(MailEntities.text("report " + id),
                new ArrayList<>(List.of(headers)));
        return MailWriter.write(new MailMessage(text));
    }

    @Test
    void everyTypeWithoutContentIsRelayedAsPassedThroughAndOnlyThose() {
        // the list in the report to the lead: forward.REQ inspected, every other type relayed (carries no content)
        List<Mm4MessageType> withoutContent = new ArrayList<>(List.of(Mm4MessageType.values()));
        withoutContent.remove(Mm4MessageType.FORWARD_REQ);
        assertThat(withoutContent).containsExactlyInAnyOrder(Mm4MessageType.FORWARD_RES,
                Mm4MessageType.DELIVERY_REPORT_REQ, Mm4MessageType.DELIVERY_REPORT_RES,
                Mm4MessageType.READ_REPLY_REPORT_REQ, Mm4MessageType.READ_REPLY_REPORT_RES);
        List<byte[]> sent = new ArrayList<>();
        for (Mm4MessageType type : withoutContent) {
            byte[] data = ofType(type, "r-" + type.ordinal(), false);
            sent.add(data);
            assertThat(send("closed", data)).as(type.token()).isEqualTo(upstream.reply);
        }

        assertThat(kit.inspector.envelopes).isEmpty();
        assertThat(upstream.sent).extracting(SmtpTestKit.Sent::data).containsExactlyElementsOf(sent);
        assertThat(originator.sent).isEmpty();
        assertThat(kit.outcomes("MM4", "passed-through")).isEqualTo(withoutContent.size());

        send("open", forward("Yes"));
        assertThat(kit.inspector.envelopes).as("forward.REQ is inspected").hasSize(1);
    }

    @Test
    void aReportCarryingAnAttachmentIsInspectedAndABlockIsRefused() {
        kit.inspector.answer(decided(Verdict.BLOCK, Reason.FILE_FILTER, "File not allowed", List.of(), null));
        for (Mm4MessageType type : List.of(Mm4MessageType.DELIVERY_REPORT_REQ, Mm4MessageType.FORWARD_RES)) {
            assertThat(send("closed", ofType(type, "a-" + type.ordinal(), true))).as(type.token())
                    .isEqualTo(SmtpReply.of(550, "5.7.1", "File not allowed"));
        }

        assertThat(kit.inspector.envelopes).extracting(MmsEnvelope::getMessageType)
                .containsExactly("MM4_delivery_report.REQ", "MM4_forward.RES");
        assertThat(kit.inspector.envelopes).allSatisfy(e -> assertThat(e.getParts())
                .anySatisfy(p -> assertThat(p.getContentType()).isEqualTo("image/gif")));
        assertThat(upstream.sent).isEmpty();
        assertThat(kit.outcomes("MM4", "passed-through")).isZero();
    }

    @Test
    void anUnknownOrConflictingMessageTypeIsNeverRelayed() {
        byte[] unknown = ofType(Mm4MessageType.DELIVERY_REPORT_REQ, "u-1", true);
        unknown = new String(unknown, StandardCharsets.UTF_8).replace("MM4_delivery_report.REQ", "MM4_bogus.REQ")
                .getBytes(StandardCharsets.UTF_8);
        // a report label first and a forward.REQ label second: which one an MMSC believes is its own business
        byte[] conflicting = new String(ofType(Mm4MessageType.DELIVERY_REPORT_REQ, "u-2", false),
                StandardCharsets.UTF_8).replace("X-Mms-Message-Type: MM4_delivery_report.REQ\r\n",
                "X-Mms-Message-Type: MM4_delivery_report.REQ\r\nX-Mms-Message-Type: MM4_forward.REQ\r\n")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(send("open", unknown).code()).isEqualTo(250);
        assertThat(send("open", conflicting).code()).isEqualTo(250);

        assertThat(upstream.sent).isEmpty();
        assertThat(kit.inspector.envelopes).isEmpty();
        assertThat(originator.sent).hasSize(2);
        assertThat(originator.sent).extracting(x -> new String(x.data(), StandardCharsets.UTF_8))
                .anySatisfy(t -> assertThat(t).contains("Error-unsupported-message"));
        assertThat(kit.outcomes("MM4", "malformed")).isEqualTo(2.0);
    }

    @Test
    void plainMailOnMm4IsInspectedAndABlockIsRefused() {
        kit.inspector.answer(decided(Verdict.BLOCK, Reason.VIRUS, "Virus found", List.of(), null));
        byte[] data = mail("not MM4", h("From", "someone@example.org"), h("To", "+447700900456/TYPE=PLMN"));

        SmtpReply reply = send("closed", data);

        assertThat(reply).isEqualTo(SmtpReply.of(550, "5.7.1", "Virus found"));
        assertThat(kit.inspector.envelopes).singleElement().satisfies(e -> {
            assertThat(e.getMmsInterface()).isEqualTo(MmsInterface.MM4);
            assertThat(e.getMessageType()).isNull();
            assertThat(e.getSender()).isEqualTo("someone@example.org");
        });
        assertThat(upstream.sent).isEmpty();
        assertThat(originator.sent).isEmpty();
    }
}
