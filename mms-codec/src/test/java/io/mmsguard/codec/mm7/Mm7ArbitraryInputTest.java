package io.mmsguard.codec.mm7;

import io.mmsguard.codec.MalformedMessageException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.assertThat;

/** Any Content-Type string with any body: a model or a MalformedMessageException, nothing else. */
class Mm7ArbitraryInputTest {

    private final Mm7Decoder decoder = new Mm7Decoder();

    private void decodesOrIsMalformed(byte[] body, String contentType) {
        Throwable t = catchThrowable(() -> decoder.decode(body, contentType));
        if (t != null) {
            assertThat(t).isInstanceOf(MalformedMessageException.class);
        }
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    @Property(tries = 2000)
    void anyContentTypeAnyBytes(@ForAll String contentType, @ForAll("bodies") byte[] body) {
        decodesOrIsMalformed(body, contentType);
    }

    @Property(tries = 1000)
    void anyMultipartParametersWithAValidEnvelopeBody(@ForAll String boundary, @ForAll String start) {
        byte[] body = ("--" + boundary + "\r\nContent-Type: text/xml\r\n\r\n<env:Envelope xmlns:env=\""
                + Mm7Namespace.SOAP_ENV + "\"><env:Body><SubmitRsp/></env:Body></env:Envelope>\r\n--" + boundary
                + "--\r\n").getBytes(StandardCharsets.UTF_8);
        decodesOrIsMalformed(body, "multipart/related; boundary=\"" + boundary + "\"; start=\"" + start + "\"");
        decodesOrIsMalformed(body, "multipart/related; boundary=" + boundary + "; start=" + start);
    }

    @Property(tries = 1000)
    void anyElementTextInAWellFormedEnvelope(@ForAll String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;");
        byte[] body = ("<env:Envelope xmlns:env=\"" + Mm7Namespace.SOAP_ENV + "\"><env:Body><SubmitReq><Subject>"
                + escaped + "</Subject><DeliveryReport>" + escaped + "</DeliveryReport><Content href=\"" + escaped
                .replace("\"", "&quot;") + "\"/></SubmitReq></env:Body></env:Envelope>").getBytes(StandardCharsets.UTF_8);
        assertThatCode(() -> decodesOrIsMalformed(body, "text/xml")).doesNotThrowAnyException();
    }
}
