package io.mmsguard.codec.mm1;

import io.mmsguard.testkit.tshark.PcapWriter;
import io.mmsguard.testkit.tshark.TsharkOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Wireshark's MMSE dissector, an independent decoder, reads what the encoder writes. */
class Mm1TsharkInteropTest {
    private static final List<String> FIELDS = List.of("tcp.srcport", "mmse.message_type", "mmse.transaction_id",
            "mmse.mms_version", "mmse.from", "mmse.to", "mmse.subject", "wsp.header.content_type", "mmse.response_status",
            "mmse.response_text", "mmse.message_id", "mmse.message_size", "mmse.content_location", "mmse.expiry.rel",
            "mmse.status", "mmse.retrieve_status", "mmse.retrieve_text", "mmse.read_status", "mmse.date",
            "wsp.header.content_id", "mmse.message_class.id", "_ws.malformed", "_ws.expert.severity", "_ws.expert.message");

    @TempDir
    Path dir;

    private static String asciiView(byte[] utf8) {
        StringBuilder sb = new StringBuilder();
        for (byte b : utf8) {
            sb.append(b >= 0 ? (char) b : '\uFFFD');
        }
        return sb.toString();
    }

    @Test
    void tsharkDecodesEncodedPdusOfEveryKind() throws Exception {
        TsharkOracle.assumeAvailable();
        Map<Integer, MmsPdu> pdus = new LinkedHashMap<>();
        ContentType related = ContentType.of(ContentType.MULTIPART_RELATED).with("type", ContentType.SMIL).with("start", "<smil>");
        byte[] big = new byte[5000];
        Arrays.fill(big, (byte) 'x');
        pdus.put(40001, MmsPdus.sendReq("tx-send-1", MmsPdus.MMS_1_2, FromAddress.insertAddress(),
                List.of("+447700900456/TYPE=PLMN", "bob@example.com"), "Grüße aus Köln", related,
                List.of(MmsPart.of(ContentType.of(ContentType.SMIL), "smil", "smil.xml", "<smil/>".getBytes(StandardCharsets.US_ASCII)),
                        MmsPart.of(ContentType.of("text/plain").with("charset", "utf-8"), "text_0", "text_0.txt", big))));
        pdus.put(40002, MmsPdus.sendConf("tx-send-1", MmsPdus.MMS_1_2, StatusCodes.ERROR_PERMANENT_CONTENT_NOT_ACCEPTED,
                "Message blocked by operator policy", null));
        pdus.put(40003, MmsPdus.notificationInd("tx-notif-9", MmsPdus.MMS_1_2, FromAddress.of("+447700900123/TYPE=PLMN"),
                "Hi", 0x80, 29696, MmsTime.relative(604800), "http://mmsc.example/m/42"));
        pdus.put(40004, MmsPdus.retrieveConfReplacement("tx-ret-3", MmsPdus.MMS_1_2, 1704110400L,
                StatusCodes.RETRIEVE_ERROR_PERMANENT_SERVICE_DENIED, "Blocked", "This message was blocked."));
        pdus.put(40005, MmsPdu.builder(MessageType.NOTIFYRESP_IND).set(HeaderField.TRANSACTION_ID, "tx-notif-9")
                .set(HeaderField.MMS_VERSION, MmsPdus.MMS_1_2).set(HeaderField.STATUS, StatusCodes.STATUS_RETRIEVED).build());
        pdus.put(40006, MmsPdu.builder(MessageType.READ_REC_IND).set(HeaderField.MMS_VERSION, MmsPdus.MMS_1_3)
                .set(HeaderField.MESSAGE_ID, "msg-77").add(HeaderField.TO, EncodedString.of("+33611111111/TYPE=PLMN"))
                .set(HeaderField.FROM, FromAddress.insertAddress()).set(HeaderField.READ_STATUS, 0x80).build());
        pdus.put(40007, MmsPdu.builder(MessageType.DELIVERY_IND).set(HeaderField.MMS_VERSION, MmsPdus.MMS_1_2)
                .set(HeaderField.MESSAGE_ID, "msg-78").add(HeaderField.TO, EncodedString.of("+33622222222/TYPE=PLMN"))
                .set(HeaderField.DATE, 1704110400L).set(HeaderField.STATUS, 0x81).build());
        pdus.put(40008, MmsPdu.builder(MessageType.ACKNOWLEDGE_IND).set(HeaderField.TRANSACTION_ID, "tx-ack")
                .set(HeaderField.MMS_VERSION, MmsPdus.MMS_1_0).set(HeaderField.REPORT_ALLOWED, 0x81).build());

        PcapWriter pcap = new PcapWriter();
        pdus.forEach((port, pdu) -> pcap.httpPost(port, Mm1Encoder.encode(pdu)));
        Path file = dir.resolve("mm1.pcap");
        Files.write(file, pcap.toByteArray());

        List<String[]> rows = TsharkOracle.fields(file, "mmse", FIELDS);
        Map<Integer, Map<String, String>> byPort = new LinkedHashMap<>();
        for (String[] row : rows) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < FIELDS.size(); i++) {
                m.put(FIELDS.get(i), i < row.length ? row[i] : "");
            }
            byPort.put(Integer.parseInt(m.get("tcp.srcport")), m);
        }
        assertThat(byPort.keySet()).containsExactlyElementsOf(pdus.keySet());
        byPort.forEach((port, m) -> {
            assertThat(m.get("_ws.malformed")).as("malformed on %s: %s", port, m).isEmpty();
            // HTTP's request-line "chat" item is expected; warnings and errors (PI_WARN = 0x600000) are not
            for (String sev : m.get("_ws.expert.severity").split("\\|")) {
                assertThat(sev.isEmpty() ? 0 : Integer.decode(sev)).as("expert info on %s: %s", port, m).isLessThan(0x600000);
            }
            assertThat(m.get("_ws.expert.message")).as("expert info on %s", port).doesNotContainIgnoringCase("malformed");
            MmsPdu pdu = pdus.get(port);
            assertThat(Integer.decode(m.get("mmse.message_type"))).isEqualTo(pdu.messageTypeCode());
            assertThat(m.get("mmse.transaction_id")).isEqualTo(pdu.transactionId() == null ? "" : pdu.transactionId());
            assertThat(m.get("mmse.mms_version")).isEqualTo(pdu.mmsVersion());
        });

        Map<String, String> send = byPort.get(40001);
        assertThat(send.get("mmse.from")).isEqualTo("<insert address>");
        assertThat(send.get("mmse.to")).isEqualTo("+447700900456/TYPE=PLMN|bob@example.com");
        // Wireshark 4.0 ignores the charset of an Encoded-string-value (ENC_ASCII): every non-ASCII octet of our
        // UTF-8 becomes U+FFFD, so compare octet by octet
        assertThat(send.get("mmse.subject")).isEqualTo(asciiView("Grüße aus Köln".getBytes(StandardCharsets.UTF_8)));
        assertThat(send.get("wsp.header.content_type")).startsWith("application/vnd.wap.multipart.related")
                .contains("application/smil").contains("text/plain");
        assertThat(send.get("wsp.header.content_id")).contains("<smil>").contains("<text_0>");

        Map<String, String> conf = byPort.get(40002);
        assertThat(Integer.decode(conf.get("mmse.response_status"))).isEqualTo(0xE5);
        assertThat(conf.get("mmse.response_text")).isEqualTo("Message blocked by operator policy");

        Map<String, String> notif = byPort.get(40003);
        assertThat(notif.get("mmse.from")).isEqualTo("+447700900123/TYPE=PLMN");
        assertThat(notif.get("mmse.subject")).isEqualTo("Hi");
        assertThat(notif.get("mmse.message_size")).isEqualTo("29696");
        assertThat(notif.get("mmse.content_location")).isEqualTo("http://mmsc.example/m/42");
        assertThat(notif.get("mmse.expiry.rel")).startsWith("604800");
        assertThat(Integer.decode(notif.get("mmse.message_class.id"))).isEqualTo(0x80);

        Map<String, String> ret = byPort.get(40004);
        assertThat(Integer.decode(ret.get("mmse.retrieve_status"))).isEqualTo(0xE1);
        assertThat(ret.get("mmse.retrieve_text")).isEqualTo("Blocked");
        assertThat(ret.get("wsp.header.content_type")).startsWith("text/plain");
        assertThat(ret.get("mmse.date")).contains("2024");

        assertThat(Integer.decode(byPort.get(40005).get("mmse.status"))).isEqualTo(0x81);
        assertThat(Integer.decode(byPort.get(40006).get("mmse.read_status"))).isEqualTo(0x80);
        assertThat(byPort.get(40006).get("mmse.message_id")).isEqualTo("msg-77");
        assertThat(byPort.get(40006).get("mmse.from")).isEqualTo("<insert address>");
        assertThat(byPort.get(40007).get("mmse.to")).isEqualTo("+33622222222/TYPE=PLMN");
    }

    @Test
    void tsharkAgreesOnEveryReEncodedVector() throws Exception {
        TsharkOracle.assumeAvailable();
        List<Path> files = Mm1VectorTest.pduFiles().toList();
        Mm1Decoder decoder = new Mm1Decoder();
        PcapWriter pcap = new PcapWriter();
        Map<Integer, MmsPdu> pdus = new LinkedHashMap<>();
        int port = 41000;
        for (Path f : files) {
            MmsPdu pdu = decoder.decode(Files.readAllBytes(f));
            pdus.put(port, pdu);
            pcap.httpPost(port++, Mm1Encoder.encode(pdu));
        }
        Path file = dir.resolve("vectors.pcap");
        Files.write(file, pcap.toByteArray());
        List<String[]> rows = TsharkOracle.fields(file, "mmse", List.of("tcp.srcport", "mmse.message_type",
                "mmse.transaction_id", "mmse.mms_version", "mmse.to", "_ws.malformed"));
        assertThat(rows).hasSameSizeAs(files);
        for (String[] row : rows) {
            MmsPdu pdu = pdus.get(Integer.parseInt(row[0]));
            String what = files.get(Integer.parseInt(row[0]) - 41000).getFileName().toString();
            assertThat(Integer.decode(row[1])).as(what).isEqualTo(pdu.messageTypeCode());
            assertThat(row[2]).as(what).isEqualTo(pdu.transactionId() == null ? "" : pdu.transactionId());
            assertThat(row[3]).as(what).isEqualTo(pdu.mmsVersion());
            if (pdu.to().stream().allMatch(t -> t.chars().allMatch(c -> c < 0x80))) {
                assertThat(row[4]).as(what).isEqualTo(String.join("|", pdu.to()));
            }
            assertThat(row[5]).as(what + " malformed").isEmpty();
        }
    }
}
