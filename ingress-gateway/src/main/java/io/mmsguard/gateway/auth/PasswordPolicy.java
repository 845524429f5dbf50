package io.mmsguard.gateway.auth;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a configured password must be for the gateway to start with it: at least {@link #MIN_LENGTH} characters, not
 * one character repeated, and not one of the placeholders that templates and examples ship ({@code change-me},
 * {@code changeit}, {@code password}, ...), however it is spelt (case, separators) and with anything before or after it. A
 * password that fails is a configuration error, never a warning: a template value that reaches production is how a
 * listener ends up open.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    /** Compared with the password in lower case without separators, so "Change_Me" and "CHANGEME-123456" count. */
    static final List<String> PLACEHOLDERS = List.of("changeme", "changeit", "changethis", "replaceme", "placeholder",
            "password", "passw0rd", "secret", "s3cret", "default", "example", "letmein", "qwerty", "123456", "admin",
            "todo", "fixme", "xxxxxx");

    private PasswordPolicy() {
    }

    /** Why the password is refused (never quoting it), or empty when it is acceptable. */
    public static Optional<String> problem(String password) {
        if (password == null || password.isBlank()) {
            return Optional.of("is blank");
        }
        if (password.length() < MIN_LENGTH) {
            return Optional.of("is shorter than " + MIN_LENGTH + " characters");
        }
        if (password.chars().distinct().count() == 1) {
            return Optional.of("is one character repeated");
        }
        String folded = password.toLowerCase(Locale.ROOT).replaceAll("[^\\p{Alnum}]", "");
        for (String placeholder : PLACEHOLDERS) {
            if (folded.startsWith(placeholder) || folded.endsWith(placeholder)) {
                return Optional.of("is a placeholder (" + placeholder + "), not a password");
            }
        }
        return Optional.empty();
    }
}
