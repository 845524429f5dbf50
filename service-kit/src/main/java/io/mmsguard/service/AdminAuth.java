package io.mmsguard.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may use the admin routes other than the probes and {@code /metrics}: anyone holding the bearer token, or
 * anyone at all when no token is set. No token is accepted only on a loopback address, or off loopback when the
 * operator wrote {@code admin.auth: none}; otherwise the service refuses to start.
 */
public final class AdminAuth {
    public static final String MODE = "admin.auth";
    public static final String TOKEN_FILE = "admin.token-file";
    public static final String TOKEN = "admin.token";
    /** 128 bits of a random hex or base64 token; shorter ones can be guessed over the network. */
    static final int MIN_TOKEN_CHARS = 22;
    private static final String SCHEME = "Bearer ";

    /** Null when every caller is let in. */
    private final String token;
    private final byte[] tokenDigest;

    private AdminAuth(String token) {
        this.token = token;
        this.tokenDigest = token == null ? null : SecretDigests.digest(token);
    }

    /** Every caller let in. */
    public static AdminAuth open() {
        return new AdminAuth(null);
    }

    public static AdminAuth token(String token) {
        if (token.length() < MIN_TOKEN_CHARS || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new ConfigException("the admin token must be at least " + MIN_TOKEN_CHARS
                    + " printable ASCII characters without spaces (e.g. openssl rand -hex 32)");
        }
        return new AdminAuth(token);
    }

    /**
     * @param hostKey the service's key of the admin address (named in the refusal)
     * @param host    its value
     */
    public static AdminAuth from(Settings s, String hostKey, String host) {
        String mode = s.string(MODE, "token").strip().toLowerCase(Locale.ROOT);
        Optional<String> token = s.secret(TOKEN_FILE, TOKEN);
        switch (mode) {
            case "none" -> {
                if (token.isPresent()) {
                    throw s.invalid(MODE, "is none, yet a token is set (" + TOKEN_FILE + " or "
                            + Settings.envName(TOKEN) + "): remove one of them");
                }
                return open();
            }
            case "token" -> {
                if (token.isPresent()) {
                    return token(token.get());
                }
                if (isLoopback(host)) {
                    return open();
                }
                throw new ConfigException(hostKey + " is " + host + ", not a loopback address, and no admin token"
                        + " is set: set " + TOKEN_FILE + " (or " + Settings.envName(TOKEN) + "), or write " + MODE
                        + ": none to serve /state and /status to anyone who reaches the port");
            }
            default -> throw s.invalid(MODE, "must be token or none, not \"" + mode + "\"");
        }
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether a token is needed. */
    public boolean required() {
        return token != null;
    }

    /**
     * Whether the request's {@code Authorization} header (null when absent) carries the token. Digests are compared,
     * so neither the token's content nor its length shows in the time taken.
     */
    public boolean permits(String authorization) {
        if (token == null) {
            return true;
        }
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        return SecretDigests.matches(tokenDigest, authorization.substring(SCHEME.length()).strip());
    }

    /** The {@code Authorization} header a client (the CLI, a forwarding instance) sends, if a token is set. */
    public Optional<String> authorization() {
        return Optional.ofNullable(token).map(t -> SCHEME + t);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdminAuth other && java.util.Objects.equals(token, other.token);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(token);
    }

    @Override
    public String toString() {
        return token == null ? "open" : "bearer token";
    }

}
