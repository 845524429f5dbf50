package io.mmsguard.gateway.mm7;

import io.mmsguard.gateway.Mm7AccessSettings;
import io.mmsguard.gateway.auth.FailureBackoff;
import io.mmsguard.gateway.session.GatewayMetrics;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the MM7 listener, one instance per listener (its back-off spans connections); docs/security.md "MM7
 * access control".
 *
 * <ul>
 * <li>VASP leg: a VASP with a password authenticates by HTTP basic as its VASP id; a VASP with a certificate name
 * presents a client certificate carrying it; a VASP with both does both. A Basic user that is backing off after
 * failures from this source address ({@link FailureBackoff}) is refused at once, without its password being
 * checked, so that guessing costs the guesser time; the back-off is per (source address, VASP id), so failures
 * from elsewhere never hold up the VASP.</li>
 * <li>Deliver leg (the MMSC's requests): the source address must be in {@code mm7.deliver.allow} and the client
 * certificate must carry {@code mm7.deliver.certificate}, each when configured.</li>
 * <li>{@code mm7.auth: none}: everyone, on both legs (logged as a WARN when the listener starts).</li>
 * </ul>
 * Pure logic on addresses, header values and certificate names: the handler supplies them from the channel.
 */
public final class Mm7Access {
    private static final Logger LOG = LoggerFactory.getLogger(Mm7Access.class);

    /** What a request may do. */
    sealed interface Verdict permits Granted, Denied {
    }

    /** @param vasp the authenticated VASP id; null on the deliver leg and with {@code mm7.auth: none} */
    record Granted(String vasp) implements Verdict {
    }

    /** @param retryAfter how long the peer's (source, VASP id) backs off; zero when it does not */
    record Denied(String reason, Duration retryAfter) implements Verdict {
    }

    private final Mm7AccessSettings settings;
    private final VaspAuth passwords;
    private final Map<String, String> vaspByCertificate = new HashMap<>();
    private final FailureBackoff backoff;
    private final GatewayMetrics metrics;

    public Mm7Access(Mm7AccessSettings settings, FailureBackoff backoff, GatewayMetrics metrics) {
        this.settings = settings;
        this.passwords = new VaspAuth(settings.vasps());
        settings.vasps().values().forEach(v -> v.certificate().ifPresent(c -> vaspByCertificate.put(c, v.id())));
        this.backoff = backoff;
        this.metrics = metrics;
        if (!settings.required()) {
            LOG.warn("mm7.auth: none: the MM7 listener accepts every VASP and every MMSC without authentication");
        }
    }

    /** A request from a VASP, with its Authorization header (or null) and the names of its client certificate. */
    Verdict vasp(InetAddress source, String authorization, Collection<String> certificateNames) {
        if (!settings.required()) {
            return new Granted(null);
        }
        String from = source == null ? "" : source.getHostAddress();
        Optional<VaspAuth.Basic> basic = VaspAuth.basic(authorization);
        if (basic.isEmpty()) {
            Optional<Mm7AccessSettings.Vasp> byCertificate = certificateNames.stream().map(vaspByCertificate::get)
                    .filter(java.util.Objects::nonNull).findFirst().map(settings.vasps()::get);
            if (byCertificate.isPresent() && byCertificate.get().password().isEmpty()) {
                return new Granted(byCertificate.get().id());
            }
            String reason = authorization == null ? "no-credentials" : "malformed-credentials";
            LOG.info("MM7 from {}: refused: {}", from, reason);
            metrics.authFailure(Mm7Handler.INTERFACE, reason);
            return new Denied(reason, Duration.ZERO);
        }
        String claimed = basic.get().user();
        Mm7AccessSettings.Vasp vasp = settings.vasps().get(claimed);
        String named = vasp == null ? "an unknown VASP id" : "VASP " + claimed; // never log an attacker's string
        Duration remaining = backoff.remaining(from, claimed);
        if (!remaining.isZero()) {
            LOG.debug("MM7 from {}: {} backing off for {}", from, named, remaining);
            metrics.authBackoff(Mm7Handler.INTERFACE);
            return new Denied("backoff", remaining);
        }
        String reason = null;
        if (!passwords.checks(basic.get())) {
            reason = "password";
        } else if (vasp.certificate().isPresent() && !certificateNames.contains(vasp.certificate().get())) {
            reason = "certificate";
        }
        if (reason != null) {
            Duration blocked = backoff.failed(from, claimed);
            LOG.info("MM7 from {}: {} refused ({}); backing off for {}", from, named, reason, blocked);
            metrics.authFailure(Mm7Handler.INTERFACE, reason);
            return new Denied(reason, blocked);
        }
        backoff.succeeded(from, claimed);
        return new Granted(claimed);
    }

    /** A request from the MMSC on the deliver path. */
    Verdict deliver(InetAddress source, Collection<String> certificateNames) {
        if (!settings.required()) {
            return new Granted(null);
        }
        String reason = null;
        if (!settings.deliverAllow().isEmpty() && !settings.deliverAllow().trusts(source)) {
            reason = "deliver-source";
        } else if (settings.deliverCertificate().isPresent()
                && !certificateNames.contains(settings.deliverCertificate().get())) {
            reason = "deliver-certificate";
        }
        if (reason == null) {
            return new Granted(null);
        }
        LOG.info("MM7 from {}: deliver path refused ({})", source == null ? "" : source.getHostAddress(), reason);
        metrics.authFailure(Mm7Handler.INTERFACE, reason);
        return new Denied(reason, Duration.ZERO);
    }
}
