package io.mmsguard.codec.mm1;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmsguard.codec.MessagePart;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * MM1 part names as RFC 2047 encoded-words and RFC 2231 extended parameters (issue 15): the file filter must see the
 * name the handset shows. The PDUs are written by hand, byte by byte.
 */
class Mm1PartNameEvasionTest {

    private final Mm1Decoder decoder = new Mm1Decoder();

    /** An m-send.req with one multipart/mixed entry typed application/octet-stream with {@code param=value}. */
    private static byte[] sendReq(String param, String value) {
        String media = "application/octet-stream";
        int ctLength = media.length() + 1 + param.length() + 1 + value.length() + 1;
        String header = "8C 80 98 \"T1\" 00 8D 92 89 01 81 97 \"+447700900123/TYPE=PLMN\" 00 84 A3 "
                // one entry: headers length, data length, Content-type (length-quote, uintvar length, media, parameter)
                + "01 " + hex(ctLength + 2) + " 04 1F " + hex(ctLength)
                + " \"" + media + "\" 00 \"" + param + "\" 00 \"" + value + "\" 00 \"MZ\" 90 00";
        return Mm1GoldenTest.bytes(header);
    }

    private static String hex(int n) {
        if (n > 127) {
            throw new IllegalArgumentException("keep the test parameters short");
        }
        return String.format("%02X", n);
    }

    @Test
    void encodedWordAndExtendedParameterNamesAreDecoded() {
        for (String[] form : new String[][] {{"name", "=?UTF-8?B?eC5leGU=?="}, {"name", "=?utf-8?q?x=2Eexe?="},
                {"name*", "UTF-8''x%2Eexe"}, {"name*0*", "UTF-8''x%2E"}}) {
            MmsPdu pdu = decoder.decode(sendReq(form[0], form[1]));
            MessagePart part = pdu.parts().get(0);
            String expected = form[0].equals("name*0*") ? "x." : "x.exe";
            assertThat(part.name()).as(form[0] + "=" + form[1]).isEqualTo(expected);
            assertThat(new String(part.content(), StandardCharsets.ISO_8859_1)).startsWith("MZ");
        }
    }
}
