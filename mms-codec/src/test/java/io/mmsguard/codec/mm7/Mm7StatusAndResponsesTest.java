package io.mmsguard.codec.mm7;

import io.mmsguard.codec.MalformedMessageException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Mm7StatusAndResponsesTest {

    private final Mm7Decoder decoder = new Mm7Decoder();
    private final Mm7Encoder encoder = new Mm7Encoder();

    @Test
    void everyCodeOfTheTableWithClassAndText() {
        assertThat(Mm7StatusCode.values()).hasSize(26);
        assertThat(Mm7StatusCode.of(2004)).isEqualTo(Mm7StatusCode.MULTIMEDIA_CONTENT_REFUSED);
        assertThat(Mm7StatusCode.of(2004).defaultText()).isEqualTo("Multimedia content refused");
        assertThat(Mm7StatusCode.of(4007).statusClass()).isEqualTo(Mm7StatusCode.StatusClass.SERVICE_ERROR);
        assertThat(Mm7StatusCode.of(1100).isSuccess()).isTrue();
        assertThat(Mm7StatusCode.of(3002).statusClass()).isEqualTo(Mm7StatusCode.StatusClass.SERVER_ERROR);
        assertThat(Mm7StatusCode.of(2007).statusClass()).isEqualTo(Mm7StatusCode.StatusClass.CLIENT_ERROR);
    }

    @Test
    void unknownCodesMapToTheirClass() {
        assertThat(Mm7StatusCode.of(3005)).isEqualTo(Mm7StatusCode.SERVER_ERROR);
        assertThat(Mm7StatusCode.of(3006)).isEqualTo(Mm7StatusCode.SERVER_ERROR);
        assertThat(Mm7StatusCode.of(2501)).isEqualTo(Mm7StatusCode.CLIENT_ERROR);
        assertThat(Mm7StatusCode.of(1999)).isEqualTo(Mm7StatusCode.SUCCESS);
        assertThat(Mm7StatusCode.of(9999)).isEqualTo(Mm7StatusCode.GENERAL_SERVICE_ERROR);
    }

    @Test
    void faultCodeSide() {
        assertThat(Mm7StatusCode.UNSUPPORTED_VERSION.faultCode()).isEqualTo("Client");
        assertThat(Mm7StatusCode.SERVICE_UNAVAILABLE.faultCode()).isEqualTo("Server");
        assertThat(Mm7StatusCode.SERVICE_ERROR.faultCode()).isEqualTo("Server");
        assertThat(Mm7StatusCode.MESSAGE_REJECTED.faultCode()).isEqualTo("Server");
        assertThat(Mm7StatusCode.MULTIMEDIA_CONTENT_REFUSED.faultCode()).isEqualTo("Client");
    }

    private static Mm7Message submitReq(String namespace, String version) {
        return Mm7Message.builder(Mm7Operation.SUBMIT_REQ, namespace).transactionId("t-1").mustUnderstand(true)
                .mm7Version(version).recipients(Mm7Recipients.to(Mm7Address.number("123"))).build();
    }

    @Test
    void blockResponseA13CarriesTheConfiguredCodeNoMessageIdAndTheClientsNamespace() {
        Mm7Message req = submitReq(Mm7Namespace.REL_5_MM7_1_2, "5.3.0");
        Mm7Message rsp = Mm7Responses.block(req, Mm7StatusCode.MULTIMEDIA_CONTENT_REFUSED, "virus found");
        Mm7HttpMessage http = encoder.encode(rsp);
        String xml = new String(http.body(), StandardCharsets.UTF_8);
        assertThat(xml).contains("<SubmitRsp xmlns=\"" + Mm7Namespace.REL_5_MM7_1_2 + "\">")
                .contains("<StatusCode>2004</StatusCode><StatusText>virus found</StatusText>")
                .contains("<MM7Version>5.3.0</MM7Version>").contains(">t-1</mm7:TransactionID>")
                .doesNotContain("MessageID");
        assertThat(decoder.decode(http.body(), http.contentType())).isEqualTo(rsp);
    }

    @Test
    void submitRspSuccessCarriesTheMessageIdAndUnsupportedVersionsAreNotEchoed() {
        Mm7Message rsp = Mm7Responses.submitRsp(submitReq(Mm7Namespace.REL_6_MM7_1_4, "9.9.9"), Mm7StatusCode.SUCCESS,
                "mid-1");
        assertThat(rsp.messageId()).isEqualTo("mid-1");
        assertThat(rsp.mm7Version()).isEqualTo("6.8.0");
        assertThat(Mm7Responses.submitRsp(submitReq(Mm7Namespace.REL_5_MM7_1_0, null), Mm7StatusCode.SERVICE_DENIED,
                "mid-1").messageId()).isNull();
    }

    @Test
    void faultForAMalformedRequestRecoversNamespaceAndTransactionId() {
        byte[] broken = ("<env:Envelope xmlns:env=\"" + Mm7Namespace.SOAP_ENV + "\"><env:Header><mm7:TransactionID "
                + "xmlns:mm7=\"" + Mm7Namespace.REL_5_MM7_1_3 + "\" env:mustUnderstand=\"1\">\n  tx-77\n</mm7:TransactionID>"
                + "</env:Header><env:Body><SubmitReq><oops").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decoder.decode(broken, "text/xml")).isInstanceOf(MalformedMessageException.class);
        Mm7Message fault = Mm7Responses.malformedRequestFault(broken, Mm7StatusCode.MESSAGE_FORMAT_CORRUPT);
        Mm7HttpMessage http = encoder.encode(fault);
        String xml = new String(http.body(), StandardCharsets.UTF_8);
        assertThat(xml).contains("<env:Fault>").contains("<faultcode>env:Client</faultcode>")
                .contains("<detail>").contains("<RSErrorRsp xmlns=\"" + Mm7Namespace.REL_5_MM7_1_3 + "\">")
                .contains("<StatusCode>2007</StatusCode>").contains("<MM7Version>5.3.0</MM7Version>");
        Mm7Message parsed = decoder.decode(http.body(), http.contentType());
        assertThat(parsed).isEqualTo(fault);
        assertThat(parsed.transactionId()).isEqualTo("tx-77");
        assertThat(parsed.operation()).isEqualTo(Mm7Operation.RS_ERROR_RSP);
    }

    @Test
    void faultWithoutRecoverableContextUsesTheDefaultNamespace() {
        Mm7Message fault = Mm7Responses.malformedRequestFault(new byte[]{1, 2, 3}, Mm7StatusCode.SERVICE_UNAVAILABLE);
        assertThat(fault.namespace()).isEqualTo(Mm7Namespace.DEFAULT);
        assertThat(fault.transactionId()).isNull();
        assertThat(fault.fault().faultCode()).isEqualTo("env:Server");
        assertThat(decoder.decode(encoder.encode(fault).body(), null)).isEqualTo(fault);
    }

    @Test
    void unknownOperationDecodesAsUnknownAndBadValuesAreMalformed() {
        String env = "<e:Envelope xmlns:e=\"" + Mm7Namespace.SOAP_ENV + "\"><e:Body>%s</e:Body></e:Envelope>";
        Mm7Message unknown = decoder.decode(String.format(env, "<QueryStatusReq xmlns=\"" + Mm7Namespace.DEFAULT
                + "\"><MM7Version>6.8.0</MM7Version></QueryStatusReq>").getBytes(StandardCharsets.UTF_8), "text/xml");
        assertThat(unknown.operation()).isEqualTo(Mm7Operation.UNKNOWN);
        assertThat(unknown.mm7Version()).isEqualTo("6.8.0");
        assertThatThrownBy(() -> decoder.decode(String.format(env, "<SubmitReq><DeliveryReport>yes</DeliveryReport>"
                + "</SubmitReq>").getBytes(StandardCharsets.UTF_8), "text/xml"))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("DeliveryReport is not a boolean");
        assertThatThrownBy(() -> decoder.decode(String.format(env, "<SubmitRsp><Status><StatusCode>x</StatusCode>"
                + "</Status></SubmitRsp>").getBytes(StandardCharsets.UTF_8), "text/xml"))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("StatusCode");
        assertThatThrownBy(() -> decoder.decode("<notsoap/>".getBytes(StandardCharsets.UTF_8), "text/xml"))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("SOAP 1.1 Envelope");
        assertThatThrownBy(() -> decoder.decode(String.format(env, "").getBytes(StandardCharsets.UTF_8), "text/xml"))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("Body is empty");
    }

    @Test
    void submitReqBuilderForTheNotifierWritesTypeAndStartAndAResolvableHref() {
        var smil = new io.mmsguard.codec.MessagePart("application/smil", "utf-8", "main.smil", "smil", null,
                "<smil/>".getBytes(StandardCharsets.UTF_8));
        var jpg = new io.mmsguard.codec.MessagePart("image/jpeg", null, "a.jpg", "a", "a.jpg", new byte[]{(byte) 0xff, 0});
        Mm7Message req = submitReq(Mm7Namespace.REL_6_MM7_1_4, "6.8.0").toBuilder().vaspId("mmsguard")
                .contentRef(Mm7ContentRef.cid("content-1")).content(java.util.List.of(smil, jpg)).build();
        Mm7HttpMessage http = new Mm7Encoder(() -> "BOUNDARY").encode(req);
        assertThat(http.contentType()).isEqualTo(
                "multipart/related; boundary=\"BOUNDARY\"; type=\"text/xml\"; start=\"<mm7-soap@mmsguard>\"");
        String body = new String(http.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).startsWith("--BOUNDARY\r\nContent-Type: text/xml; charset=\"utf-8\"\r\nContent-ID: <mm7-soap@mmsguard>\r\n")
                .contains("<Content href=\"cid:content-1\"/>")
                .contains("Content-Type: multipart/related; boundary=\"BOUNDARY-content\"; type=\"application/smil\"; start=\"<smil>\"\r\nContent-ID: <content-1>")
                .endsWith("--BOUNDARY--\r\n");
        assertThat(decoder.decode(http.body(), http.contentType())).isEqualTo(req);
        assertThatThrownBy(() -> encoder.encode(req.toBuilder().contentRef(null).build()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
