package io.mmsguard.gateway.mm7;

import io.mmsguard.gateway.Mm7AccessSettings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.mmsguard.service.SecretDigests;

/**
 * HTTP basic authentication of VASPs (PROTOCOLS.md 4.1): the user is the VASP id, the password the one configured
 * for it. Passwords are compared in constant time ({@link SecretDigests}); an unknown VASP id (or one that
 * authenticates by certificate only) costs the same comparison as a known one.
 */
final class VaspAuth {

    /** The credentials of an {@code Authorization: Basic} header. */
    record Basic(String user, String password) {
        @Override
        public String toString() {
            return "Basic[" + user + "]";
        }
    }

    private final SecretDigests digests;

    VaspAuth(Map<String, Mm7AccessSettings.Vasp> vasps) {
        Map<String, String> passwords = new HashMap<>();
        vasps.forEach((id, vasp) -> vasp.password().ifPresent(pw -> passwords.put(id, pw)));
        digests = new SecretDigests(passwords);
    }

    /** The user and password of a Basic Authorization header; empty when it is missing or malformed. */
    static Optional<Basic> basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty()
                : Optional.of(new Basic(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    /** Whether the password is the one configured for the VASP the user names. */
    boolean checks(Basic credentials) {
        return digests.matches(credentials.user(), credentials.password());
    }
}
