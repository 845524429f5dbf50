package io.mmsguard.codec.mm1;

import io.mmsguard.codec.MalformedMessageException;
import io.mmsguard.codec.Vectors;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exact bytes for what the gateway builds, hand-computed from PROTOCOLS.md, and the primitive encodings of §1.5. */
class Mm1GoldenTest {
    private final Mm1Decoder decoder = new Mm1Decoder();

    /** Hex with optional spaces, and "quoted text" for ASCII runs. */
    static byte[] bytes(String spec) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < spec.length()) {
            char c = spec.charAt(i);
            if (c == ' ') {
                i++;
            } else if (c == '"') {
                int j = spec.indexOf('"', i + 1);
                out.writeBytes(spec.substring(i + 1, j).getBytes(StandardCharsets.UTF_8));
                i = j + 1;
            } else {
                out.write(Integer.parseInt(spec.substring(i, i + 2), 16));
                i += 2;
            }
        }
        return out.toByteArray();
    }

    @Test
    void sendConfOkMatchesMmsdVector() {
        MmsPdu conf = MmsPdus.sendConf("31887", MmsPdus.MMS_1_0, StatusCodes.OK, (String) null, "4dc268d71438a");
        byte[] expected = bytes("8C 81 98 \"31887\" 00 8D 90 92 80 8B \"4dc268d71438a\" 00");
        assertThat(Mm1Encoder.encode(conf)).isEqualTo(expected);
        assertThat(Mm1Encoder.encode(conf)).isEqualTo(Vectors.read("mm1/mmsd-intel/embedded/mms_m_send_conf_1.bin"));
    }

    @Test
    void sendConfCorruptMatchesMmsdVector() {
        MmsPdu conf = MmsPdus.sendConf("31888", MmsPdus.MMS_1_0, StatusCodes.ERROR_PERMANENT_MESSAGE_FORMAT_CORRUPT,
                (String) null, null);
        assertThat(Mm1Encoder.encode(conf)).isEqualTo(bytes("8C 81 98 \"31888\" 00 8D 90 92 E2"));
        assertThat(Mm1Encoder.encode(conf)).isEqualTo(Vectors.read("mm1/mmsd-intel/embedded/mms_m_send_conf_2.bin"));
    }

    @Test
    void blockedSendConfWithUtf8ResponseText() {
        EncodedString text = new EncodedString(WspCharsets.UTF_8,
                "Message blocked by operator policy".getBytes(StandardCharsets.UTF_8));
        MmsPdu conf = MmsPdus.sendConf("T1234", MmsPdus.MMS_1_2, StatusCodes.ERROR_PERMANENT_CONTENT_NOT_ACCEPTED, text, null);
        assertThat(Mm1Encoder.encode(conf))
                .isEqualTo(bytes("8C 81 98 \"T1234\" 00 8D 92 92 E5 93 1F 24 EA \"Message blocked by operator policy\" 00"));
    }

    @Test
    void nonAsciiSubjectIsUtf8WithCharset() {
        MmsPdu pdu = MmsPdu.builder(MessageType.SEND_CONF).set(HeaderField.TRANSACTION_ID, "1")
                .set(HeaderField.MMS_VERSION, MmsPdus.MMS_1_2).set(HeaderField.SUBJECT, EncodedString.of("Héllo")).build();
        assertThat(Mm1Encoder.encode(pdu)).isEqualTo(bytes("8C 81 98 \"1\" 00 8D 92 96 08 EA \"Héllo\" 00"));
    }

    @Test
    void blockedRetrieveConf() {
        MmsPdu pdu = MmsPdus.retrieveConfReplacement("T9", MmsPdus.MMS_1_2, 1704110400L,
                StatusCodes.RETRIEVE_ERROR_PERMANENT_SERVICE_DENIED, "Blocked", "Blocked by policy");
        assertThat(Mm1Encoder.encode(pdu)).isEqualTo(bytes(
                "8C 84 98 \"T9\" 00 8D 92 85 04 65 92 A9 40 99 E1 9A \"Blocked\" 00 84 03 83 81 EA \"Blocked by policy\""));
        MmsPdu back = decoder.decode(Mm1Encoder.encode(pdu));
        assertThat(back.parts()).singleElement().satisfies(p -> {
            assertThat(p.contentType()).isEqualTo("text/plain");
            assertThat(p.charset()).isEqualTo("utf-8");
            assertThat(new String(p.content(), StandardCharsets.UTF_8)).isEqualTo("Blocked by policy");
        });
    }

    @Test
    void notificationIndWithRelativeExpiry() {
        MmsPdu pdu = MmsPdus.notificationInd("N1", MmsPdus.MMS_1_2, FromAddress.of("+447700900123/TYPE=PLMN"), null,
                0x80, 29696, MmsTime.relative(604800), "http://m/1");
        assertThat(Mm1Encoder.encode(pdu)).isEqualTo(bytes("8C 82 98 \"N1\" 00 8D 92 89 19 80 \"+447700900123/TYPE=PLMN\" 00"
                + " 8A 80 8E 02 74 00 88 05 81 03 09 3A 80 83 \"http://m/1\" 00"));
    }

    @Test
    void sendReqWithRelatedBodyAndInsertAddress() {
        ContentType related = ContentType.of(ContentType.MULTIPART_RELATED).with("type", "application/smil").with("start", "<smil>");
        MmsPart text = new MmsPart(ContentType.of("text/plain").with("charset", "utf-8").with("name", "text_0.txt"),
                List.of(PartHeader.contentId("<text_0>"), PartHeader.contentLocation("text_0.txt")),
                "Hello".getBytes(StandardCharsets.US_ASCII), List.of());
        MmsPdu pdu = MmsPdus.sendReq("S1", MmsPdus.MMS_1_2, FromAddress.insertAddress(), List.of("+4477/TYPE=PLMN"),
                null, related, List.of(text));
        assertThat(Mm1Encoder.encode(pdu)).isEqualTo(bytes("8C 80 98 \"S1\" 00 8D 92 89 01 81 97 \"+4477/TYPE=PLMN\" 00"
                + " 84 1B B3 89 \"application/smil\" 00 8A \"<smil>\" 00"
                + " 01 27 05 0F 83 81 EA 85 \"text_0.txt\" 00 C0 22 \"<text_0>\" 00 8E \"text_0.txt\" 00 \"Hello\""));
    }

    @Test
    void primitiveEncodings() {
        assertThat(enc(w -> w.uintvar(0))).isEqualTo(bytes("00"));
        assertThat(enc(w -> w.uintvar(127))).isEqualTo(bytes("7F"));
        assertThat(enc(w -> w.uintvar(128))).isEqualTo(bytes("81 00"));
        assertThat(enc(w -> w.uintvar(300))).isEqualTo(bytes("82 2C"));
        assertThat(enc(w -> w.uintvar(16384))).isEqualTo(bytes("81 80 00"));
        assertThat(enc(w -> w.uintvar(0xFFFFFFFFL))).isEqualTo(bytes("8F FF FF FF 7F"));
        assertThat(enc(w -> w.valueLength(30))).isEqualTo(bytes("1E"));
        assertThat(enc(w -> w.valueLength(31))).isEqualTo(bytes("1F 1F"));
        assertThat(enc(w -> w.valueLength(200))).isEqualTo(bytes("1F 81 48"));
        assertThat(enc(w -> w.longInteger(29696))).isEqualTo(bytes("02 74 00"));
        assertThat(enc(w -> w.longInteger(1704110400L))).isEqualTo(bytes("04 65 92 A9 40"));
        assertThat(enc(w -> w.textString("\u00e9"))).isEqualTo(bytes("7F C3 A9 00"));

        assertThat(new WspReader(bytes("80 7F")).uintvar()).isEqualTo(127); // AOSP's non-minimal form
        assertThat(new WspReader(bytes("8F FF FF FF 7F")).uintvar()).isEqualTo(0xFFFFFFFFL);
        assertThatThrownBy(() -> new WspReader(bytes("90 80 80 80 00")).uintvar()).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("32 bits");
        assertThatThrownBy(() -> new WspReader(bytes("81 81 81 81 81 00")).uintvar()).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("5 octets");
        assertThatThrownBy(() -> new WspReader(bytes("20")).valueLength()).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> new WspReader(bytes("1F 81 48 00")).valueLength())
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("at byte 1");
    }

    @Test
    void robustDecodingOfUnknownAndTextualHeadersAndTrailingOctets() {
        byte[] pdu = bytes("8C 81 98 \"T\" 00 8D 92 92 80 FE 03 01 02 03 \"X-Scanned-By\" 00 \"av\" 00 92 \"bad\" 00 81 00 00");
        MmsPdu p = decoder.decode(pdu);
        assertThat(p.headers()).extracting(MmsHeader::code).containsExactly(0x8C, 0x98, 0x8D, 0x92, 0xFE, MmsHeader.TEXTUAL, 0x92, 0x81);
        assertThat(p.headers().get(4).value()).isEqualTo(new RawValue(bytes("03 01 02 03")));
        assertThat(p.textHeader("x-scanned-by")).isEqualTo("av");
        assertThat(p.headers().get(6).value()).isEqualTo(new RawValue(bytes("\"bad\" 00")));
        assertThat(p.responseStatus()).isEqualTo(0x80);
        assertThat(p.warnings()).singleElement().asString().contains("trailing");
        assertThat(decoder.decode(Mm1Encoder.encode(p))).isEqualTo(p);
    }

    @Test
    void unknownMessageTypeIsReportedNotThrown() {
        MmsPdu p = decoder.decode(bytes("8C F0 98 \"T\" 00 8D 93"));
        assertThat(p.messageType()).isNull();
        assertThat(p.messageTypeCode()).isEqualTo(0xF0);
        assertThat(p.transactionId()).isEqualTo("T");
        assertThatThrownBy(() -> decoder.decode(bytes("98 \"T\" 00 8C 80"))).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("X-Mms-Message-Type").hasMessageContaining("at byte 0");
        assertThatThrownBy(() -> decoder.decode(new byte[0])).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void orderRuleOnEncode() {
        MmsPdu p = MmsPdu.builder(MessageType.ACKNOWLEDGE_IND).set(HeaderField.REPORT_ALLOWED, 0x80)
                .set(HeaderField.MMS_VERSION, MmsPdus.MMS_1_3).set(HeaderField.TRANSACTION_ID, "A").build();
        assertThat(Mm1Encoder.encode(p)).isEqualTo(bytes("8C 85 98 \"A\" 00 8D 93 91 80"));
    }

    private static byte[] enc(java.util.function.Consumer<WspWriter> f) {
        WspWriter w = new WspWriter();
        f.accept(w);
        return w.toByteArray();
    }
}
