package io.mmsguard.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/**
 * Secrets by name (VASP passwords, SMTP AUTH users, the admin token) kept as SHA-256 digests and compared with
 * {@link MessageDigest#isEqual}: neither the content nor the length of a secret shows in the timing, and an unknown
 * name costs the same comparison as a known one.
 */
public final class SecretDigests {
    private static final byte[] UNKNOWN = digest("\u0000mmsguard: no such name\u0000");

    private final Map<String, byte[]> digests = new HashMap<>();

    /** @param secrets name to secret */
    public SecretDigests(Map<String, String> secrets) {
        secrets.forEach((name, secret) -> digests.put(name, digest(secret)));
    }

    public boolean isEmpty() {
        return digests.isEmpty();
    }

    /** @return whether {@code candidate} is {@code name}'s secret; false for an unknown name */
    public boolean matches(String name, String candidate) {
        byte[] expected = digests.getOrDefault(name, UNKNOWN);
        return MessageDigest.isEqual(expected, digest(candidate)) && expected != UNKNOWN;
    }

    /** One secret's digest, for a comparison with {@link #matches(byte[], String)}. */
    public static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static boolean matches(byte[] expected, String candidate) {
        return MessageDigest.isEqual(expected, digest(candidate));
    }
}
