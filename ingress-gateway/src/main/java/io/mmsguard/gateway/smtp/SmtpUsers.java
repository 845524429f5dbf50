package io.mmsguard.gateway.smtp;

import java.util.Map;

import io.mmsguard.gateway.auth.FailureBackoff;
import io.mmsguard.service.SecretDigests;

/**
 * The users of SMTP AUTH (PLAIN, LOGIN) on a listener, their passwords compared in constant time
 * ({@link SecretDigests}), with the back-off after failures of MM7's VASPs: per (source address, user), so that
 * guessing from one address never locks the user out elsewhere, and an attempt during a back-off is not checked.
 */
public final class SmtpUsers {
    public static final SmtpUsers NONE = new SmtpUsers(Map.of());

    /** What an AUTH attempt gets. */
    public enum Outcome { AUTHENTICATED, REFUSED, BACKING_OFF }

    private final SecretDigests digests;
    private final FailureBackoff backoff;

    /**
     * @param passwords user to password
     * @throws IllegalArgumentException naming a user whose password is blank
     */
    public SmtpUsers(Map<String, String> passwords) {
        this(passwords, new FailureBackoff(FailureBackoff.INITIAL, FailureBackoff.CAP, FailureBackoff.MAX_ENTRIES,
                System::nanoTime));
    }

    SmtpUsers(Map<String, String> passwords, FailureBackoff backoff) {
        this.backoff = backoff;
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

    /** @param source the client's address: the back-off is per (source, user) */
    public Outcome authenticate(String source, String user, String password) {
        if (!backoff.remaining(source, user).isZero()) {
            return Outcome.BACKING_OFF;
        }
        if (!user.isEmpty() && digests.matches(user, password)) {
            backoff.succeeded(source, user);
            return Outcome.AUTHENTICATED;
        }
        backoff.failed(source, user);
        return Outcome.REFUSED;
    }
}
