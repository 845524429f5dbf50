package io.mmsguard.schemas.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class EnvelopeCipherTest {
    static final String K1 = "k1:" + Base64.getEncoder().encodeToString(key(1));
    static final String K2 = "k2:" + Base64.getEncoder().encodeToString(key(2));
    private static final byte[] AAD = "session-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SECRET = "meet me at noon".getBytes(StandardCharsets.UTF_8);

    static byte[] key(int seed) {
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed * 31 + i);
        }
        return k;
    }

    private static EnvelopeCipher cipher(String keys, String current) {
        return new EnvelopeCipher(ArchiveKeyring.parse(keys, current, "test"));
    }

    @Test
    void roundTripWithAFreshDataKeyAndNonceEachTime() {
        EnvelopeCipher cipher = cipher(K1, "k1");

        EnvelopeCipher.Sealed a = cipher.seal(SECRET, AAD);
        EnvelopeCipher.Sealed b = cipher.seal(SECRET, AAD);

        assertThat(a.keyId()).isEqualTo("k1");
        assertThat(a.wrappedKey()).hasSize(40).isNotEqualTo(b.wrappedKey());
        assertThat(a.nonce()).hasSize(12).isNotEqualTo(b.nonce());
        assertThat(a.ciphertext()).hasSize(SECRET.length + 16);
        assertThat(new String(a.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("noon");
        assertThat(cipher.open(a, AAD)).isEqualTo(SECRET);
        assertThat(cipher.open(b, AAD)).isEqualTo(SECRET);
    }

    @Test
    void aWrongKeyUnderTheSameIdFailsClearly() {
        EnvelopeCipher.Sealed sealed = cipher(K1, "k1").seal(SECRET, AAD);
        String impostor = "k1:" + Base64.getEncoder().encodeToString(key(9));

        assertThatThrownBy(() -> cipher(impostor, null).open(sealed, AAD))
                .isInstanceOf(ArchiveCryptoException.class)
                .hasMessage("the data key does not unwrap with archive key 'k1': a different key under that id,"
                        + " or a damaged record");
    }

    @Test
    void anUnknownKeyIdNamesTheConfiguredOnes() {
        EnvelopeCipher.Sealed sealed = cipher(K1, "k1").seal(SECRET, AAD);

        assertThatThrownBy(() -> cipher(K2, null).open(sealed, AAD))
                .isInstanceOf(ArchiveCryptoException.class)
                .hasMessage("the record was encrypted with archive key 'k1', which is not among the configured keys"
                        + " [k2]");
    }

    @Test
    void tamperingWithTheCiphertextTheNonceOrTheAdditionalDataIsDetected() {
        EnvelopeCipher cipher = cipher(K1, "k1");
        EnvelopeCipher.Sealed sealed = cipher.seal(SECRET, AAD);
        byte[] ciphertext = sealed.ciphertext().clone();
        ciphertext[3] ^= 1;
        byte[] nonce = sealed.nonce().clone();
        nonce[0] ^= 1;

        for (EnvelopeCipher.Sealed changed : new EnvelopeCipher.Sealed[] {
            new EnvelopeCipher.Sealed("k1", sealed.wrappedKey(), sealed.nonce(), ciphertext),
            new EnvelopeCipher.Sealed("k1", sealed.wrappedKey(), nonce, sealed.ciphertext())}) {
            assertThatThrownBy(() -> cipher.open(changed, AAD)).isInstanceOf(ArchiveCryptoException.class)
                    .hasMessageStartingWith("the encrypted content fails its authentication tag");
        }
        assertThatThrownBy(() -> cipher.open(sealed, "session-2".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("the encrypted content fails its authentication tag");
        byte[] wrapped = sealed.wrappedKey().clone();
        wrapped[5] ^= 1;
        assertThatThrownBy(() -> cipher.open(new EnvelopeCipher.Sealed("k1", wrapped, sealed.nonce(),
                sealed.ciphertext()), AAD)).hasMessageStartingWith("the data key does not unwrap with archive key 'k1'");
    }

    @Test
    void afterARotationNewRecordsUseTheNewKeyAndOldRecordsStillOpen() {
        EnvelopeCipher.Sealed old = cipher(K1, "k1").seal(SECRET, AAD);
        EnvelopeCipher rotated = cipher(K2 + "\n" + K1, "k2");

        EnvelopeCipher.Sealed fresh = rotated.seal(SECRET, AAD);

        assertThat(fresh.keyId()).isEqualTo("k2");
        assertThat(rotated.open(old, AAD)).isEqualTo(SECRET);
        assertThat(rotated.open(fresh, AAD)).isEqualTo(SECRET);
    }

    @Test
    void aReadersKeyringCannotEncrypt() {
        assertThatThrownBy(() -> cipher(K1, null).seal(SECRET, AAD)).isInstanceOf(ArchiveCryptoException.class)
                .hasMessageContaining("only decrypts");
    }
}
