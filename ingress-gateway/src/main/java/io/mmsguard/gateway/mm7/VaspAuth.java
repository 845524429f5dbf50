package io.mmsguard.gateway.mm7;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * HTTP basic authentication of VASPs (PROTOCOLS.md 4.1): the user is the VASP id, the password the one configured
 * for it. Passwords are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so neither the content nor the
 * length of a password shows in the timing, and an unknown VASP id costs the same comparison as a known one.
 */
final class VaspAuth {
    private static final byte[] UNKNOWN_VASP = digest("\u0000mmsguard: no such VASP\u0000");

    private final Map<String, byte[]> digests = new HashMap<>();

    /** @param passwords VASP id to password; empty = authentication off */
    VaspAuth(Map<String, String> passwords) {
        passwords.forEach((vasp, password) -> digests.put(vasp, digest(password)));
    }

    boolean enabled() {
        return !digests.isEmpty();
    }

    /**
     * @param authorization the HTTP Authorization header value, or null
     * @return the authenticated VASP id, or null when the credentials are missing, malformed or wrong
     */
    String authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String vasp = decoded.substring(0, colon);
        byte[] expected = digests.getOrDefault(vasp, UNKNOWN_VASP);
        boolean match = MessageDigest.isEqual(expected, digest(decoded.substring(colon + 1)));
        return match && expected != UNKNOWN_VASP ? vasp : null;
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
