package io.mmsguard.gateway.smtp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/**
 * The users of SMTP AUTH (PLAIN, LOGIN) on a listener. Passwords are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, as {@code mm7.VaspAuth} does: neither the content nor the length of a password shows
 * in the timing, and an unknown user costs the same comparison as a known one.
 */
public final class SmtpUsers {
    public static final SmtpUsers NONE = new SmtpUsers(Map.of());
    private static final byte[] UNKNOWN_USER = digest("\u0000mmsguard: no such SMTP user\u0000");

    private final Map<String, byte[]> digests = new HashMap<>();

    /**
     * @param passwords user to password
     * @throws IllegalArgumentException naming a user whose password is blank
     */
    public SmtpUsers(Map<String, String> passwords) {
        passwords.forEach((user, password) -> {
            if (password == null || password.isBlank()) {
                throw new IllegalArgumentException("the password of SMTP user " + user + " is blank");
            }
            digests.put(user, digest(password));
        });
    }

    public boolean enabled() {
        return !digests.isEmpty();
    }

    /** @return whether {@code password} is {@code user}'s; false for an unknown user */
    public boolean check(String user, String password) {
        byte[] expected = digests.getOrDefault(user, UNKNOWN_USER);
        return MessageDigest.isEqual(expected, digest(password)) && expected != UNKNOWN_USER;
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
