package io.mmsguard.inspection.av;

import static io.mmsguard.inspection.av.Databases.bytes;
import static io.mmsguard.inspection.av.Databases.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each hex-signature construct, with content that must match and content that must not. */
class WildcardMatchingTest {

    @ParameterizedTest(name = "{0} on \"{1}\" -> {2}")
    @CsvSource(delimiter = ';', value = {
        // exact bytes
        "ABCD;          xxABCDxx;   true",
        "ABCD;          xxABCxDxx;  false",
        // ?? any one byte
        "AB??CD;        xxABzCDxx;  true",
        "AB??CD;        xxABCDxx;   false",
        "AB??CD;        xxABzzCDxx; false",
        // high nibble fixed: 3? matches '0'..'9' (0x30-0x39) and ':' etc., not 'A' (0x41)
        "AB3?CD;        AB7CD;      true",
        "AB3?CD;        ABACD;      false",
        // low nibble fixed: ?1 matches 'A' (0x41) and 'Q' (0x51), not 'B' (0x42)
        "AB?1CD;        ABQCD;      true",
        "AB?1CD;        ABBCD;      false",
        // * any number of bytes, including none
        "AB*CD;         ABCD;       true",
        "AB*CD;         AB-lots-of-bytes-CD; true",
        "AB*CD;         CDAB;       false",
        // {n} exactly n
        "AB{2}CD;       ABxxCD;     true",
        "AB{2}CD;       ABxCD;      false",
        "AB{2}CD;       ABxxxCD;    false",
        // {-n} at most n
        "AB{-2}CD;      ABCD;       true",
        "AB{-2}CD;      ABxxCD;     true",
        "AB{-2}CD;      ABxxxCD;    false",
        // {n-} at least n
        "AB{2-}CD;      ABxxxxxxCD; true",
        "AB{2-}CD;      ABxCD;      false",
        // {n-m}
        "AB{1-3}CD;     ABxCD;      true",
        "AB{1-3}CD;     ABxxxCD;    true",
        "AB{1-3}CD;     ABCD;       false",
        "AB{1-3}CD;     ABxxxxCD;   false",
        // (a|b) alternatives, different lengths
        "AB(X|YZ)CD;    ABXCD;      true",
        "AB(X|YZ)CD;    ABYZCD;     true",
        "AB(X|YZ)CD;    ABYCD;      false",
        "AB(X|YZ)CD;    ABZCD;      false",
        // alternatives before the anchor are verified backwards
        "(X|YZ)ABCD;    YZABCD;     true",
        "(X|YZ)ABCD;    ZABCD;      false",
        // gaps before the anchor
        "PQ{1-2}ABCD;   PQxABCD;    true",
        "PQ{1-2}ABCD;   PQxxxABCD;  false",
    })
    void construct(String signature, String content, boolean matches) {
        SignatureDatabase db = Databases.ndb("Sig:0:*:" + toHex(signature));
        assertThat(db.match(bytes(content))).isEqualTo(matches ? Optional.of("Sig") : Optional.empty());
    }

    @ParameterizedTest(name = "offset {0} on \"{1}\" -> {2}")
    @CsvSource(delimiter = ';', value = {
        "0;       ABCDxxxx;   true",
        "0;       xABCDxxx;   false",
        "3;       xxxABCD;    true",
        "3;       xxABCDx;    false",
        "2,3;     xxABCD;     true",
        "2,3;     xxxxxABCD;  true",
        "2,3;     xxxxxxABCD; false",
        "2,3;     xABCD;      false",
        "EOF-4;   xxxxABCD;   true",
        "EOF-4;   xxxABCDx;   false",
        "EOF-6,2; xxABCDxx;   true",
        "EOF-6,2; xABCDxxx;   false",
        "EOF-6,2; xxxxxxABCD; true",
        "*;       xxxxxxABCD; true",
    })
    void offset(String offset, String content, boolean matches) {
        SignatureDatabase db = Databases.ndb("Sig:0:" + offset + ":" + hex("ABCD"));
        assertThat(db.match(bytes(content)).isPresent()).isEqualTo(matches);
    }

    @ParameterizedTest(name = "offset {0} with prefix wildcards on \"{1}\" -> {2}")
    @CsvSource(delimiter = ';', value = {
        "1;  xQwABCD;  true",    // start (Q) at 1, {1-2} then ABCD
        "1;  xQwwABCD; true",
        "0;  xQwABCD;  false",   // Q is at 1, not 0
        "EOF-7; zzQwwABCD; true",
    })
    void offsetAppliesToTheFirstByteNotTheAnchor(String offset, String content, boolean matches) {
        SignatureDatabase db = Databases.ndb("Sig:0:" + offset + ":" + hex("Q") + "{1-2}" + hex("ABCD"));
        assertThat(db.match(bytes(content)).isPresent()).isEqualTo(matches);
    }

    /** Writes test signatures readably: letters are hex-encoded, the constructs stay as they are. */
    private static String toHex(String readable) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < readable.length(); i++) {
            char c = readable.charAt(i);
            if (c == '?' && i + 1 < readable.length() && readable.charAt(i + 1) == '?') {
                sb.append("??");
                i++;
            } else if (Character.isDigit(c) && i + 1 < readable.length() && readable.charAt(i + 1) == '?') {
                sb.append(c).append('?');
                i++;
            } else if (c == '?' && i + 1 < readable.length() && Character.isDigit(readable.charAt(i + 1))) {
                sb.append('?').append(readable.charAt(i + 1));
                i++;
            } else if (c == '{') {
                int close = readable.indexOf('}', i);
                sb.append(readable, i, close + 1);
                i = close;
            } else if ("*(|)".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append(hex(String.valueOf(c)));
            }
        }
        return sb.toString();
    }
}
