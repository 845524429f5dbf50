package io.mmsguard.codec.mm4;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mail.HeaderField;
import io.mmsguard.codec.mail.MailAddress;
import io.mmsguard.codec.mail.MailMessage;
import io.mmsguard.codec.mail.MailParser;
import io.mmsguard.codec.mail.MailWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PROTOCOLS.md 3.6 header set and the .RES builders against the 3.3 tables. */
public class Mm4ExamplesTest {

    /** PROTOCOLS.md 3.6 (PLAY header set) with placeholder digits filled in and a SMIL + text body. */
    public static final String PLAY_FORWARD_REQ = String.join("\r\n",
            "Message-ID: <10000001.1000000000001.JavaMail.mms@mms2.mms.playmobile.pl>",
            "Date: Wed, 2 Dec 2009 15:53:40 +0100",
            "From: +48600000001/TYPE=PLMN",
            "To: +48600000002/TYPE=PLMN",
            "Subject: =?UTF-8?Q?Zdj=C4=99cie?=",
            "Mime-Version: 1.0",
            "Content-Type: multipart/related;Type=\"application/smil\";Start=\"<AAAA>\";",
            "\tboundary=\"----=_Part_210936_2101044.1259765620911\"",
            "Sender: +48600000001/TYPE=PLMN@mms.mnc006.mcc260.gprs",
            "X-Mms-Message-Type: MM4_forward.REQ",
            "X-Mms-3GPP-MMS-Version: 5.5.0",
            "X-Mms-Transaction-ID: \"4800000001@mms.playmobile.pl\"",
            "X-Mms-Message-ID: \"g2q0000xxxx151@w.mms.playmobile.pl\"",
            "X-Mms-Expiry: 600",
            "X-Mms-Message-Class: Personal",
            "X-Mms-Delivery-Report: No",
            "X-Mms-Priority: Normal",
            "X-Mms-Sender-Visibility: Show",
            "X-Mms-Read-Reply: No",
            "X-Mms-Ack-Request: Yes",
            "X-Mms-Originator-System: PostMaster@mms.mnc006.mcc260.gprs",
            "X-Mms-Originator-R/S-Delivery-Report: No",
            "",
            "------=_Part_210936_2101044.1259765620911",
            "Content-Type: application/smil; charset=utf-8",
            "Content-ID: <AAAA>",
            "Content-Transfer-Encoding: 7bit",
            "",
            "<smil><body><par dur=\"5s\"><text src=\"cid:text0\"/></par></body></smil>",
            "------=_Part_210936_2101044.1259765620911",
            "Content-Type: text/plain; charset=utf-8",
            "Content-ID: <text0>",
            "Content-Location: text0.txt",
            "Content-Transfer-Encoding: base64",
            "",
            "Q3plxZvEhw==",
            "------=_Part_210936_2101044.1259765620911--",
            "");

    static final String DELIVERY_REPORT_REQ = String.join("\r\n",
            "From: +447700900456/TYPE=PLMN",
            "To: +447700900123/TYPE=PLMN",
            "Date: Thu, 3 Dec 2009 10:00:00 +0000",
            "Message-ID: <dr-1@mms.mnc015.mcc234.gprs>",
            "Sender: system-user@mms.mnc015.mcc234.gprs",
            "X-Mms-3GPP-MMS-Version: 6.10.0",
            "X-Mms-Message-Type: mm4_delivery_report.req",
            "X-Mms-Transaction-ID: dr-tx-77",
            "X-Mms-Message-ID: \"g2q0000xxxx151@w.mms.playmobile.pl\"",
            "X-Mms-MM-Status-Code: Retrieved",
            "X-Mms-Ack-Request: No",
            "",
            "");

    static MailMessage parse(String s) {
        return new MailParser().parse(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static final Mm4Responder RESPONDER = new Mm4Responder("system-user@mms.mnc010.mcc234.gprs", "6.10.0",
            Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void playForwardRequestParsesToTypedHeaders() {
        MailMessage mail = parse(PLAY_FORWARD_REQ);
        Mm4ReadResult r = Mm4Reader.read(mail);
        assertThat(r).isInstanceOf(Mm4ReadResult.Valid.class);
        Mm4Message m = ((Mm4ReadResult.Valid) r).message();
        assertThat(m.type()).isEqualTo(Mm4MessageType.FORWARD_REQ);
        assertThat(m.mmsVersion()).isEqualTo("5.5.0");
        assertThat(m.transactionId()).isEqualTo("4800000001@mms.playmobile.pl");
        assertThat(m.messageId()).isEqualTo("g2q0000xxxx151@w.mms.playmobile.pl");
        assertThat(m.expiry()).isEqualTo("600");
        assertThat(m.messageClass()).isEqualTo(Mm4MessageClass.PERSONAL);
        assertThat(m.deliveryReport()).isFalse();
        assertThat(m.readReply()).isFalse();
        assertThat(m.ackRequest()).isTrue();
        assertThat(m.originatorRsDeliveryReport()).isFalse();
        assertThat(m.priority()).isEqualTo(Mm4Priority.NORMAL);
        assertThat(m.senderVisibility()).isEqualTo(Mm4SenderVisibility.SHOW);
        assertThat(m.originatorSystem()).isEqualTo("PostMaster@mms.mnc006.mcc260.gprs");
        assertThat(m.from().msisdn()).isEqualTo("+48600000001");
        assertThat(m.to()).extracting(MailAddress::msisdn).containsExactly("+48600000002");
        assertThat(m.sender().address()).isEqualTo("+48600000001/TYPE=PLMN@mms.mnc006.mcc260.gprs");
        assertThat(m.subject()).isEqualTo("Zdjęcie");
        assertThat(m.date().toOffsetDateTime().toString()).isEqualTo("2009-12-02T15:53:40+01:00");
        assertThat(mail.contentType().value()).isEqualTo("multipart/related");
        assertThat(mail.contentType().param("type")).isEqualTo("application/smil");
        assertThat(mail.contentType().param("start")).isEqualTo("<AAAA>");
        assertThat(mail.parts()).extracting(MessagePart::contentType).containsExactly("application/smil", "text/plain");
        assertThat(new String(mail.parts().get(1).content(), StandardCharsets.UTF_8)).isEqualTo("Cześć");
        assertThat(mail.parts().get(1).contentLocation()).isEqualTo("text0.txt");
    }

    @Test
    void forwardResHasExactlyTheSpecHeaders() {
        Mm4ReadResult req = Mm4Reader.read(parse(PLAY_FORWARD_REQ));
        MailMessage res = RESPONDER.respond(req, Mm4RequestStatus.ERROR_CONTENT_NOT_ACCEPTED, "Content blocked");
        assertThat(res.headers().fields()).extracting(HeaderField::name).containsExactly(
                "From", "To", "Sender", "Date", "Message-ID", "MIME-Version", "X-Mms-3GPP-MMS-Version", "X-Mms-Message-Type",
                "X-Mms-Transaction-ID", "X-Mms-Message-ID", "X-Mms-Request-Status-Code", "X-Mms-Status-Text",
                "Content-Type", "Content-Transfer-Encoding");
        assertThat(res.headers().value("X-Mms-Message-Type")).isEqualTo("MM4_forward.RES");
        assertThat(res.headers().value("X-Mms-Transaction-ID")).isEqualTo("\"4800000001@mms.playmobile.pl\"");
        assertThat(res.headers().value("X-Mms-Request-Status-Code")).isEqualTo("Error-content-not-accepted");
        assertThat(res.headers().value("To")).isEqualTo("PostMaster@mms.mnc006.mcc260.gprs");
        assertThat(res.headers().value("Sender")).isEqualTo("system-user@mms.mnc010.mcc234.gprs");
        assertThat(res.headers().value("Date")).isEqualTo("Wed, 1 May 2024 10:00:00 GMT");
        // and it reads back as a valid .RES
        Mm4ReadResult back = Mm4Reader.read(new MailParser().parse(MailWriter.write(res)));
        assertThat(back).isInstanceOf(Mm4ReadResult.Valid.class);
        Mm4Message m = ((Mm4ReadResult.Valid) back).message();
        assertThat(m.type()).isEqualTo(Mm4MessageType.FORWARD_RES);
        assertThat(m.requestStatus()).isEqualTo(Mm4RequestStatus.ERROR_CONTENT_NOT_ACCEPTED);
        assertThat(m.statusText()).isEqualTo("Content blocked");
        assertThat(m.messageId()).isEqualTo("g2q0000xxxx151@w.mms.playmobile.pl");
    }

    @Test
    void deliveryReportIsMatchedCaseInsensitivelyAndAnswered() {
        Mm4ReadResult r = Mm4Reader.read(parse(DELIVERY_REPORT_REQ));
        assertThat(r).isInstanceOf(Mm4ReadResult.Valid.class);
        Mm4Message m = ((Mm4ReadResult.Valid) r).message();
        assertThat(m.type()).isEqualTo(Mm4MessageType.DELIVERY_REPORT_REQ);
        assertThat(m.mmStatus()).isEqualTo(Mm4MmStatus.RETRIEVED);
        MailMessage res = RESPONDER.respond(r, Mm4RequestStatus.OK, null);
        assertThat(res.headers().value("X-Mms-Message-Type")).isEqualTo("MM4_delivery_report.RES");
        assertThat(res.headers().value("X-Mms-Transaction-ID")).isEqualTo("dr-tx-77");
        assertThat(res.headers().value("To")).isEqualTo("system-user@mms.mnc015.mcc234.gprs"); // Sender fallback
        assertThat(res.headers().contains("X-Mms-Status-Text")).isFalse();
    }

    @Test
    void violationsNameTheHeader() {
        String bad = PLAY_FORWARD_REQ.replace("X-Mms-Priority: Normal", "X-Mms-Priority: Urgent")
                .replace("X-Mms-Delivery-Report: No", "X-Mms-Delivery-Report: maybe")
                .replace("X-Mms-3GPP-MMS-Version: 5.5.0\r\n", "");
        Mm4ReadResult r = Mm4Reader.read(parse(bad));
        assertThat(r).isInstanceOf(Mm4ReadResult.Invalid.class);
        Mm4ReadResult.Invalid inv = (Mm4ReadResult.Invalid) r;
        assertThat(inv.violations()).extracting(Mm4Violation::header)
                .containsExactlyInAnyOrder("X-Mms-Priority", "X-Mms-Delivery-Report", "X-Mms-3GPP-MMS-Version");
        assertThat(inv.violations()).allMatch(v -> v.status() == Mm4RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT);
        MailMessage res = RESPONDER.respond(r, inv.violations().get(0).status(), inv.violations().get(0).toString());
        assertThat(res.headers().value("X-Mms-Request-Status-Code")).isEqualTo("Error-message-format-corrupt");
        assertThat(res.headers().value("X-Mms-Transaction-ID")).isEqualTo("\"4800000001@mms.playmobile.pl\"");
    }

    @Test
    void unknownTypeIsUnsupportedAndMailWithoutTypeIsMm3() {
        Mm4ReadResult r = Mm4Reader.read(parse(PLAY_FORWARD_REQ.replace("MM4_forward.REQ", "MM4_routing_forward.REQ")));
        assertThat(((Mm4ReadResult.Invalid) r).violations()).extracting(Mm4Violation::status)
                .containsExactly(Mm4RequestStatus.ERROR_UNSUPPORTED_MESSAGE);
        assertThat(Mm4Reader.read(parse(PLAY_FORWARD_REQ.replace("X-Mms-Message-Type: MM4_forward.REQ\r\n", ""))))
                .isInstanceOf(Mm4ReadResult.Mm3.class);
        assertThat(Mm4Reader.read(parse(PLAY_FORWARD_REQ.replace("MM4_forward.REQ", "MM4_Forward.REQ"))))
                .isInstanceOf(Mm4ReadResult.Valid.class);
    }

    @Test
    void everyStatusTokenRoundTrips() {
        assertThat(Mm4RequestStatus.values()).hasSize(9);
        for (Mm4RequestStatus s : Mm4RequestStatus.values()) {
            assertThat(Mm4Token.parse(Mm4RequestStatus.class, s.token().toUpperCase())).contains(s);
        }
        assertThat(Mm4RequestStatus.ERROR_CONTENT_NOT_ACCEPTED.token()).isEqualTo("Error-content-not-accepted");
    }

    @Test
    void alertsParseBack() {
        MessagePart png = new MessagePart("image/png", null, "blocked.png", null, null, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        MailMessage mm3 = io.mmsguard.codec.mm4.AlertMails.mm3(MailAddress.of("mmsguard@op.example"),
                List.of(MailAddress.of("soc@op.example")), "Blocked: virus", RESPONDER.clock().instant().atZone(ZoneOffset.UTC),
                "a1@op.example", "A message was blocked.", png);
        MailMessage back = new MailParser().parse(MailWriter.write(mm3));
        assertThat(Mm4Reader.read(back)).isInstanceOf(Mm4ReadResult.Mm3.class);
        assertThat(back.parts()).hasSize(2);
        assertThat(back.parts().get(1)).isEqualTo(png);
        Mm4Message hdr = Mm4Message.builder(Mm4MessageType.FORWARD_REQ).mmsVersion("6.10.0").transactionId("t1").messageId("m1")
                .originatorSystem("system-user@mms.mnc010.mcc234.gprs").from(MailAddress.of("+447700900000/TYPE=PLMN"))
                .to(List.of(MailAddress.of("+447700900456/TYPE=PLMN"))).subject("Warnung: Nachricht blockiert").build();
        Mm4ReadResult mm4 = Mm4Reader.read(new MailParser().parse(MailWriter.write(AlertMails.mm4(hdr, "blocked", null))));
        assertThat(mm4).isInstanceOf(Mm4ReadResult.Valid.class);
        assertThat(((Mm4ReadResult.Valid) mm4).message()).isEqualTo(hdr);
    }
}
