package io.mmsguard.codec.mm7;

import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.LimitExceededException;
import io.mmsguard.codec.MalformedMessageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** XXE, external DTDs and entity bombs never get past the SOAP reader; depth and size are bounded. */
@Timeout(30)
class Mm7XmlSafetyTest {

    private static final String NS = Mm7Namespace.REL_6_MM7_1_4;
    private final Mm7Decoder decoder = new Mm7Decoder();

    private static byte[] submitReq(String doctype, String subject) {
        return (doctype + "<env:Envelope xmlns:env=\"" + Mm7Namespace.SOAP_ENV + "\"><env:Body><SubmitReq xmlns=\"" + NS
                + "\"><MM7Version>6.8.0</MM7Version><Subject>" + subject + "</Subject></SubmitReq></env:Body>"
                + "</env:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theHarnessDocumentIsAcceptedWithoutADoctype() {
        assertThat(decoder.decode(submitReq("", "hello"), "text/xml").subject()).isEqualTo("hello");
    }

    /**
     * XML 1.1 lets a character reference carry C0 controls that XML 1.0 cannot: read, they reached the answer the
     * gateway writes (SOAP is XML 1.0) and failed it with a 500 (found by the listener fuzz run).
     */
    @Test
    void charactersXml10CannotCarryAreRefusedInTextAndAttributes() {
        for (String doc : new String[] {"<?xml version=\"1.1\"?>", ""}) {
            for (String subject : new String[] {"a&#x1c;b", "a&#x1;b"}) {
                assertThatThrownBy(() -> decoder.decode(submitReq(doc, subject), "text/xml"))
                        .as(doc + subject).isInstanceOf(MalformedMessageException.class);
            }
        }
        byte[] attribute = ("<?xml version=\"1.1\"?><env:Envelope xmlns:env=\"" + Mm7Namespace.SOAP_ENV
                + "\"><env:Body><SubmitReq xmlns=\"" + NS + "\" a=\"&#x12;\"><MM7Version>6.8.0</MM7Version>"
                + "</SubmitReq></env:Body></env:Envelope>").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decoder.decode(attribute, "text/xml")).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("XML 1.0");
        assertThat(decoder.decode(submitReq("<?xml version=\"1.1\"?>", "tab&#x9;ok"), "text/xml").subject())
                .isEqualTo("tab\tok");
    }

    @Test
    void classicXxeFileReadIsRejectedAndTheFileNeverRead(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-42");
        byte[] doc = submitReq("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>",
                "&xxe;");
        assertThatThrownBy(() -> decoder.decode(doc, "text/xml"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageNotContaining("TOP-SECRET-42")
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    @Timeout(5)
    void billionLaughsIsRejectedQuickly() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        dtd.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
        for (int i = 2; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            dtd.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        byte[] doc = submitReq(dtd.toString(), "&lol9;");
        assertThatThrownBy(() -> decoder.decode(doc, "text/xml")).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    @Timeout(10)
    void externalDtdIsNeverFetched() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            // Answer every connection by closing it, so a parser that does fetch fails fast instead of hanging.
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "dtd-server");
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/evil.dtd";
            byte[] doc = submitReq("<!DOCTYPE env:Envelope SYSTEM \"" + url + "\">", "x");
            assertThatThrownBy(() -> decoder.decode(doc, "text/xml")).isInstanceOf(MalformedMessageException.class);
            byte[] param = submitReq("<!DOCTYPE r [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]>", "x");
            assertThatThrownBy(() -> decoder.decode(param, "text/xml")).isInstanceOf(MalformedMessageException.class);
            byte[] general = submitReq("<!DOCTYPE r [<!ENTITY g SYSTEM \"" + url + "\">]>", "&g;");
            assertThatThrownBy(() -> decoder.decode(general, "text/xml")).isInstanceOf(MalformedMessageException.class);
            Thread.sleep(200);
        }
        assertThat(connections.get()).as("connections made to fetch a DTD or entity").isZero();
    }

    @Test
    void doctypeInsideTheSoapPartOfAMultipartIsRejectedToo() {
        String soap = new String(submitReq("<!DOCTYPE r [<!ENTITY a \"b\">]>", "&a;"), StandardCharsets.UTF_8);
        byte[] body = ("--b\r\nContent-Type: text/xml\r\n\r\n" + soap + "\r\n--b--\r\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decoder.decode(body, "multipart/related; boundary=b; type=\"text/xml\""))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void undeclaredEntityIsRejected() {
        assertThatThrownBy(() -> decoder.decode(submitReq("", "&nbsp;"), "text/xml"))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void elementDepthIsBounded() {
        String deep = "<a>".repeat(200) + "</a>".repeat(200);
        assertThatThrownBy(() -> decoder.decode(submitReq("", deep), "text/xml"))
                .isInstanceOf(LimitExceededException.class)
                .satisfies(e -> assertThat(((LimitExceededException) e).limit()).isEqualTo("maxXmlDepth"));
    }

    @Test
    void documentSizeIsBounded() {
        DecodeLimits small = new DecodeLimits(512, 256, 8, 512, 256 * 1024, 1024, 64);
        assertThatThrownBy(() -> new Mm7Decoder(small).decode(submitReq("", "x".repeat(600)), "text/xml"))
                .isInstanceOf(LimitExceededException.class);
    }

    @Test
    void recipientsAreBounded() {
        DecodeLimits few = new DecodeLimits(1 << 20, 256, 8, 512, 256 * 1024, 3, 64);
        String body = "<env:Envelope xmlns:env=\"" + Mm7Namespace.SOAP_ENV + "\"><env:Body><SubmitReq xmlns=\"" + NS
                + "\"><Recipients><To>" + "<Number>1</Number>".repeat(4) + "</To></Recipients></SubmitReq>"
                + "</env:Body></env:Envelope>";
        assertThatThrownBy(() -> new Mm7Decoder(few).decode(body.getBytes(StandardCharsets.UTF_8), "text/xml"))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("maxRecipients");
    }
}
