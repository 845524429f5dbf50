package io.mmsguard.codec.mm7;

import io.mmsguard.codec.MalformedMessageException;
import io.mmsguard.codec.MessagePart;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the SOAP part is found and the Content href resolved, for the loose forms of PROTOCOLS.md 4.1. */
class Mm7ContentResolutionTest {

    private final Mm7Decoder decoder = new Mm7Decoder();

    private static String soap(String href) {
        return "<env:Envelope xmlns:env=\"" + Mm7Namespace.SOAP_ENV + "\"><env:Body><SubmitReq xmlns=\""
                + Mm7Namespace.REL_6_MM7_1_4 + "\"><MM7Version>6.8.0</MM7Version>"
                + (href == null ? "" : "<Content href=\"" + href + "\"/>") + "</SubmitReq></env:Body></env:Envelope>";
    }

    private static String part(String headers, String body) {
        return "--b \r\n" + headers + "\r\n\r\n" + body + "\r\n";
    }

    private Mm7Message decode(String contentType, String... parts) {
        String body = String.join("", parts) + "--b--\r\n";
        return decoder.decode(body.getBytes(StandardCharsets.ISO_8859_1), contentType);
    }

    private static String texts(java.util.List<MessagePart> parts) {
        return String.join(",", parts.stream().map(p -> new String(p.content(), StandardCharsets.ISO_8859_1)).toList());
    }

    @Test
    void hrefByContentLocationAndAnUnreferencedSecondAttachment() {
        Mm7Message m = decode("multipart/related; boundary=b",
                part("Content-Type: text/xml", soap("cid:pic.jpg")),
                part("Content-Type: image/jpeg\r\nContent-Location: pic.jpg", "JPEG"),
                part("Content-Type: text/plain\r\nContent-ID: <other>", "hidden"));
        assertThat(texts(m.content())).isEqualTo("JPEG");
        assertThat(texts(m.unreferencedContent())).isEqualTo("hidden");
        assertThat(texts(m.allParts())).isEqualTo("JPEG,hidden");
    }

    @Test
    void startParameterInMixedCaseSelectsTheSoapPartEvenWhenItIsNotFirst() {
        Mm7Message m = decode("multipart/related; boundary=b; Type=\"text/xml\"; Start=\"<soap>\"",
                part("Content-Type: text/plain\r\nContent-ID: <c%20d>", "content"),
                part("Content-Type: text/xml\r\nContent-ID: <soap>", soap("cid:c%20d")));
        assertThat(m.operation()).isEqualTo(Mm7Operation.SUBMIT_REQ);
        assertThat(texts(m.content())).as("%-encoded cid URL").isEqualTo("content");
    }

    @Test
    void hrefToANestedPartTakesOnlyThatPart() {
        Mm7Message m = decode("multipart/related; boundary=b",
                part("Content-Type: text/xml", soap("cid:inner2")),
                part("Content-Type: multipart/mixed; boundary=i",
                        "--i\r\nContent-ID: <inner1>\r\n\r\none\r\n--i\r\nContent-ID: inner2\r\n\r\ntwo\r\n--i--"));
        assertThat(texts(m.content())).isEqualTo("two");
        assertThat(texts(m.unreferencedContent())).isEqualTo("one");
    }

    @Test
    void unresolvableHrefWithSeveralAttachmentsLeavesThemAllUnreferenced() {
        Mm7Message m = decode("multipart/related; boundary=b",
                part("Content-Type: text/xml", soap("cid:nowhere")),
                part("Content-ID: <a>", "A"), part("Content-ID: <b>", "B"));
        assertThat(m.content()).isEmpty();
        assertThat(texts(m.unreferencedContent())).isEqualTo("A,B");
    }

    @Test
    void rawEightBitAndQuotedPrintablePartsAreDecoded() {
        Mm7Message m = decode("multipart/related; boundary=b",
                part("Content-Type: text/xml", soap("cid:x")),
                part("Content-Type: multipart/mixed; boundary=i\r\nContent-ID: <x>",
                        "--i\r\nContent-Type: application/octet-stream\r\n\r\n\u00ff\u0000\u0080\r\n"
                                + "--i\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\ncaf=E9\r\n--i--"));
        assertThat(m.content()).hasSize(2);
        assertThat(m.content().get(0).content()).containsExactly(0xff, 0x00, 0x80);
        assertThat(m.content().get(1).content()).containsExactly('c', 'a', 'f', 0xe9);
        assertThat(m.content().get(1).charset()).isEqualTo("iso-8859-1");
    }

    @Test
    void structuralFaultsAreMalformed() {
        assertThatThrownBy(() -> decode("multipart/related; boundary=zz", part("Content-Type: text/xml", soap(null))))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> decode("multipart/related; boundary=b",
                part("Content-Type: multipart/mixed; boundary=i", "--i\r\n\r\nx\r\n--i--")))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("SOAP part is itself a multipart");
        assertThatThrownBy(() -> decoder.decode(new byte[0], "multipart/related; boundary=b"))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void nestingDepthIsBounded() {
        StringBuilder nested = new StringBuilder("x");
        for (int i = 0; i < 12; i++) {
            nested = new StringBuilder("Content-Type: multipart/mixed; boundary=n" + i + "\r\n\r\n--n" + i + "\r\n"
                    + nested + "\r\n--n" + i + "--");
        }
        String body = part("Content-Type: text/xml", soap("cid:x")) + "--b \r\nContent-ID: <x>\r\n" + nested + "\r\n--b--\r\n";
        assertThatThrownBy(() -> decoder.decode(body.getBytes(StandardCharsets.ISO_8859_1), "multipart/related; boundary=b"))
                .isInstanceOf(io.mmsguard.codec.LimitExceededException.class).hasMessageContaining("maxNestingDepth");
    }
}
