package io.mmsguard.gateway.smtp;

import java.util.Map;

import io.mmsguard.service.SecretDigests;

/**
 * The users of SMTP AUTH (PLAIN, LOGIN) on a listener, their passwords compared in constant time
 * ({@link SecretDigests}).
 */
public final class SmtpUsers {
    public static final SmtpUsers NONE = new SmtpUsers(Map.of());

    private final SecretDigests digests;

    /**
     * @param passwords user to password
     * @throws IllegalArgumentException naming a user whose password is blank
     */
    public SmtpUsers(Map<String, String> passwords) {
        passwords.forEach((user, password) -> {
            if (password == null || password.isBlank()) {
                throw new IllegalArgumentException("the password of SMTP user " + user + " is blank");
            }
        });
        digests = new SecretDigests(passwords);
    }

    public boolean enabled() {
        return !digests.isEmpty();
    }

    /** @return whether {@code password} is {@code user}'s; false for an unknown user */
    public boolean check(String user, String password) {
        return digests.matches(user, password);
    }
}
