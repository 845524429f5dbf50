package io.mmsguard.gateway.mm1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ResponseStatus;
import io.mmsguard.avro.Verdict;
import io.mmsguard.codec.mm1.MmsPdus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's MMSE dissector, an independent decoder, reads the answers the gateway builds itself: each PDU is the
 * body of an HTTP response in a pcap whose user link type tshark dissects as HTTP. Skipped without tshark unless
 * {@code MMSGUARD_REQUIRE_ORACLES=true}.
 */
class Mm1AnswersTsharkTest {
    private static final List<String> FIELDS = List.of("mmse.message_type", "mmse.transaction_id",
            "mmse.mms_version", "mmse.response_status", "mmse.response_text", "mmse.retrieve_status",
            "mmse.subject", "_ws.malformed", "_ws.expert.message");

    @TempDir
    Path dir;

    @Test
    void tsharkDecodesEveryAnswerWithoutComplaint() throws Exception {
        Path tshark = tshark();
        Decision block = Decision.newBuilder().setSessionId("s").setGatewayId("g").setVerdict(Verdict.BLOCK)
                .setReason(Reason.VIRUS).setDecidedAt(Instant.now()).setProfile("default")
                .setReplacementText("Message blocked by operator policy")
                .setReplacementSubject("Blocked message")
                .setResponseStatus(ResponseStatus.newBuilder().setMm1ResponseStatus(0xE5).build()).build();
        var request = Mm1TestPdus.sendReq("T1234", "+4366411/TYPE=PLMN", null, Mm1TestPdus.text("t", "x"));
        var retrieved = Mm1TestPdus.retrieveConf("R77", "+4366411/TYPE=PLMN", Mm1TestPdus.text("t", "x"));
        List<byte[]> answers = List.of(
                Mm1Answers.blocked(request, block),
                Mm1Answers.transientFailure(request),
                Mm1Answers.malformed("T9", MmsPdus.MMS_1_3),
                Mm1Answers.retrieveReplacement(retrieved, block, Instant.ofEpochSecond(1_700_000_000L)));

        List<String[]> rows = dissect(tshark, answers);

        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).startsWith("0x81", "T1234", "1.2", "0xe5", "Message blocked by operator policy");
        assertThat(rows.get(1)).startsWith("0x81", "T1234", "1.2", "0xc0", Mm1Answers.TRANSIENT_TEXT);
        assertThat(rows.get(2)).startsWith("0x81", "T9", "1.3", "0xe2", Mm1Answers.MALFORMED_TEXT);
        assertThat(rows.get(3)).startsWith("0x84", "R77", "1.2", "", "", "0xe1", "Blocked message");
        for (String[] row : rows) {
            assertThat(row[7]).as("malformed").isEmpty();
            // the only expert info is HTTP's own note on the status line
            assertThat(Arrays.stream(row[8].split("\\|")).filter(m -> !m.isEmpty() && !m.startsWith("HTTP/1.1")))
                    .as("expert info").isEmpty();
        }
    }

    @Test
    void tsharkDecodesTheConfirmationsOfForwardsUploadsAndRefusedTypes() throws Exception {
        Path tshark = tshark();
        Decision block = Decision.newBuilder().setSessionId("s").setGatewayId("g").setVerdict(Verdict.BLOCK)
                .setReason(Reason.VIRUS).setDecidedAt(Instant.now()).setProfile("default")
                .setReplacementText("Message blocked by operator policy").build();
        var send = Mm1TestPdus.sendReq("T55", "+4366411/TYPE=PLMN", null, Mm1TestPdus.text("t", "x"));
        var upload = Mm1TestPdus.decode(withType(io.mmsguard.codec.mm1.Mm1Encoder.encode(send), 0x8F));
        var forward = io.mmsguard.codec.mm1.MmsPdu.builder(io.mmsguard.codec.mm1.MessageType.FORWARD_REQ)
                .set(io.mmsguard.codec.mm1.HeaderField.TRANSACTION_ID, "F1")
                .set(io.mmsguard.codec.mm1.HeaderField.MMS_VERSION, MmsPdus.MMS_1_2).build();
        var unknown = Mm1TestPdus.decode(withType(io.mmsguard.codec.mm1.Mm1Encoder.encode(send), 0x99));

        List<String[]> rows = dissect(tshark, List.of(Mm1Answers.blocked(upload, block),
                Mm1Answers.forwardRefused(forward), Mm1Answers.blocked(forward, block), Mm1Answers.unsupported(unknown)));

        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).startsWith("0x90", "T55", "1.2", "", "");
        assertThat(rows.get(1)).startsWith("0x8a", "F1", "1.2", "0xe1", Mm1Answers.FORWARD_REFUSED_TEXT);
        assertThat(rows.get(2)).startsWith("0x8a", "F1", "1.2", "0x87", "Message blocked by operator policy");
        assertThat(rows.get(3)).startsWith("0x81", "T55", "1.2", "0x88", Mm1Answers.UNSUPPORTED_TEXT);
        for (String[] row : rows) {
            assertThat(row[7]).as("malformed").isEmpty();
            assertThat(Arrays.stream(row[8].split("\\|")).filter(m -> !m.isEmpty() && !m.startsWith("HTTP/1.1")))
                    .as("expert info").isEmpty();
        }
    }

    private static byte[] withType(byte[] pdu, int type) {
        byte[] out = pdu.clone();
        out[1] = (byte) type;
        return out;
    }

    private static Path tshark() {
        Optional<Path> found = Optional.ofNullable(System.getenv("MMSGUARD_TSHARK")).map(Path::of)
                .or(() -> Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                        .map(d -> Path.of(d, "tshark")).filter(Files::isExecutable).findFirst());
        if (found.isEmpty() && "true".equalsIgnoreCase(System.getenv("MMSGUARD_REQUIRE_ORACLES"))) {
            throw new AssertionError("tshark is required (MMSGUARD_REQUIRE_ORACLES=true) but not on PATH");
        }
        Assumptions.assumeTrue(found.isPresent(), "tshark not on PATH");
        return found.get();
    }

    /** One frame per answer (an HTTP 200 carrying the PDU) on link type USER0; one row of fields per frame. */
    private List<String[]> dissect(Path tshark, List<byte[]> pdus) throws Exception {
        ByteArrayOutputStream pcap = new ByteArrayOutputStream();
        pcap.writeBytes(ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(0xA1B2C3D4)
                .putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(147).array());
        int second = 1_700_000_000;
        for (byte[] pdu : pdus) {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.writeBytes(("HTTP/1.1 200 OK\r\nContent-Type: " + Mm1TestPdus.MMS + "\r\nContent-Length: "
                    + pdu.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            frame.writeBytes(pdu);
            byte[] f = frame.toByteArray();
            pcap.writeBytes(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(second++).putInt(0)
                    .putInt(f.length).putInt(f.length).array());
            pcap.writeBytes(f);
        }
        Path file = dir.resolve("answers.pcap");
        Files.write(file, pcap.toByteArray());
        List<String> cmd = new ArrayList<>(List.of(tshark.toString(), "-n", "-o",
                "uat:user_dlts:\"User 0 (DLT=147)\",\"http\",\"0\",\"\",\"0\",\"\"", "-r", file.toString(),
                "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=|"));
        FIELDS.forEach(f -> {
            cmd.add("-e");
            cmd.add(f);
        });
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly(); // the process this test started
            throw new AssertionError("tshark hangs");
        }
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }
}
