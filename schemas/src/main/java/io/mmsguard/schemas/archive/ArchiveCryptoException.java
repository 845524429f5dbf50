package io.mmsguard.schemas.archive;

/**
 * Archived content cannot be encrypted or decrypted: an unknown key id, a wrong key, a tampered or truncated record,
 * a malformed key file. The message says which, without any key material.
 */
public final class ArchiveCryptoException extends RuntimeException {

    public ArchiveCryptoException(String message) {
        super(message);
    }

    public ArchiveCryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
