package io.mmsguard.smtp;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * How {@link SmtpClient} protects a dialogue: TLS ({@link Tls}), the context that verifies the upstream's certificate
 * (the operator's trust store or the JDK's CAs, optionally a client certificate), and credentials for SMTP AUTH. The
 * upstream's certificate must name the configured upstream host (endpoint identification as for HTTPS). Credentials
 * travel only under TLS: a policy with credentials and {@link Tls#NONE} or {@link Tls#OPPORTUNISTIC} is refused.
 */
public final class SmtpClientSecurity {

    /** Plain SMTP: no TLS, no AUTH. */
    public static final SmtpClientSecurity NONE = new SmtpClientSecurity(Policy.NONE, null);

    /** When the dialogue is encrypted. */
    public enum Tls {
        /** Plain SMTP, STARTTLS never sent. */
        NONE,
        /** STARTTLS when the upstream advertises it; plain otherwise. Once offered, a failed STARTTLS fails. */
        OPPORTUNISTIC,
        /** STARTTLS, and no delivery when it is not advertised, refused or fails (RFC 3207). */
        REQUIRED,
        /** TLS from the first byte (SMTPS, port 465). */
        IMPLICIT;

        /** The configuration's spelling: {@code none}, {@code opportunistic}, {@code required}, {@code implicit}. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Tls> parse(String value) {
            return Arrays.stream(values()).filter(t -> t.value().equals(value.trim().toLowerCase(Locale.ROOT)))
                    .findFirst();
        }

        /** Whether every dialogue under this mode is encrypted before AUTH could be sent. */
        boolean guaranteed() {
            return this == REQUIRED || this == IMPLICIT;
        }
    }

    /** A user and password for AUTH PLAIN or LOGIN; compared by value, never printed. */
    public record Credentials(String user, char[] password) {
        public Credentials {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            password = password.clone();
        }

        @Override
        public char[] password() {
            return password.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Credentials c && user.equals(c.user) && Arrays.equals(password, c.password);
        }

        @Override
        public int hashCode() {
            return user.hashCode();
        }

        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=***]";
        }
    }

    /**
     * The configured mode and credentials, without key material (so that configurations compare by value); the
     * context is added where the client is built ({@link #with}).
     */
    public record Policy(Tls tls, Optional<Credentials> credentials) {
        public static final Policy NONE = new Policy(Tls.NONE, Optional.empty());

        public Policy {
            Objects.requireNonNull(tls, "tls");
            Objects.requireNonNull(credentials, "credentials");
            if (credentials.isPresent() && !tls.guaranteed()) {
                throw new IllegalArgumentException("credentials are sent only under TLS: tls must be required or "
                        + "implicit, not " + tls.value());
            }
        }

        public boolean usesTls() {
            return tls != Tls.NONE;
        }

        /** The security of a client: {@code context} verifies upstreams (unused, may be null, for {@link Tls#NONE}). */
        public SmtpClientSecurity with(SSLContext context) {
            return new SmtpClientSecurity(this, usesTls() ? Objects.requireNonNull(context, "context") : null);
        }

        /**
         * A policy from configuration values, the keys named in every problem: {@code tlsKey} (default none),
         * {@code userKey} and {@code passwordKey} (both or neither).
         *
         * @param find   a key's value, if set
         * @param secret a secret key's value, if set
         * @throws InvalidSetting naming the key whose value is wrong or missing
         */
        public static Policy read(String tlsKey, String userKey, String passwordKey,
                                  Function<String, Optional<String>> find,
                                  Function<String, Optional<char[]>> secret) {
            String mode = find.apply(tlsKey).orElse(Tls.NONE.value());
            Tls tls = Tls.parse(mode).orElseThrow(() -> new InvalidSetting(tlsKey,
                    "must be none, opportunistic, required or implicit, not " + mode));
            Optional<String> user = find.apply(userKey).map(String::trim);
            Optional<char[]> password = secret.apply(passwordKey);
            if (user.isPresent() != password.isPresent()) {
                String missing = user.isPresent() ? passwordKey : userKey;
                throw new InvalidSetting(missing, "is required with " + (user.isPresent() ? userKey : passwordKey));
            }
            if (password.isPresent() && password.get().length == 0) {
                throw new InvalidSetting(passwordKey, "is blank");
            }
            if (user.isPresent() && !tls.guaranteed()) {
                throw new InvalidSetting(tlsKey, "must be required or implicit with " + userKey
                        + ": credentials are sent only under TLS, not " + tls.value());
            }
            return new Policy(tls, user.map(u -> new Credentials(u, password.get())));
        }
    }

    /** A configuration value {@link Policy#read} refuses; {@link #key()} is the key to fix. */
    public static final class InvalidSetting extends IllegalArgumentException {
        private final String key;

        public InvalidSetting(String key, String reason) {
            super(reason);
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    private final Policy policy;
    private final SSLContext context;

    private SmtpClientSecurity(Policy policy, SSLContext context) {
        this.policy = policy;
        this.context = context;
    }

    public Tls tls() {
        return policy.tls();
    }

    public Optional<Credentials> credentials() {
        return policy.credentials();
    }

    /** For {@link Tls#NONE}: none. */
    SSLSocketFactory socketFactory() {
        return context.getSocketFactory();
    }

    @Override
    public String toString() {
        return "SmtpClientSecurity[tls=" + policy.tls().value() + ", auth=" + policy.credentials().isPresent() + "]";
    }
}
