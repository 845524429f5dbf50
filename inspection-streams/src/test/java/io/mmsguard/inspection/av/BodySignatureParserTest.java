package io.mmsguard.inspection.av;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mmsguard.inspection.av.PatternToken.Alternatives;
import io.mmsguard.inspection.av.PatternToken.ByteToken;
import io.mmsguard.inspection.av.PatternToken.Gap;

class BodySignatureParserTest {
    private final BodySignatureParser parser = new BodySignatureParser(2048);

    @Test
    void compilesEveryConstructAndPicksLongestExactRunAsAnchor() throws Exception {
        BodySignature s = parser.parse("N:0:*:aa??b??c*{3}{-2}{4-}{5-6}(0102|03)ddeeff11:50:255");
        assertThat(s.name()).isEqualTo("N");
        assertThat(s.offset()).isEqualTo(SignatureOffset.ANY);
        assertThat(s.pattern().tokens()).containsExactly(
                new ByteToken((byte) 0xaa, (byte) 0xff),
                new ByteToken((byte) 0, (byte) 0),
                new ByteToken((byte) 0xb0, (byte) 0xf0),
                new ByteToken((byte) 0x0c, (byte) 0x0f),
                new Gap(12, Gap.UNBOUNDED), // * {3} {-2} {4-} {5-6} merge into one gap
                new Alternatives(List.of(new byte[] {1, 2}, new byte[] {3})),
                new ByteToken((byte) 0xdd, (byte) 0xff),
                new ByteToken((byte) 0xee, (byte) 0xff),
                new ByteToken((byte) 0xff, (byte) 0xff),
                new ByteToken((byte) 0x11, (byte) 0xff));
        assertThat(s.pattern().anchor()).containsExactly(0xdd, 0xee, 0xff, 0x11);
    }

    @Test
    void boundedGapsKeepTheirRange() throws Exception {
        assertThat(parser.parse("N:0:*:aabb{2-5}cc").pattern().tokens()).contains(new Gap(2, 5));
        assertThat(parser.parse("N:0:*:aabb{-5}cc").pattern().tokens()).contains(new Gap(0, 5));
        assertThat(parser.parse("N:0:*:aabb{7}cc").pattern().tokens()).contains(new Gap(7, 7));
    }

    @Test
    void parsesOffsets() throws Exception {
        assertThat(parser.parse("N:0:12:aabb").offset()).isEqualTo(
                new SignatureOffset(SignatureOffset.Kind.FROM_START, 12, 0));
        assertThat(parser.parse("N:0:12,30:aabb").offset()).isEqualTo(
                new SignatureOffset(SignatureOffset.Kind.FROM_START, 12, 30));
        assertThat(parser.parse("N:0:EOF-4:aabb").offset()).isEqualTo(
                new SignatureOffset(SignatureOffset.Kind.FROM_END, 4, 0));
        assertThat(parser.parse("N:0:EOF-9,3:aabb").offset()).isEqualTo(
                new SignatureOffset(SignatureOffset.Kind.FROM_END, 9, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "N:1:*:aabbcc",            // PE target
        "N:0:EP+0:aabbcc",         // needs a parsed executable
        "N:0:SL+4:aabbcc",
        "N:0:*:aab",               // odd digits
        "N:0:*:aabbzz",            // not hex
        "N:0:*:*aabb",             // leading gap
        "N:0:*:aabb{3}",           // trailing gap
        "N:0:*:aa??bb",            // no two exact bytes in a row
        "N:0:*:aabb!(cc|dd)",      // negated alternatives
        "N:0:*:aabb(c?|dd)",       // wildcard inside alternatives
        "N:0:*:aabb(cc)",          // single option
        "N:0:*:aabb(B)cc",         // boundary marker
        "N:0:*:aabb[1-2]cc",       // anchored range
        "N:0:*:aabb{5-2}cc",       // max < min
        "N:0:*:aabb{x}cc",
        "N:0:*:aabb{cc",
        "N:0:*:aabb(cc|dd",
        "N:0:*",                   // too few fields
        "N:0:*:aabb:1:2:3",        // too many fields
        "N:0:*:aabb:9999",         // needs a newer engine
        ":0:*:aabb",               // no name
    })
    void rejectsUnsupportedOrMalformedLines(String line) {
        assertThatThrownBy(() -> parser.parse(line)).isInstanceOf(SignatureSyntaxException.class);
    }

    @Test
    void rejectsSignaturesOverTheLengthLimit() {
        BodySignatureParser small = new BodySignatureParser(4);
        assertThatThrownBy(() -> small.parse("N:0:*:0102030405")).isInstanceOf(SignatureSyntaxException.class);
    }
}
