package io.mmsguard.codec.mm7;

import io.mmsguard.codec.MalformedMessageException;
import io.mmsguard.codec.MessagePart;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The MIME evasions of issue 15 in an MM7 SOAP-with-attachments body: the splitter sees what the mail parser sees. */
class Mm7MimeEvasionTest {

    private final Mm7Decoder decoder = new Mm7Decoder();
    private static final String MZ_BASE64 = "TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAA==";

    private static String soap() {
        return "<env:Envelope xmlns:env=\"" + Mm7Namespace.SOAP_ENV + "\"><env:Body><SubmitReq xmlns=\""
                + Mm7Namespace.REL_6_MM7_1_4 + "\"><MM7Version>6.8.0</MM7Version>"
                + "<Content href=\"cid:c\"/></SubmitReq></env:Body></env:Envelope>";
    }

    private Mm7Message decode(String contentType, String... parts) {
        StringBuilder body = new StringBuilder("--b\r\nContent-Type: text/xml\r\n\r\n" + soap() + "\r\n");
        for (String p : parts) {
            body.append("--b\r\n").append(p).append("\r\n");
        }
        body.append("--b--\r\n");
        return decoder.decode(body.toString().getBytes(StandardCharsets.ISO_8859_1), contentType);
    }

    private static String exe(String nameHeaders) {
        return "Content-ID: <c>\r\n" + nameHeaders + "\r\nContent-Transfer-Encoding: base64\r\n\r\n" + MZ_BASE64;
    }

    @Test
    void rfc2047AndRfc2231NamesAreDecoded() {
        assertThat(decode("multipart/related; boundary=b",
                exe("Content-Type: application/octet-stream; name=\"=?UTF-8?B?eC5leGU=?=\"")).content())
                .extracting(MessagePart::name).containsExactly("x.exe");
        assertThat(decode("multipart/related; boundary=b", exe("Content-Type: image/jpeg\r\n"
                + "Content-Disposition: attachment; filename*=UTF-8''x%2Eexe")).content())
                .extracting(MessagePart::name).containsExactly("x.exe");
        assertThat(decode("multipart/related; boundary=b", exe("Content-Type: image/jpeg\r\n"
                + "Content-Disposition: attachment; filename*0*=UTF-8''x%2E; filename*1=exe")).content().get(0).content())
                .startsWith('M', 'Z');
    }

    @Test
    void conflictingParametersAndHeadersAreRefused() {
        assertThatThrownBy(() -> decode("multipart/related; boundary=b", exe("Content-Type: image/jpeg\r\n"
                + "Content-Disposition: attachment; filename=a.jpg; filename*=UTF-8''x.exe")))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("filename");
        assertThatThrownBy(() -> decode("multipart/related; boundary=b",
                exe("Content-Type: image/jpeg\r\nContent-Type: application/x-msdownload")))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("more than one Content-Type");
        assertThatThrownBy(() -> decode("multipart/related; boundary=b; boundary=c", exe("Content-Type: image/jpeg")))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("boundary");
    }

    @Test
    void theLeavesOfAnAttachedMailAreScannedButNeverWrittenOnTheirOwn() {
        String inner = "From: c@example.org\r\nContent-Type: application/octet-stream; name=x.exe\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + MZ_BASE64;
        Mm7Message m = decode("multipart/related; boundary=b",
                "Content-ID: <c>\r\nContent-Type: message/rfc822\r\n\r\n" + inner);
        assertThat(m.content()).extracting(MessagePart::contentType).containsExactly("message/rfc822");
        assertThat(m.embeddedContent()).extracting(MessagePart::name).containsExactly("x.exe");
        assertThat(m.allParts()).hasSize(2);
        assertThat(m.allParts().get(1).content()).startsWith('M', 'Z');
        Mm7HttpMessage encoded = new Mm7Encoder().encode(m);
        Mm7Message again = decoder.decode(encoded.body(), encoded.contentType());
        assertThat(again.content()).as("the inner part is written once, inside its mail")
                .extracting(MessagePart::contentType).containsExactly("message/rfc822");
        assertThat(again.embeddedContent()).extracting(MessagePart::name).containsExactly("x.exe");
    }
}
