package io.mmsguard.gateway;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.mmsguard.gateway.auth.FailureBackoff;
import io.mmsguard.gateway.auth.NamedCredentials;
import io.mmsguard.gateway.http.TrustedProxies;
import io.mmsguard.service.ConfigException;
import io.mmsguard.service.Settings;

/**
 * Who may use the MM7 listener (docs/security.md "MM7 access control"): the VASPs with their credentials, and where
 * the MMSC's requests on the deliver path may come from. Read and checked at start: a gateway whose MM7 access
 * control is missing or weak does not start (ConfigException naming the key), unless {@code mm7.auth: none} says
 * so.
 *
 * @param required     false only for {@code mm7.auth: none}: every peer is accepted on both legs
 * @param vasps        VASP id to its credentials
 * @param deliverAllow the source addresses the deliver path accepts; {@link TrustedProxies#NONE}: not checked
 * @param deliverCertificate a name the client certificate on the deliver path must carry, if checked
 * @param backoff      the back-off after a VASP's first authentication failure from an address; it doubles with
 *                     each further failure up to {@code backoffMax}
 */
public record Mm7AccessSettings(boolean required, Map<String, Vasp> vasps, TrustedProxies deliverAllow,
                                Optional<String> deliverCertificate, Duration backoff, Duration backoffMax) {

    /** Everyone accepted: {@code mm7.auth: none}. */
    public static final Mm7AccessSettings NONE = new Mm7AccessSettings(false, Map.of(), TrustedProxies.NONE,
            Optional.empty(), FailureBackoff.INITIAL, FailureBackoff.CAP);

    /**
     * One VASP. With a password it authenticates by HTTP basic (user = its id); with a certificate name its client
     * certificate must carry that name; with both, both are checked.
     */
    public record Vasp(String id, Optional<String> password, Optional<String> certificate) {
        public Vasp {
            Objects.requireNonNull(id, "id");
            if (password.isEmpty() && certificate.isEmpty()) {
                throw new IllegalArgumentException("VASP " + id + " needs a password or a certificate name");
            }
        }

        @Override
        public String toString() { // never the password
            return "Vasp[" + id + (password.isPresent() ? ", password" : "") + certificate.map(c -> ", " + c)
                    .orElse("") + "]";
        }
    }

    public Mm7AccessSettings {
        vasps = Map.copyOf(vasps);
        Objects.requireNonNull(deliverAllow, "deliverAllow");
        Objects.requireNonNull(deliverCertificate, "deliverCertificate");
        if (backoff.isNegative() || backoff.isZero() || backoffMax.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("need 0 < backoff <= backoffMax");
        }
    }

    /** The listener's back-off after authentication failures, on the system's monotonic clock. */
    public FailureBackoff newBackoff() {
        return new FailureBackoff(backoff, backoffMax, FailureBackoff.MAX_ENTRIES, System::nanoTime);
    }

    /** VASPs authenticated by password only, no deliver-path restriction: tests of the VASP leg. */
    public static Mm7AccessSettings passwords(Map<String, String> passwords) {
        Map<String, Vasp> vasps = new HashMap<>();
        passwords.forEach((id, pw) -> vasps.put(id, new Vasp(id, Optional.of(pw), Optional.empty())));
        return new Mm7AccessSettings(true, vasps, TrustedProxies.NONE, Optional.empty(), FailureBackoff.INITIAL,
                FailureBackoff.CAP);
    }

    static final String AUTH = "mm7.auth";
    static final String VASP = "mm7.vasp.";
    static final String DELIVER_ALLOW = "mm7.deliver.allow";
    static final String DELIVER_CERTIFICATE = "mm7.deliver.certificate";
    static final String BACKOFF = "mm7.auth-backoff";
    static final String BACKOFF_MAX = "mm7.auth-backoff-max";
    private static final String CERTIFICATE = "certificate";

    /**
     * @param deliverLeg whether the deliver path is open ({@code mm7.vasp-upstream} set)
     * @throws ConfigException naming the key: no VASP, a blank, short or placeholder password, an unknown attribute,
     *                         a deliver path without access control, settings that {@code mm7.auth: none} would ignore
     */
    static Mm7AccessSettings from(Settings s, boolean deliverLeg) {
        String mode = s.string(AUTH, "required");
        Map<String, String> entries = s.under(VASP);
        Optional<String> allowText = s.find(DELIVER_ALLOW);
        Optional<String> deliverCertificate = s.find(DELIVER_CERTIFICATE);
        switch (mode) {
            case "none" -> {
                if (!entries.isEmpty() || allowText.isPresent() || deliverCertificate.isPresent()) {
                    throw s.invalid(AUTH, "none accepts every peer, so mm7.vasp.* and mm7.deliver.* would be "
                            + "ignored: remove them, or remove mm7.auth: none");
                }
                return NONE;
            }
            case "required" -> {
            }
            default -> throw s.invalid(AUTH, "must be required or none, not \"" + mode + "\"");
        }
        Map<String, Vasp> vasps = vasps(s);
        if (vasps.isEmpty()) {
            throw new ConfigException("mm7.vasp.<vasp-id>: MM7 is enabled and no VASP is configured: add "
                    + "mm7.vasp.<vasp-id>.password (or .password-file, .certificate) for each VASP, or write "
                    + "mm7.auth: none to accept every peer without authentication");
        }
        TrustedProxies allow;
        try {
            allow = TrustedProxies.parse(allowText.orElse(""));
        } catch (IllegalArgumentException e) {
            throw s.invalid(DELIVER_ALLOW, e.getMessage());
        }
        if (deliverLeg && allowText.isEmpty() && deliverCertificate.isEmpty()) {
            throw new ConfigException(DELIVER_ALLOW + ": mm7.vasp-upstream is set and the deliver path "
                    + "(mm7.deliver-path) has no access control: set mm7.deliver.allow to the MMSC's addresses "
                    + "and/or mm7.deliver.certificate to a name its client certificate carries, or write "
                    + "mm7.auth: none");
        }
        if (!deliverLeg && (allowText.isPresent() || deliverCertificate.isPresent())) {
            throw s.invalid(allowText.isPresent() ? DELIVER_ALLOW : DELIVER_CERTIFICATE,
                    "there is no deliver path without mm7.vasp-upstream: set it, or remove this key");
        }
        Duration backoff = s.duration(BACKOFF, FailureBackoff.INITIAL);
        Duration backoffMax = s.duration(BACKOFF_MAX, FailureBackoff.CAP);
        if (backoff.isNegative() || backoff.isZero()) {
            throw s.invalid(BACKOFF, "must be positive, not " + backoff);
        }
        if (backoffMax.compareTo(backoff) < 0) {
            throw s.invalid(BACKOFF_MAX, "must be at least mm7.auth-backoff (" + backoff + "), not " + backoffMax);
        }
        return new Mm7AccessSettings(true, vasps, allow, deliverCertificate, backoff, backoffMax);
    }

    /** The entries under {@code mm7.vasp.}: {@code <id>} (the password), {@code <id>.password|password-file|certificate}. */
    private static Map<String, Vasp> vasps(Settings s) {
        Map<String, Vasp> vasps = new TreeMap<>();
        Map<String, String> certificateOwners = new HashMap<>();
        NamedCredentials.read(s, VASP, "VASP", Set.of(CERTIFICATE)).forEach((id, entry) -> {
            Optional<String> certificate = Optional.ofNullable(entry.attributes().get(CERTIFICATE)).map(String::trim);
            String certificateKey = VASP + id + "." + CERTIFICATE;
            if (certificate.isPresent() && certificate.get().isEmpty()) {
                throw s.invalid(certificateKey, "is blank: name the subject or subject alternative "
                        + "name the VASP's client certificate carries");
            }
            certificate.ifPresent(name -> {
                String owner = certificateOwners.put(name, id);
                if (owner != null) {
                    throw s.invalid(certificateKey, "VASP " + owner + " has the same certificate name");
                }
            });
            vasps.put(id, new Vasp(id, entry.password(), certificate));
        });
        return vasps;
    }
}
