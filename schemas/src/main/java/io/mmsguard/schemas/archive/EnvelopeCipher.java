package io.mmsguard.schemas.archive;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Envelope encryption of one record's content: a fresh 256-bit data key per record encrypts the content with
 * AES-256-GCM (96-bit random nonce, 128-bit tag, the caller's additional data); the data key is wrapped with an
 * archive key by AES Key Wrap (RFC 3394), whose integrity check tells a wrong key apart from tampered content. Only
 * the JDK's providers; no Kafka or Avro types, so that the format is what docs/security.md describes and nothing more.
 */
public final class EnvelopeCipher {
    /** The scheme's name in {@code EncryptedContent.scheme}, JOSE's names for the two algorithms. */
    public static final String SCHEME = "A256GCM+A256KW";
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BITS = 128;

    /** What a record carries: which archive key, the wrapped data key, the nonce, ciphertext with its tag. */
    public record Sealed(String keyId, byte[] wrappedKey, byte[] nonce, byte[] ciphertext) {
    }

    private final ArchiveKeyring keys;
    private final SecureRandom random;

    public EnvelopeCipher(ArchiveKeyring keys, SecureRandom random) {
        this.keys = keys;
        this.random = random;
    }

    public EnvelopeCipher(ArchiveKeyring keys) {
        this(keys, new SecureRandom());
    }

    /** Encrypts under a fresh data key wrapped with the keyring's current key. */
    public Sealed seal(byte[] plaintext, byte[] additionalData) {
        String keyId = keys.currentId().orElseThrow(
                () -> new ArchiveCryptoException("no current archive key: this keyring only decrypts"));
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            SecretKey dataKey = generator.generateKey();
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(additionalData);
            byte[] ciphertext = gcm.doFinal(plaintext);
            Cipher wrap = Cipher.getInstance("AESWrap");
            wrap.init(Cipher.WRAP_MODE, keys.current());
            return new Sealed(keyId, wrap.wrap(dataKey), nonce, ciphertext);
        } catch (GeneralSecurityException e) {
            throw new ArchiveCryptoException("cannot encrypt with archive key '" + keyId + "': " + e, e);
        }
    }

    /** Decrypts with whichever configured key the record names; fails on an unknown key, a wrong key or tampering. */
    public byte[] open(Sealed sealed, byte[] additionalData) {
        SecretKey dataKey;
        try {
            Cipher unwrap = Cipher.getInstance("AESWrap");
            unwrap.init(Cipher.UNWRAP_MODE, keys.key(sealed.keyId()));
            dataKey = (SecretKey) unwrap.unwrap(sealed.wrappedKey(), "AES", Cipher.SECRET_KEY);
        } catch (InvalidKeyException e) {
            // AES Key Wrap's integrity check: the configured key is not the one that wrapped, or the bytes changed.
            throw new ArchiveCryptoException("the data key does not unwrap with archive key '" + sealed.keyId()
                    + "': a different key under that id, or a damaged record", e);
        } catch (GeneralSecurityException e) {
            throw new ArchiveCryptoException("cannot unwrap the data key with archive key '" + sealed.keyId() + "': "
                    + e, e);
        }
        if (sealed.nonce().length != NONCE_BYTES) {
            throw new ArchiveCryptoException("the nonce is " + sealed.nonce().length + " bytes, not " + NONCE_BYTES);
        }
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            gcm.updateAAD(additionalData);
            return gcm.doFinal(sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new ArchiveCryptoException("the encrypted content fails its authentication tag: it was changed,"
                    + " or it belongs to another record", e);
        } catch (GeneralSecurityException e) {
            throw new ArchiveCryptoException("cannot decrypt the content: " + e, e);
        }
    }
}
