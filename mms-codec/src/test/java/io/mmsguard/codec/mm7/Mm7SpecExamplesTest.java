package io.mmsguard.codec.mm7;

import io.mmsguard.codec.MessagePart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The 3GPP annex examples of PROTOCOLS.md 4.7 (and their errata), plus the SOAP-only requests of 4.4. */
class Mm7SpecExamplesTest {

    private final Mm7Decoder decoder = new Mm7Decoder();

    private Mm7Message decodeHttp(String fixture) {
        Vectors.Http http = Fixtures.http(fixture);
        return decoder.decode(http.body(), http.contentType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"spec-submit-req.http", "spec-submit-req-errata.http"})
    void annexSubmitReq(String fixture) {
        Mm7Message m = decodeHttp(fixture);
        assertThat(m.operation()).isEqualTo(Mm7Operation.SUBMIT_REQ);
        assertThat(m.namespace()).isEqualTo(Mm7Namespace.REL_5_MM7_1_0);
        assertThat(m.transactionId()).isEqualTo("vas00001-sub");
        assertThat(m.mustUnderstand()).isTrue();
        assertThat(m.mm7Version()).isEqualTo("5.3.0");
        assertThat(m.vaspId()).isEqualTo("TNN");
        assertThat(m.vasId()).isEqualTo("News");
        assertThat(m.senderAddress()).isNull();
        assertThat(m.recipients()).isEqualTo(new Mm7Recipients(
                List.of(Mm7Address.number("7255441234"),
                        new Mm7Address(Mm7Address.Kind.RFC2822_ADDRESS, "7255442222@OMMS.com", true, null)),
                List.of(Mm7Address.number("7255443333")),
                List.of(Mm7Address.rfc2822("7255444444@OMMS.com"))));
        assertThat(m.serviceCode()).isEqualTo("gold-sp33-im42");
        assertThat(m.linkedId()).isEqualTo("mms00016666");
        assertThat(m.messageClass()).isEqualTo("Informational");
        assertThat(m.timeStamp()).isEqualTo("2002-01-02T09:30:47-05:00");
        assertThat(m.earliestDeliveryTime()).isEqualTo("2002-01-02T09:30:47-05:00");
        assertThat(m.expiryDate()).isEqualTo("P90D");
        assertThat(m.deliveryReport()).isTrue();
        assertThat(m.readReply()).isNull();
        assertThat(m.priority()).isEqualTo("Normal");
        assertThat(m.subject()).isEqualTo("News for today");
        assertThat(m.chargedParty()).isEqualTo("Sender");
        assertThat(m.distributionIndicator()).isTrue();
        assertThat(m.contentRef()).isEqualTo(new Mm7ContentRef("cid:SaturnPics-01020930@news.tnn.com", true));
        assertThat(m.content()).extracting(MessagePart::contentType).containsExactly("text/plain", "image/gif");
        assertThat(new String(m.content().get(0).content(), StandardCharsets.US_ASCII))
                .isEqualTo("Science news, new Saturn pictures...");
        assertThat(m.content().get(1).contentId()).isEqualTo("saturn.gif");
        assertThat(m.content().get(1).size()).isEqualTo(57);
        assertThat(m.unreferencedContent()).isEmpty();
        assertThat(m.otherElements()).isEmpty();
    }

    @Test
    void annexSubmitReqReencodesInSchemaOrderAndDecodesToTheSameModel() {
        Mm7Message m = decodeHttp("spec-submit-req-errata.http");
        Mm7HttpMessage http = new Mm7Encoder(() -> "b1").encode(m);
        String body = new String(http.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\"");
        assertThat(body.indexOf("<Subject>")).isBetween(body.indexOf("<Priority>"), body.indexOf("<ChargedParty>"));
        assertThat(http.contentType()).isEqualTo(
                "multipart/related; boundary=\"b1\"; type=\"text/xml\"; start=\"<mm7-soap@mmsguard>\"");
        assertThat(decoder.decode(http.body(), http.contentType())).isEqualTo(m);
    }

    @Test
    void deliveryReportReq() {
        Mm7Message m = decoder.decode(Fixtures.bytes("spec-delivery-report-req.xml"), "text/xml; charset=\"utf-8\"");
        assertThat(m.operation()).isEqualTo(Mm7Operation.DELIVERY_REPORT_REQ);
        assertThat(m.transactionId()).isEqualTo("dr-0001");
        assertThat(m.mmsRelayServerId()).isEqualTo("mmsc-1");
        assertThat(m.messageId()).isEqualTo("041502073667");
        assertThat(m.recipient()).isEqualTo(Mm7Address.number("+15551230001"));
        assertThat(m.sender()).isEqualTo(Mm7Address.shortCode("12345"));
        assertThat(m.date()).isEqualTo("2002-04-15T14:35:21-05:00");
        assertThat(m.mmStatus()).isEqualTo("Retrieved");
        assertThat(m.mmStatusText()).isEqualTo("Message retrieved by recipient");
        assertThat(m.uaCapabilities()).isEqualTo(new Mm7UaCapabilities("http://example.com/ua.xml",
                "2002-04-15T14:35:00-05:00"));
        Mm7Message rsp = Mm7Responses.response(m, Mm7StatusCode.SUCCESS);
        assertThat(rsp.operation()).isEqualTo(Mm7Operation.DELIVERY_REPORT_RSP);
        Mm7Encoder encoder = new Mm7Encoder();
        assertThat(decoder.decode(encoder.encode(m).body(), null)).isEqualTo(m);
        assertThat(decoder.decode(encoder.encode(rsp).body(), null)).isEqualTo(rsp);
    }

    @Test
    void readReplyReqWithPrefixesAndAnUnknownElement() {
        Mm7Message m = decoder.decode(Fixtures.bytes("spec-read-reply-req.xml"), "text/xml");
        assertThat(m.operation()).isEqualTo(Mm7Operation.READ_REPLY_REQ);
        assertThat(m.namespace()).isEqualTo(Mm7Namespace.REL_5_MM7_1_2);
        assertThat(m.transactionId()).isNull();
        assertThat(m.mustUnderstand()).isNull();
        assertThat(m.recipient()).isEqualTo(Mm7Address.rfc2822("bob@example.com"));
        assertThat(m.sender()).isEqualTo(Mm7Address.number("12345"));
        assertThat(m.mmStatus()).isEqualTo("Read");
        assertThat(m.otherElements()).isEqualTo(Map.of("Future", "kept"));
    }

    @Test
    void cancelReqWithSenderAddress() {
        Mm7Message m = decoder.decode(Fixtures.bytes("spec-cancel-req.xml"), "text/xml");
        assertThat(m.operation()).isEqualTo(Mm7Operation.CANCEL_REQ);
        assertThat(m.mustUnderstand()).isNull();
        assertThat(m.vaspId()).isEqualTo("v");
        assertThat(m.senderAddress()).isEqualTo(Mm7Address.shortCode("999"));
        assertThat(m.messageId()).isEqualTo("m-1");
        Mm7Message rsp = Mm7Responses.response(m, Mm7StatusCode.NOT_POSSIBLE);
        assertThat(rsp.operation()).isEqualTo(Mm7Operation.CANCEL_RSP);
        assertThat(rsp.namespace()).isEqualTo(Mm7Namespace.REL_6_MM7_1_0);
        assertThat(rsp.mm7Version()).isEqualTo("6.3.0");
        assertThat(decoder.decode(new Mm7Encoder().encode(m).body(), null)).isEqualTo(m);
    }
}
