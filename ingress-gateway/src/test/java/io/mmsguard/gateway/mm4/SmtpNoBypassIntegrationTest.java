package io.mmsguard.gateway.mm4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.mmsguard.avro.FileFilterEntry;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mail.MailParser;
import io.mmsguard.gateway.GatewayStack;
import io.mmsguard.gateway.smtp.SmtpTestServer;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import io.mmsguard.testkit.smtp.SmtpStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, reproduction 1, and the rule behind it: the bytes inspected are the bytes relayed (MM3 and MM4).
 * DATA whose text part ends in a bare CR right before {@code --B} hid an {@code x.exe} part from Mime4j, and the relay
 * turned the bare CR into CRLF, so the MMSC got an attachment nobody scanned. Two real deployments on the shared
 * broker (gateway, real topology, a profile blocking {@code *.exe}): one with the default {@code bare-newlines:
 * refuse}, one with {@code normalise}. Mails are hand-written bytes over raw sockets; the MMSC is test-kit's
 * independent {@link SmtpStub}, as lenient about bare LF as a real MMSC may be, and the bytes it receives (after
 * un-dot-stuffing) are compared with the envelope the inspection got on {@code <prefix>.inbound}. Also on MM4: a
 * type without content (a report) carrying an attachment is inspected, and an unknown type never relayed.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class SmtpNoBypassIntegrationTest {
    private static final String HEAD = "From: alice@example.org\r\nTo: 447700900456@mms.mnc010.mcc234.gprs\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"B\"\r\n";
    /** The text part ends in {@code text}; then the x.exe part. */
    private static final String EXE_TAIL = "--B\r\nContent-Type: application/octet-stream\r\n"
            + "Content-Disposition: attachment; filename=\"x.exe\"\r\n\r\nMZ\r\n--B--\r\n";

    @TempDir
    static Path dir;
    private static SmtpStub mmsc;
    private static GatewayStack refusing;
    private static GatewayStack normalising;

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry registry) throws Exception {
        mmsc = SmtpStub.accepting();
        refusing = stack(kafka, registry, "barenl-refuse", Map.of());
        normalising = stack(kafka, registry, "barenl-normalise", Map.of("mm3.bare-newlines", "normalise",
                "mm4.bare-newlines", "normalise"));
    }

    private static GatewayStack stack(KafkaTestCluster kafka, ApicurioRegistry registry, String prefix,
                                      Map<String, String> mode) throws Exception {
        String upstream = "127.0.0.1:" + mmsc.port();
        Map<String, String> settings = new java.util.HashMap<>(Map.of("mm1.enabled", "false",
                "mm3.enabled", "true", "mm3.listen", "127.0.0.1:0", "mm3.upstream", upstream,
                "mm4.enabled", "true", "mm4.listen", "127.0.0.1:0", "mm4.upstream", upstream,
                "mm4.system-address", "system-user@mms.mnc010.mcc234.gprs"));
        // the raw client's MAIL FROM:<a@x> and RCPT TO:<b@y> (RawClient.startData) pass the access control
        settings.put("mm3.local-domains", "y, mms.mnc010.mcc234.gprs");
        settings.put("mm4.peers.loopback.domains", "x, mms.mnc006.mcc260.gprs");
        settings.putAll(mode);
        GatewayStack stack = GatewayStack.start(kafka, registry, dir.resolve(prefix), prefix, settings);
        // on the refusing deployment MM3 strips what the file filter blocks (the gateway re-encodes the mail)
        stack.publishProfile(MmsProfile.newBuilder().setName("default")
                .setFileFilter(List.of(FileFilterEntry.newBuilder().setPattern("*.exe").build()))
                .setMm3(InterfaceSettings.newBuilder().setRemoveBlocked(mode.isEmpty()).build()).build());
        return stack;
    }

    @AfterAll
    static void tearDown() {
        for (AutoCloseable c : new AutoCloseable[] {refusing, normalising, mmsc}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing anyway
            }
        }
    }

    @Test
    void aBareCrBeforeTheBoundaryIsRefusedWith550_5_6_0OnMm3AndMm4() throws Exception {
        int before = mmsc.received().size();
        String mm3 = HEAD + "Subject: repro-mm3\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nhi\r" + EXE_TAIL;
        assertThat(data(refusing, "mm3", mm3)).startsWith("550 5.6.0");
        assertThat(data(refusing, "mm4", mm4Head("repro-mm4") + mm3.substring(HEAD.length())))
                .startsWith("550 5.6.0");
        // a CRLF-only mail on the same connection type still passes: only the bare newline is refused
        assertThat(data(refusing, "mm3", HEAD + "Subject: clean-after\r\n\r\n--B\r\nContent-Type: text/plain\r\n"
                + "\r\nhi\r\n--B--\r\n")).startsWith("250");
        assertThat(mmsc.next().text()).contains("Subject: clean-after");
        assertThat(mmsc.received().subList(before, mmsc.received().size()))
                .extracting(SmtpStub.Received::text).noneMatch(t -> t.contains("filename=\"x.exe\""));
    }

    @Test
    void swaksSendingTheReproductionAsIsGets550_5_6_0() throws Exception {
        Optional<Path> swaks = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(d -> Path.of(d, "swaks")).filter(Files::isExecutable).findFirst();
        if (swaks.isEmpty() && "true".equalsIgnoreCase(System.getenv("MMSGUARD_REQUIRE_ORACLES"))) {
            throw new AssertionError("swaks is required (MMSGUARD_REQUIRE_ORACLES=true) but not on PATH");
        }
        Assumptions.assumeTrue(swaks.isPresent(), "swaks not on PATH");
        int before = mmsc.received().size();
        // --no-data-fixup: swaks sends the file as it is (no line end repair, no dot-stuffing, our own final dot)
        Path file = dir.resolve("repro.eml");
        Files.writeString(file, HEAD + "Subject: repro-swaks\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nhi\r"
                + EXE_TAIL + ".\r\n", StandardCharsets.US_ASCII);
        Process p = new ProcessBuilder(swaks.get().toString(), "--server", "127.0.0.1", "--port",
                String.valueOf(refusing.gateway().port("mm3")), "--from", "alice@example.org", "--to",
                "447700900456@mms.mnc010.mcc234.gprs", "--data", "@" + file, "--no-data-fixup", "--timeout", "30")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("swaks finished").isTrue();
        assertThat(output).contains("<** 550 5.6.0");
        assertThat(mmsc.received()).hasSize(before);
    }

    @Test
    void aBareLfAnywhereIsRefusedWith550_5_6_0() throws Exception {
        int before = mmsc.received().size();
        assertThat(data(refusing, "mm3", HEAD + "Subject: lf-mm3\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\n"
                + "hi\n--B--\r\n")).startsWith("550 5.6.0");
        assertThat(data(refusing, "mm4", mm4Head("lf-mm4") + "Subject: lf-mm4\nX-Trick: 1\r\n\r\n--B\r\n"
                + "Content-Type: text/plain\r\n\r\nhi\r\n--B--\r\n")).startsWith("550 5.6.0");
        assertThat(mmsc.received()).hasSize(before);
    }

    @Test
    void underNormaliseTheBareCrBecomesALineEndBeforeInspectionAndTheExeIsBlocked() throws Exception {
        int before = mmsc.received().size();
        String body = "\r\n--B\r\nContent-Type: text/plain\r\n\r\nhi\r" + EXE_TAIL;
        assertThat(data(normalising, "mm3", HEAD + "Subject: norm-mm3\r\n" + body)).startsWith("550 5.7.1");
        // MM4 blocks are 250 at the SMTP level; the block shows as the MM4_forward.RES to the originator
        assertThat(data(normalising, "mm4", mm4Head("norm-mm4") + "Subject: norm-mm4\r\n" + body))
                .startsWith("250");
        SmtpStub.Received res = mmsc.next();
        assertThat(res.text()).contains("X-Mms-Message-Type: MM4_forward.RES")
                .contains("Error-content-not-accepted");
        assertThat(mmsc.received().subList(before, mmsc.received().size()))
                .extracting(SmtpStub.Received::text).noneMatch(t -> t.contains("filename=\"x.exe\""));
    }

    @Test
    void theMmscReceivesExactlyTheBytesTheInspectionSawWithDotsAtLineStart() throws Exception {
        // ".hidden" and "." alone at a line start are dot-stuffed on the wire both ways; "MZ" is a clean name here
        String body = "\r\n--B\r\nContent-Type: text/plain\r\n\r\n.hidden\r\n..two\r\n.\r\nend\r\n"
                + "--B\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; "
                + "filename=\"notes.bin\"\r\n\r\nAAAA\r\n--B--\r\n";
        for (String listener : List.of("mm3", "mm4")) {
            String subject = "dots-" + listener;
            String mail = (listener.equals("mm3") ? HEAD : mm4Head(subject)) + "Subject: " + subject + "\r\n" + body;
            assertInspectedIsRelayed(refusing, listener, subject, mail, mail);
        }
    }

    @Test
    void underNormaliseTheMmscReceivesTheNormalisedBytesTheInspectionSaw() throws Exception {
        // bare LF and bare CR, with dots after them (not line starts for the gateway, line starts for the MMSC)
        String body = "\r\n--B\r\nContent-Type: text/plain\r\n\r\nline one\nline two\r.dot after CR\n.\n"
                + "..two\r\nend\r\n--B--\r\n";
        for (String listener : List.of("mm3", "mm4")) {
            String subject = "norm-clean-" + listener;
            String mail = (listener.equals("mm3") ? HEAD : mm4Head(subject)) + "Subject: " + subject + "\r\n" + body;
            String normalised = mail.replaceAll("\r\n|\r|\n", "\r\n");
            assertInspectedIsRelayed(normalising, listener, subject, mail, normalised);
        }
    }

    @Test
    void mm4ReportsCarryingContentAreInspectedAndUnknownTypesNeverRelayed() throws Exception {
        int before = mmsc.received().size();
        String exe = "\r\n--B\r\nContent-Type: text/plain\r\n\r\nhi\r\n" + EXE_TAIL;
        String report = mm4Head("report-exe").replace("MM4_forward.REQ", "MM4_delivery_report.REQ")
                + "X-Mms-MM-Status-Code: Retrieved\r\nSubject: report-exe\r\n" + exe;
        assertThat(data(refusing, "mm4", report)).startsWith("550 5.7.1");

        String unknown = mm4Head("bogus-exe").replace("MM4_forward.REQ", "MM4_bogus.REQ") + "Subject: bogus\r\n" + exe;
        assertThat(data(refusing, "mm4", unknown)).as("accepted and answered with a .RES").startsWith("250");
        assertThat(mmsc.next().text()).contains("MM4_forward.RES").contains("Error-unsupported-message");

        // a report as reports are (headers and a text): relayed as it came, uninspected
        String plain = mm4Head("report-plain").replace("MM4_forward.REQ", "MM4_delivery_report.REQ")
                .replace("Content-Type: multipart/mixed; boundary=\"B\"", "Content-Type: text/plain")
                + "X-Mms-MM-Status-Code: Retrieved\r\n\r\nRetrieved.\r\n";
        assertThat(data(refusing, "mm4", plain)).startsWith("250");
        assertThat(mmsc.next().data()).isEqualTo(plain.getBytes(StandardCharsets.UTF_8));
        assertThat(mmsc.received().subList(before, mmsc.received().size()))
                .extracting(SmtpStub.Received::text).noneMatch(t -> t.contains("filename=\"x.exe\""));
    }

    @Test
    void afterStripTheMmscGetsOnlyInspectedPartsAndTheReplacementText() throws Exception {
        String mail = HEAD + "Subject: strip-mm3\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nthe tool\r\n" + EXE_TAIL
                .replace("--B--\r\n", "--B\r\nContent-Type: image/gif\r\nContent-Transfer-Encoding: base64\r\n"
                        + "Content-Disposition: attachment; filename=\"sun.gif\"\r\n\r\nR0lGODlhLg==\r\n--B--\r\n");
        assertThat(data(refusing, "mm3", mail)).startsWith("250");
        SmtpStub.Received relayed = mmsc.next();

        MmsEnvelope inspected = refusing.inbound(e -> "strip-mm3".equals(e.getSubject()));
        List<org.assertj.core.groups.Tuple> kept = new java.util.ArrayList<>(tuples(inspected));
        org.assertj.core.groups.Tuple stripped = kept.remove(1);
        assertThat(stripped.toList()).contains("x.exe");
        List<MessagePart> atMmsc = new MailParser().parse(relayed.data()).parts();
        List<org.assertj.core.groups.Tuple> received = tuples(atMmsc);
        assertThat(received).doesNotContain(stripped).containsAll(kept);
        assertThat(atMmsc).filteredOn(p -> !kept.contains(tuples(List.of(p)).get(0))).singleElement()
                .satisfies(p -> assertThat(p.contentType()).isEqualTo("text/plain"));
    }

    /** Sends {@code sent}, expects it relayed as {@code expected} and inspected as exactly those bytes. */
    private static void assertInspectedIsRelayed(GatewayStack stack, String listener, String subject, String sent,
                                                 String expected) throws Exception {
        assertThat(data(stack, listener, sent)).startsWith("250");
        SmtpStub.Received relayed = mmsc.next();
        assertThat(relayed.text()).contains("Subject: " + subject);
        assertThat(relayed.data()).as("bytes at the MMSC").isEqualTo(expected.getBytes(StandardCharsets.UTF_8));

        MmsEnvelope inspected = stack.inbound(e -> subject.equals(e.getSubject()));
        assertThat(inspected.getOriginalSize()).as("size inspected").isEqualTo(relayed.data().length);
        assertThat(tuples(inspected)).containsExactlyElementsOf(tuples(new MailParser().parse(relayed.data()).parts()));
    }

    private static List<org.assertj.core.groups.Tuple> tuples(MmsEnvelope e) {
        return e.getParts().stream().map((MmsPart p) -> org.assertj.core.groups.Tuple.tuple(p.getContentType(),
                p.getFilename(), p.getSha256())).toList();
    }

    private static List<org.assertj.core.groups.Tuple> tuples(List<MessagePart> parts) {
        return parts.stream().map(p -> org.assertj.core.groups.Tuple.tuple(p.contentType(), p.name(),
                sha256(p.content()))).toList();
    }

    private static String mm4Head(String transactionId) {
        return "From: +48600111222/TYPE=PLMN\r\nTo: +447700900456/TYPE=PLMN\r\n"
                + "Date: Wed, 25 Nov 2026 10:00:00 +0100\r\nMessage-ID: <" + transactionId + "@mms.peer>\r\n"
                + "Sender: +48600111222/TYPE=PLMN@mms.mnc006.mcc260.gprs\r\nX-Mms-Message-Type: MM4_forward.REQ\r\n"
                + "X-Mms-3GPP-MMS-Version: 5.5.0\r\nX-Mms-Transaction-ID: \"" + transactionId + "\"\r\n"
                + "X-Mms-Message-ID: \"" + transactionId + "@w.mms.peer\"\r\n"
                + "X-Mms-Originator-System: PostMaster@mms.mnc006.mcc260.gprs\r\nX-Mms-Ack-Request: Yes\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"B\"\r\n";
    }

    /**
     * One SMTP transaction over a raw socket: the mail dot-stuffed at every CRLF line start (what the gateway reads
     * as a line start), bare CR and LF sent as they are; returns the reply to the end of DATA.
     */
    private static String data(GatewayStack stack, String listener, String mail) throws Exception {
        try (SmtpTestServer.RawClient raw = new SmtpTestServer.RawClient(stack.gateway().port(listener))) {
            assertThat(raw.reply()).startsWith("220");
            assertThat(raw.command("EHLO peer.test")).startsWith("250");
            raw.startData();
            String stuffed = (mail.startsWith(".") ? "." : "") + mail.replace("\r\n.", "\r\n..");
            raw.send(stuffed + ".\r\n");
            return raw.reply();
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
