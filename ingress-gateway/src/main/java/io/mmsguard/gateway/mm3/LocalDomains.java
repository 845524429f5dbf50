package io.mmsguard.gateway.mm3;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.mmsguard.gateway.smtp.SmtpAccess;
import io.mmsguard.gateway.smtp.SmtpClientIdentity;
import io.mmsguard.smtp.SmtpReply;

/**
 * MM3 is no open relay: a recipient must be in one of the MMSC's own domains ({@code mm3.local-domains}, matched
 * exactly, case-insensitively), else RCPT gets {@code 550 5.7.1}. A client that authenticated with SMTP AUTH may
 * send to any domain: authentication is how an operator lets its own systems (a web-to-MMS portal, a mail platform)
 * submit through the gateway, as submission servers do for their users. Any sender is accepted: Internet mail comes
 * from anywhere.
 */
public final class LocalDomains implements SmtpAccess {
    static final SmtpReply RELAYING_DENIED = SmtpReply.of(550, "5.7.1", "Relaying denied");

    private final Set<String> domains;

    /** @throws IllegalArgumentException when there is no domain */
    public LocalDomains(Collection<String> domains) {
        this.domains = domains.stream().map(String::trim).filter(d -> !d.isEmpty())
                .map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (this.domains.isEmpty()) {
            throw new IllegalArgumentException("no local domain");
        }
    }

    @Override
    public Verdict mail(SmtpClientIdentity client, String reversePath) {
        return Verdict.admit(client.user());
    }

    @Override
    public Verdict rcpt(SmtpClientIdentity client, String forwardPath) {
        if (client.user() != null || domains.contains(SmtpAccess.domain(forwardPath))) {
            return Verdict.admit(client.user());
        }
        return Verdict.refuse(RELAYING_DENIED, "relaying-denied");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocalDomains other && other.domains.equals(domains);
    }

    @Override
    public int hashCode() {
        return domains.hashCode();
    }

    @Override
    public String toString() {
        return String.join(", ", domains);
    }
}
