package io.mmsguard.gateway.mm7;

import io.mmsguard.gateway.Mm7AccessSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP basic authentication of VASPs (PROTOCOLS.md 4.1): the user is the VASP id, the password the one configured
 * for it. Passwords are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so neither the content nor the
 * length of a password shows in the timing, and an unknown VASP id (or one that authenticates by certificate only)
 * costs the same comparison as a known one.
 */
final class VaspAuth {
    private static final byte[] UNKNOWN_VASP = digest("\u0000mmsguard: no such VASP\u0000");

    /** The credentials of an {@code Authorization: Basic} header. */
    record Basic(String user, String password) {
        @Override
        public String toString() {
            return "Basic[" + user + "]";
        }
    }

    private final Map<String, byte[]> digests = new HashMap<>();

    VaspAuth(Map<String, Mm7AccessSettings.Vasp> vasps) {
        vasps.forEach((id, vasp) -> vasp.password().ifPresent(pw -> digests.put(id, digest(pw))));
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
        byte[] expected = digests.getOrDefault(credentials.user(), UNKNOWN_VASP);
        boolean match = MessageDigest.isEqual(expected, digest(credentials.password()));
        return match && expected != UNKNOWN_VASP;
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
