package io.mmsguard.codec.mm1;

import io.mmsguard.codec.MalformedMessageException;
import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.Vectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every complete PDU in the shared vectors decodes, survives decode(encode(decode(x))), and a few quirks hold. */
class Mm1VectorTest {
    /** a 45-byte header prefix, and the WSP push wrapper (tested through {@link WspPush}) */
    private static final Set<String> NOT_A_PDU = Set.of("mms_m_send_req_test_1_expected.bin", "wsp-push-m-notification-ind.bin");

    private final Mm1Decoder decoder = new Mm1Decoder();

    static Stream<Path> pduFiles() {
        return Vectors.files("mm1").stream().filter(p -> !NOT_A_PDU.contains(p.getFileName().toString()))
                .filter(p -> !p.getFileName().toString().endsWith(".txt") && !p.getFileName().toString().endsWith(".md"));
    }

    @TestFactory
    Stream<DynamicTest> everyCompletePduDecodesAndRoundTrips() {
        return pduFiles().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            byte[] in = Files.readAllBytes(p);
            MmsPdu pdu = decoder.decode(in);
            assertThat(pdu.messageType()).as("message type").isNotNull();
            assertThat(pdu.mmsVersion()).startsWith("1");
            byte[] out = Mm1Encoder.encode(pdu);
            MmsPdu again = decoder.decode(out);
            assertThat(again).isEqualTo(pdu);
            assertThat(again.parts()).isEqualTo(pdu.parts());
            assertThat(Mm1Encoder.encode(again)).isEqualTo(out);
        }));
    }

    @Test
    void atLeastTwentyFiveVectorsArePresent() {
        assertThat(pduFiles().count()).isGreaterThanOrEqualTo(25);
    }

    @Test
    void iphoneSendsFromAfterToAndDisposition0xAE() {
        MmsPdu pdu = decoder.decode(Vectors.read("mm1/python-messaging/iPhone.mms"));
        assertThat(pdu.messageType()).isEqualTo(MessageType.SEND_REQ);
        assertThat(pdu.transactionId()).isEqualTo("1262957356-3");
        assertThat(pdu.to()).containsExactly("1337/TYPE=PLMN");
        assertThat(((EncodedString) pdu.value(HeaderField.TO)).charset()).isEqualTo(WspCharsets.US_ASCII);
        assertThat(pdu.from().isInsertAddress()).isTrue();
        List<Integer> order = pdu.headers().stream().map(MmsHeader::code).toList();
        assertThat(order.indexOf(HeaderField.FROM.code())).isGreaterThan(order.indexOf(HeaderField.TO.code()));
        assertThat(pdu.contentType().mediaType()).isEqualTo(ContentType.MULTIPART_RELATED);
        assertThat(pdu.contentType().type()).isEqualTo("application/smil");
        assertThat(pdu.contentType().start()).isEqualTo("0.smil");
        assertThat(pdu.multipart().get(0).contentId()).isEqualTo("0.smil");
        assertThat(pdu.multipart()).anySatisfy(p -> {
            assertThat(p.headers()).anySatisfy(h -> assertThat(h.code()).isEqualTo(PartHeader.CONTENT_DISPOSITION));
            assertThat(p.disposition()).isNotNull();
        });
        assertThat(pdu.parts()).extracting(MessagePart::contentType).contains("application/smil", "image/jpeg");

        MmsPdu inserted = pdu.withInsertedFrom("+447700900123");
        assertThat(inserted.from().text()).isEqualTo("+447700900123/TYPE=PLMN");
        assertThat(inserted.headers().indexOf(MmsHeader.of(HeaderField.FROM, inserted.from())))
                .isEqualTo(order.indexOf(HeaderField.FROM.code()));
        assertThat(decoder.decode(Mm1Encoder.encode(inserted)).from().text()).isEqualTo("+447700900123/TYPE=PLMN");
    }

    @Test
    void samsungContentIdWithoutAngleBrackets() {
        MmsPdu pdu = decoder.decode(Vectors.read("mm1/python-messaging/SEC-SGHS300M.mms"));
        assertThat(pdu.transactionId()).isEqualTo("31887");
        assertThat(pdu.to()).containsExactly("0738345664/TYPE=PLMN");
        assertThat(pdu.subject()).isEqualTo("IL");
        assertThat(pdu.from().isInsertAddress()).isTrue();
        assertThat(pdu.messageClass()).isEqualTo("personal");
        assertThat(pdu.contentType().mediaType()).isEqualTo(ContentType.MULTIPART_MIXED);
        MessagePart part = pdu.parts().get(0);
        assertThat(part.contentType()).isEqualTo("text/plain");
        assertThat(part.contentId()).isEqualTo("1259430.txt");
        assertThat(part.contentLocation()).isEqualTo("1259430.txt");
        assertThat(part.content()).containsExactly('H', 'V');
    }

    @Test
    void retrieveConfsWithoutTransactionId() {
        for (String f : List.of("BTMMS.MMS", "NOWMMS.MMS", "SIMPLE.MMS", "TOMSLOT.MMS")) {
            MmsPdu pdu = decoder.decode(Vectors.read("mm1/python-messaging/" + f));
            assertThat(pdu.messageType()).as(f).isEqualTo(MessageType.RETRIEVE_CONF);
            assertThat(pdu.transactionId()).as(f).isNull();
            assertThat(pdu.parts()).as(f).isNotEmpty();
        }
    }

    @Test
    void mmsdSendConfs() {
        MmsPdu ok = decoder.decode(Vectors.read("mm1/mmsd-intel/embedded/mms_m_send_conf_1.bin"));
        assertThat(ok.messageType()).isEqualTo(MessageType.SEND_CONF);
        assertThat(ok.transactionId()).isEqualTo("31887");
        assertThat(ok.mmsVersion()).isEqualTo("1.0");
        assertThat(ok.responseStatus()).isEqualTo(StatusCodes.OK);
        assertThat(ok.messageId()).isEqualTo("4dc268d71438a");
        MmsPdu corrupt = decoder.decode(Vectors.read("mm1/mmsd-intel/embedded/mms_m_send_conf_2.bin"));
        assertThat(corrupt.responseStatus()).isEqualTo(StatusCodes.ERROR_PERMANENT_MESSAGE_FORMAT_CORRUPT);
        assertThat(corrupt.messageId()).isNull();
    }

    @Test
    void conformanceVectors() {
        MmsPdu utf16 = decoder.decode(Vectors.read("mm1/mmsd-intel/rc-mms-1-3-con-214.mms"));
        assertThat(utf16.mmsVersion()).isEqualTo("1.3");
        assertThat(utf16.subject()).isEqualTo("MMS-1.3-con-214");
        assertThat(utf16.from().text()).isEqualTo("+33622222222/TYPE=PLMN");
        MessagePart text = utf16.parts().get(0);
        assertThat(text.charset()).isEqualTo("utf-16");
        assertThat(new String(text.content(), java.nio.charset.StandardCharsets.UTF_16)).startsWith("French");

        MmsPdu tokenClass = decoder.decode(Vectors.read("mm1/mmsd-intel/rc-mms-1-3-con-282.mms"));
        assertThat(tokenClass.messageClass()).isEqualTo("NewMessageClass");
    }

    @Test
    void notificationFromPushWrapperAndUnwrapped() throws IOException {
        byte[] push = Vectors.read("mm1/python-messaging/wsp-push-m-notification-ind.bin");
        assertThatThrownBy(() -> decoder.decode(push)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("X-Mms-Message-Type");
        MmsPdu pdu = decoder.decode(WspPush.unwrap(push));
        assertThat(pdu.messageType()).isEqualTo(MessageType.NOTIFICATION_IND);
        assertThat(pdu.transactionId()).isEqualTo("NOK5CiKcoTMYSG4MBSwAAsKv14FUHAAAAAAAA");
        assertThat(pdu.from().text()).isEqualTo("+447785342749/TYPE=PLMN");
        assertThat(pdu.messageClass()).isEqualTo("personal");
        assertThat(pdu.messageSize()).isEqualTo(29696L);
        assertThat(pdu.expiry()).isEqualTo(MmsTime.relative(72000));
        assertThat(pdu.contentLocation()).isEqualTo("http://promms/servlets/NOK5CiKcoTMYSG4MBSwAAsKv14FUHAAAAAAAA");
        assertThat(pdu).isEqualTo(decoder.decode(Vectors.read("mm1/python-messaging/m-notification-ind-from-push.mms")));
    }
}
