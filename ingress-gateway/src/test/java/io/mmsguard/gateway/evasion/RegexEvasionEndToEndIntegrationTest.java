package io.mmsguard.gateway.evasion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mmsguard.avro.BannedWord;
import io.mmsguard.avro.EndpointAction;
import io.mmsguard.avro.EndpointEntry;
import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.PatternType;
import io.mmsguard.gateway.GatewayStack;
import io.mmsguard.gateway.smtp.SmtpServerSettings;
import io.mmsguard.gateway.smtp.SmtpTestServer;
import io.mmsguard.gateway.smtp.SmtpTransaction;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 15, reproduction 4 and the banned-word evasions, through the real MM3 listener, the real inspection topology
 * on the shared broker, and an SMTP MMSC stub that must receive nothing of what is refused. The mails are written
 * by hand here (not by the project's MIME writer), byte for byte as a client would send them:
 * <ul>
 * <li>a block list entry whose REGEX is catastrophic on a crafted sender used to count as "no match" and the mail
 * was relayed; the exhausted regex budget is now a scanner failure: 451 4.3.0 on this fail-closed profile;</li>
 * <li>a REGEX banned word after 100,000 characters of padding used to be cut off unseen;</li>
 * <li>a banned word spelt with HTML entities or hidden by markup used to be relayed, and so was a REGEX banned word
 * split by zero-width or format characters or written in full-width letters.</li>
 * </ul>
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class RegexEvasionEndToEndIntegrationTest {
    private static final String RCPT = "447700900456@mms.mnc010.mcc234.gprs";
    @TempDir
    static Path dir;
    /**
     * The gateway relays a passed message before it answers its client, so once the client has a refusal whatever
     * was relayed is already in the stub's queue: no need to wait for it.
     */
    private static final String NOTHING_RELAYED = "nothing reaches the MMSC";
    private static SmtpTestServer mmsc;
    private static GatewayStack stack;

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry registry) throws Exception {
        mmsc = SmtpTestServer.accepting(SmtpServerSettings.defaults("mmsc.test", 32 << 20));
        stack = GatewayStack.start(kafka, registry, dir, "regexe2e", Map.ofEntries(
                Map.entry("mm1.enabled", "false"),
                Map.entry("mm3.enabled", "true"), Map.entry("mm3.listen", "127.0.0.1:0"),
                Map.entry("mm3.upstream", "127.0.0.1:" + mmsc.port()), Map.entry("mm3.max-message-bytes", "600000")));
        stack.publishEndpointList(EndpointList.newBuilder().setName("blocklist").setEntries(List.of(
                EndpointEntry.newBuilder().setPattern("(.*a){12}@evil\\.example").setPatternType(PatternType.REGEX)
                        .setAction(EndpointAction.BLOCK).build())).build());
        stack.publishProfile(MmsProfile.newBuilder().setName("default").setEndpointLists(List.of("blocklist"))
                .setBannedWords(List.of(
                        BannedWord.newBuilder().setPattern("casino").setScore(20).build(),
                        BannedWord.newBuilder().setPattern("fr[e3]{2} m[o0]ney").setPatternType(PatternType.REGEX)
                                .setScore(20).build(),
                        BannedWord.newBuilder().setPattern("cash&carry").setPatternType(PatternType.REGEX)
                                .setScore(20).build()))
                .build());
    }

    @AfterAll
    static void tearDown() {
        if (stack != null) {
            stack.close();
        }
        if (mmsc != null) {
            mmsc.close();
        }
    }

    @BeforeEach
    void clear() {
        mmsc.received.clear();
    }

    /** A mail with one body part, written by hand with CRLF line ends. */
    private static String mail(String from, String contentType, String transferEncoding, String body) {
        return "From: <" + from + ">\r\n"
                + "To: <" + RCPT + ">\r\n"
                + "Subject: hello\r\n"
                + "Date: Sat, 5 Dec 2026 08:00:00 +0000\r\n"
                + "Message-ID: <" + Long.toHexString(System.nanoTime()) + "@example.org>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Transfer-Encoding: " + transferEncoding + "\r\n"
                + "\r\n"
                + body.replace("\n", "\r\n") + "\r\n";
    }

    /** MAIL, RCPT and DATA over a raw socket to the MM3 listener; the reply to the end of data. */
    private static String send(String from, String data) throws Exception {
        try (SmtpTestServer.RawClient smtp = new SmtpTestServer.RawClient(stack.gateway().port("mm3"))) {
            assertThat(smtp.reply()).startsWith("220");
            assertThat(smtp.command("EHLO client.example.org")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<" + from + ">")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + RCPT + ">")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            smtp.send(data + ".\r\n");
            String reply = smtp.reply();
            smtp.command("QUIT");
            return reply;
        }
    }

    private static String send(String contentType, String transferEncoding, String body) throws Exception {
        return send("alice@example.org", mail("alice@example.org", contentType, transferEncoding, body));
    }

    @Test
    void aCleanHtmlMailIsRelayed() throws Exception {
        assertThat(send("text/html; charset=utf-8", "8bit", "<p>see you at <b>noon</b> &amp; bring cash</p>"))
                .startsWith("250");
        SmtpTransaction relayed = mmsc.received.poll(30, TimeUnit.SECONDS);
        assertThat(relayed).as("the stub is reachable, so what it does not receive was refused").isNotNull();
    }

    @Test
    void aCraftedSenderThatExhaustsTheBlockListRegexIsNotPassed() throws Exception {
        String crafted = "a".repeat(40) + "@example.org";
        String reply = send(crafted, mail(crafted, "text/plain; charset=us-ascii", "7bit", "hello"));
        assertThat(reply).as("a scanner failure on a fail-closed profile").startsWith("451 4.3.0");
        assertThat(mmsc.received.poll()).as(NOTHING_RELAYED).isNull();
    }

    @Test
    void aBannedWordAfterAHundredThousandCharactersOfPaddingIsBlocked() throws Exception {
        StringBuilder body = new StringBuilder();
        while (body.length() < 150_000) {
            body.append("lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor\n");
        }
        body.append("get free money now\n");
        assertThat(send("text/plain; charset=us-ascii", "7bit", body.toString())).startsWith("550 5.7.1");
        assertThat(mmsc.received.poll()).as(NOTHING_RELAYED).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "decimal entity           | text/html; charset=us-ascii | 7bit   | <p>win at the c&#97;sino tonight</p>",
        "hex entity               | text/html; charset=us-ascii | 7bit   | <p>win at the &#x63;asino tonight</p>",
        "entity without semicolon | text/html; charset=us-ascii | 7bit   | <p>win at the c&#97sino tonight</p>",
        "named entity &amp;       | text/html; charset=us-ascii | 7bit   | <p>cash&amp;carry</p>",
        "zero-width named entity  | text/html; charset=us-ascii | 7bit   | <p>cas&ZeroWidthSpace;ino</p>",
        "empty inline tags        | text/html; charset=us-ascii | 7bit   | <p>win at the ca<b></b>si<i></i>no</p>",
        "tags around letters      | text/html; charset=us-ascii | 7bit   | <div>fr<span style=\"x\">ee</span> mon<u>e</u>y</div>",
        "comment inside the word  | text/html; charset=us-ascii | 7bit   | <p>cas<!-- x -->ino</p>",
        "zero-width space, joiner | text/plain; charset=utf-8   | base64 | Z2V0IGZy4oCLZWUgbW/igI1uZXkgbm93",
        "soft hyphen, word joiner | text/plain; charset=utf-8   | base64 | ZnLCrWVlIG3igaBvbmV5",
        "byte order mark          | text/plain; charset=utf-8   | base64 | ZnJlZSBtb++7v25leQ==",
        "full-width letters       | text/plain; charset=utf-8   | base64 | 772G772S772F772FIO+9je+9j++9ju+9he+9mQ==",
    })
    void aBannedWordHiddenInHowItIsWrittenIsBlocked(String how, String contentType, String encoding, String body)
            throws Exception {
        assertThat(send(contentType, encoding, body)).as(how).startsWith("550 5.7.1");
        assertThat(mmsc.received.poll()).as(NOTHING_RELAYED).isNull();
    }
}
