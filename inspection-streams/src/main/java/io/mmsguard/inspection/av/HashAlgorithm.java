package io.mmsguard.inspection.av;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The digests ClamAV hash signatures use; the hex length of a hash tells which one a line means. */
public enum HashAlgorithm {
    MD5("MD5", 32), SHA1("SHA-1", 40), SHA256("SHA-256", 64);

    private final String jcaName;
    private final int hexLength;

    HashAlgorithm(String jcaName, int hexLength) {
        this.jcaName = jcaName;
        this.hexLength = hexLength;
    }

    public int hexLength() {
        return hexLength;
    }

    static HashAlgorithm byHexLength(int length) {
        for (HashAlgorithm a : values()) {
            if (a.hexLength == length) {
                return a;
            }
        }
        return null;
    }

    MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + jcaName, e);
        }
    }
}
