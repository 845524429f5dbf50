package io.mmsguard.codec.mm7;

import io.mmsguard.codec.MessagePart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.mmsguard.codec.mm7.Mm7Namespace.PREFIX;
import static io.mmsguard.codec.mm7.Mm7Namespace.REL_6_MM7_1_4;
import static org.assertj.core.api.Assertions.assertThat;

/** Every instantcom-mm7 vector decodes to exactly the fields it carries; our responses to them re-parse. */
class Mm7VectorsTest {

    private final Mm7Decoder decoder = new Mm7Decoder();
    private final Mm7Encoder encoder = new Mm7Encoder();

    private Mm7Message decode(String name) {
        Vectors.Http http = Vectors.http(name);
        return decoder.decode(http.body(), http.contentType());
    }

    private static String utf8(MessagePart p) {
        return new String(p.content(), StandardCharsets.UTF_8);
    }

    private static void assertWeatherDeliverReq(Mm7Message m, String href) {
        assertThat(m.operation()).isEqualTo(Mm7Operation.DELIVER_REQ);
        assertThat(m.namespace()).isEqualTo(REL_6_MM7_1_4);
        assertThat(m.transactionId()).isEqualTo("vas00324-dlvr");
        assertThat(m.mustUnderstand()).isTrue();
        assertThat(m.mm7Version()).isEqualTo("6.7.0");
        assertThat(m.vaspId()).isEqualTo("TNN");
        assertThat(m.vasId()).isEqualTo("Reminder");
        assertThat(m.mmsRelayServerId()).isEqualTo("240.110.75.34");
        assertThat(m.linkedId()).isEqualTo("wthr8391");
        assertThat(m.sender()).isEqualTo(Mm7Address.rfc2822("97254265781@OMMS.com"));
        assertThat(m.recipients()).isNull();
        assertThat(m.timeStamp()).isEqualTo("2002-04-15T14:35:21-05:00");
        assertThat(m.priority()).isEqualTo("Normal");
        assertThat(m.subject()).isEqualTo("Weather Forecast");
        assertThat(m.contentRef()).isEqualTo(new Mm7ContentRef(href, null));
        assertThat(m.content()).containsExactly(new MessagePart("text/plain", "utf-8", null,
                "forecast-location2000102-86453", null, "Los Angeles, Calif, USA ".getBytes(StandardCharsets.US_ASCII)));
        assertThat(m.unreferencedContent()).isEmpty();
        assertThat(m.status()).isNull();
        assertThat(m.otherElements()).isEmpty();
    }

    @Test
    void deliverReqHttpPostWithHrefMatchingNoPartFallsBackToTheOnlyAttachment() {
        // The sample's href says ...200102... while the part's Content-ID says ...2000102...
        assertWeatherDeliverReq(decode("deliver-req-post.txt"), "cid:forecast-location200102-86453");
    }

    @Test
    void deliverReq1TextAttachment() {
        assertWeatherDeliverReq(decode("deliver-req1.txt"), "cid:forecast-location2000102-86453");
    }

    @Test
    void deliverReq2NestedMixedWithSpacesInBoundaryAndTrailingBlanks() {
        Mm7Message m = decode("deliver-req2.txt");
        assertThat(m.operation()).isEqualTo(Mm7Operation.DELIVER_REQ);
        assertThat(m.transactionId()).isEqualTo("vas00324-dlvr");
        assertThat(m.content()).hasSize(2);
        MessagePart text = m.content().get(0);
        assertThat(text.contentType()).isEqualTo("text/plain");
        assertThat(text.charset()).isEqualTo("us-ascii");
        assertThat(utf8(text)).isEqualTo("Science news, new Saturn pictures...\n");
        MessagePart gif = m.content().get(1);
        assertThat(gif.contentType()).isEqualTo("image/gif");
        assertThat(gif.contentId()).isEqualTo("saturn.gif");
        assertThat(gif.size()).isEqualTo(57);
        assertThat(new String(gif.content(), 0, 6, StandardCharsets.US_ASCII)).isEqualTo("GIF87a");
        assertThat(m.unreferencedContent()).isEmpty();
    }

    @Test
    void deliverReq3NokiaCapture() {
        Mm7Message m = decode("deliver-req3.txt");
        assertThat(m.operation()).isEqualTo(Mm7Operation.DELIVER_REQ);
        assertThat(m.namespace()).isEqualTo(REL_6_MM7_1_4);
        assertThat(m.transactionId()).isEqualTo("4E073C7AQ479306TW26785I371H3M1HA");
        assertThat(m.mustUnderstand()).isTrue();
        assertThat(m.mm7Version()).isEqualTo("6.8.0");
        assertThat(m.mmsRelayServerId()).isEqualTo("Nokia MMS Center MC5.0");
        assertThat(m.linkedId()).isEqualTo("0402105226100000000000000");
        assertThat(m.sender()).isEqualTo(Mm7Address.number("+3859100010010"));
        assertThat(m.recipients()).isEqualTo(Mm7Recipients.to(Mm7Address.number("88888")));
        assertThat(m.timeStamp()).isEqualTo("2010-04-02T10:52:26Z");
        assertThat(m.priority()).isEqualTo("Normal");
        assertThat(m.subject()).isEqualTo("Bomb");
        assertThat(m.contentRef()).isEqualTo(new Mm7ContentRef("cid:57626X20-1VO9-A93941F7", null));
        assertThat(m.content()).hasSize(2);
        MessagePart smil = m.content().get(0);
        assertThat(smil.contentType()).isEqualTo("application/smil");
        assertThat(smil.charset()).isEqualTo("utf-8");
        assertThat(smil.name()).isEqualTo("main.smil");
        assertThat(smil.contentId()).isEqualTo("AAAA");
        assertThat(utf8(smil)).startsWith("<smil><head><layout>").contains("Bomb.gif").endsWith("</smil>\r\n");
        MessagePart gif = m.content().get(1);
        assertThat(gif.contentType()).isEqualTo("image/gif");
        assertThat(gif.name()).isEqualTo("Bomb.gif");
        assertThat(gif.contentLocation()).isEqualTo("Bomb.gif");
        assertThat(gif.contentId()).isNull();
        assertThat(new String(gif.content(), 0, 6, StandardCharsets.US_ASCII)).isEqualTo("GIF89a");
        assertThat(m.unreferencedContent()).isEmpty();
        assertThat(m.otherElements()).isEmpty();
    }

    @Test
    void deliverReq4LargeJpegAndSmil() {
        Mm7Message m = decode("deliver-req4.txt");
        assertThat(m.transactionId()).isEqualTo("0Q296S401H79CPSU13V1K431DRK3G49M");
        assertThat(m.mm7Version()).isEqualTo("6.8.0");
        assertThat(m.contentRef().href()).isEqualTo("cid:mm7-content");
        assertThat(m.sender()).isNull();
        assertThat(m.content()).extracting(MessagePart::contentType).containsExactly("image/jpeg", "application/smil");
        MessagePart jpeg = m.content().get(0);
        assertThat(jpeg.name()).isEqualTo("flowers_6.jpg");
        assertThat(jpeg.contentId()).isEqualTo("d342c53a-ae78-4b0f-b3f5-4acc8152f93a");
        assertThat(jpeg.content()[0] & 0xff).isEqualTo(0xff);
        assertThat(jpeg.content()[1] & 0xff).isEqualTo(0xd8);
        assertThat(jpeg.size()).isGreaterThan(290_000);
        MessagePart smil = m.content().get(1);
        assertThat(smil.name()).isEqualTo("pres.smil");
        assertThat(smil.contentId()).isEqualTo("580210102");
        assertThat(utf8(smil)).startsWith("<smil>").contains("flowers_.jpg");
    }

    @Test
    void deliverReq5SoapPartWithoutContentIdAndHrefWithBlankAndPrefixedAttribute() {
        Mm7Message m = decode("deliver-req5.txt");
        assertThat(m.operation()).isEqualTo(Mm7Operation.DELIVER_REQ);
        assertThat(m.transactionId()).isEqualTo("11398c6a2e9f00000010");
        assertThat(m.mm7Version()).isEqualTo("6.8.0");
        assertThat(m.mmsRelayServerId()).isEqualTo("xmmc1");
        assertThat(m.vaspId()).isEqualTo("xmmc");
        assertThat(m.vasId()).isEqualTo("xmmc");
        assertThat(m.sender()).isEqualTo(Mm7Address.number("+381600001200"));
        assertThat(m.recipients()).isEqualTo(Mm7Recipients.to(Mm7Address.shortCode("121399")));
        assertThat(m.timeStamp()).isEqualTo("2012-09-03T15:55:25.000+02:00");
        assertThat(m.subject()).isEqualTo("(no subject)");
        assertThat(m.contentRef()).isEqualTo(new Mm7ContentRef("cid: content_15", null));
        assertThat(m.content()).extracting(MessagePart::contentType).containsExactly("application/smil", "image/jpeg");
        assertThat(m.content().get(0).contentId()).isEqualTo("smil");
        assertThat(m.content().get(0).contentLocation()).isEqualTo("smil.xml");
        assertThat(m.content().get(0).name()).isEqualTo("smil.xml");
        assertThat(m.content().get(1).name()).isEqualTo("DCIM_11.jpg");
        assertThat(m.content().get(1).contentId()).isEqualTo("DCIM_11");
    }

    @Test
    void rsErrorFault4002() {
        Mm7Message m = decode("fault.xml");
        assertThat(m.operation()).isEqualTo(Mm7Operation.RS_ERROR_RSP);
        assertThat(m.namespace()).isEqualTo(REL_6_MM7_1_4);
        assertThat(m.transactionId()).isEqualTo("123456");
        assertThat(m.mustUnderstand()).isTrue();
        assertThat(m.fault()).isEqualTo(new Mm7Fault("Client", "Client error"));
        assertThat(m.mm7Version()).isEqualTo("6.8.0");
        assertThat(m.status()).isEqualTo(new Mm7Status(4002, "Unsupported version", null));
        assertThat(m.statusCode()).isEqualTo(Mm7StatusCode.UNSUPPORTED_VERSION);
    }

    @Test
    void rsErrorFault2002WithQualifiedFaultElements() {
        Mm7Message m = decode("fault_02.xml");
        assertThat(m.operation()).isEqualTo(Mm7Operation.RS_ERROR_RSP);
        assertThat(m.namespace()).isEqualTo(Mm7Namespace.REL_5_MM7_1_3);
        assertThat(m.transactionId()).isEqualTo("0_1500103103727");
        assertThat(m.fault()).isEqualTo(new Mm7Fault("env:Client", "Client error"));
        assertThat(m.fault().localCode()).isEqualTo("Client");
        assertThat(m.mm7Version()).isEqualTo("5.3.0");
        assertThat(m.status()).isEqualTo(new Mm7Status(2002, "Address Error", null));
    }

    @Test
    void submitRspInAnUnknownNamespaceVersion() {
        Mm7Message m = decode("submit-rsp.xml");
        assertThat(m.operation()).isEqualTo(Mm7Operation.SUBMIT_RSP);
        assertThat(m.namespace()).isEqualTo(PREFIX + "REL-6-MM7-6-7");
        assertThat(Mm7Namespace.isKnown(m.namespace())).isFalse();
        assertThat(m.transactionId()).isEqualTo("vas00001-sub");
        assertThat(m.mm7Version()).isEqualTo("6.7.0");
        assertThat(m.status()).isEqualTo(new Mm7Status(1000, "Success", null));
        assertThat(m.messageId()).isEqualTo("041502073667");
        assertThat(m.applicId()).isEqualTo("ifx.com.neon.downloadedPackage.MAFIA");
        assertThat(m.replyApplicId()).isEqualTo("ifx.com.neon.MyPackage.MAFIA");
        assertThat(m.otherElements()).containsExactly(java.util.Map.entry("AuxApplicID", "session.ABC.DEF"));
        // Re-encoding keeps everything but the unmodelled element.
        Mm7Message again = decoder.decode(encoder.encode(m).body(), "text/xml");
        assertThat(again).isEqualTo(m.toBuilder().otherElements(java.util.Map.of()).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"deliver-req-post.txt", "deliver-req1.txt", "deliver-req2.txt", "deliver-req3.txt",
            "deliver-req4.txt", "deliver-req5.txt"})
    void deliverRspWeBuildReparsesInTheRequestsNamespace(String name) {
        Mm7Message request = decode(name);
        Mm7Message rsp = Mm7Responses.deliverRsp(request, Mm7StatusCode.SUCCESS, "gold");
        Mm7HttpMessage http = encoder.encode(rsp);
        assertThat(http.contentType()).startsWith("text/xml");
        assertThat(new String(http.body(), StandardCharsets.UTF_8))
                .contains("<DeliverRsp xmlns=\"" + request.namespace() + "\">")
                .contains(">" + request.transactionId() + "</mm7:TransactionID>");
        Mm7Message parsed = decoder.decode(http.body(), http.contentType());
        assertThat(parsed).isEqualTo(rsp);
        assertThat(parsed.namespace()).isEqualTo(request.namespace());
        assertThat(parsed.mm7Version()).isEqualTo(request.mm7Version());
        assertThat(parsed.serviceCode()).isEqualTo("gold");
        assertThat(parsed.statusCode()).isEqualTo(Mm7StatusCode.SUCCESS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fault.xml", "fault_02.xml"})
    void faultsWeBuildReparseLikeTheVectors(String name) {
        Mm7Message vector = decode(name);
        Mm7Message ours = Mm7Responses.rsErrorFault(vector.namespace(), vector.transactionId(), vector.mm7Version(),
                vector.statusCode());
        Mm7Message parsed = decoder.decode(encoder.encode(ours).body(), "text/xml");
        assertThat(parsed).isEqualTo(ours);
        assertThat(parsed.toBuilder().fault(null).build()).isEqualTo(vector.toBuilder().fault(null).build());
        assertThat(parsed.fault().localCode()).isEqualTo(vector.fault().localCode());
    }

    @Test
    void allPartsIncludesUnreferencedAttachments() {
        Mm7Message m = decode("deliver-req3.txt");
        assertThat(m.allParts()).isEqualTo(m.content());
        List<MessagePart> extra = List.of(new MessagePart("text/plain", null, null, "x", null, new byte[]{1}));
        Mm7Message withExtra = m.toBuilder().unreferencedContent(extra).build();
        assertThat(withExtra.allParts()).hasSize(3);
    }
}
