package io.mmsguard.inspection.av;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HashSignatureParserTest {

    @Test
    void parsesHdbLine() throws Exception {
        HashSignature s = HashSignatureParser.parse("44D88612FEA8A8F36DE82E1278ABB02F:68:Eicar-Test", true);
        assertThat(s).isEqualTo(new HashSignature(HashAlgorithm.MD5, "44d88612fea8a8f36de82e1278abb02f", 68,
                "Eicar-Test"));
    }

    @Test
    void hsbTellsAlgorithmByLengthAndAcceptsAnySizeWithLevel() throws Exception {
        assertThat(HashSignatureParser.parse("a".repeat(40) + ":10:X", false).algorithm())
                .isEqualTo(HashAlgorithm.SHA1);
        HashSignature s = HashSignatureParser.parse("b".repeat(64) + ":*:Y:73", false);
        assertThat(s.algorithm()).isEqualTo(HashAlgorithm.SHA256);
        assertThat(s.size()).isEqualTo(HashSignature.ANY_SIZE);
        assertThat(HashSignatureParser.parse("c".repeat(32) + ":5:Z", false).algorithm()).isEqualTo(HashAlgorithm.MD5);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "44d88612fea8a8f36de82e1278abb02f:68",               // missing name
        "44d88612fea8a8f36de82e1278abb02:68:Short",          // 31 hex digits
        "44d88612fea8a8f36de82e1278abb02g:68:NotHex",
        "44d88612fea8a8f36de82e1278abb02f:-1:Negative",
        "44d88612fea8a8f36de82e1278abb02f:abc:BadSize",
        "44d88612fea8a8f36de82e1278abb02f:68:",              // empty name
        "44d88612fea8a8f36de82e1278abb02f:68:Has Space",
        "44d88612fea8a8f36de82e1278abb02f:68:Future:9999",   // needs a newer engine
        "44d88612fea8a8f36de82e1278abb02f:68:Old:1:10",      // only for old engines
        "44d88612fea8a8f36de82e1278abb02f:68:N:1:2:3",       // too many fields
    })
    void rejectsMalformedLines(String line) {
        assertThatThrownBy(() -> HashSignatureParser.parse(line, false)).isInstanceOf(SignatureSyntaxException.class);
    }

    @Test
    void hdbRejectsShaDigests() {
        assertThatThrownBy(() -> HashSignatureParser.parse("a".repeat(64) + ":1:X", true))
                .isInstanceOf(SignatureSyntaxException.class);
    }
}
