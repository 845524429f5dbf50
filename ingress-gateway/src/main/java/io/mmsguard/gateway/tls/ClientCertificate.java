package io.mmsguard.gateway.tls;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;

/**
 * The certificate a client presented, verified against the listener's trust store during the handshake, and the
 * names that access control binds to it (a VASP, an MM4 peer).
 */
public final class ClientCertificate {
    private static final int SAN_EMAIL = 1;
    private static final int SAN_DNS = 2;

    private final X509Certificate certificate;
    private final Set<String> names;

    ClientCertificate(X509Certificate certificate) {
        this.certificate = certificate;
        this.names = names(certificate);
    }

    /**
     * The client certificate of a connection whose TLS handshake (implicit or after STARTTLS) completed; empty
     * without TLS, before the handshake, or when the client presented none.
     */
    public static Optional<ClientCertificate> of(Channel channel) {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null || !tls.handshakeFuture().isSuccess()) {
            return Optional.empty();
        }
        return of(tls.engine().getSession());
    }

    /** The {@link #names()} of a connection's client certificate; empty without one. */
    public static java.util.List<String> names(Channel channel) {
        return of(channel).map(c -> java.util.List.copyOf(c.names())).orElse(java.util.List.of());
    }

    static Optional<ClientCertificate> of(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf
                    ? Optional.of(new ClientCertificate(leaf)) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    /** The subject's common name(s) and the DNS and e-mail subject alternative names, in lower case. */
    public Set<String> names() {
        return names;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The subject's distinguished name, for logs. */
    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    @Override
    public String toString() {
        return subject() + " " + names;
    }

    private static Set<String> names(X509Certificate certificate) {
        java.util.SortedSet<String> out = new TreeSet<>();
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    out.add(rdn.getValue().toString().toLowerCase(Locale.ROOT));
                }
            }
        } catch (InvalidNameException e) {
            // an X500 name the JDK produced always parses; without a CN the SANs still count
        }
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && san.get(0) instanceof Integer type
                            && (type == SAN_DNS || type == SAN_EMAIL) && san.get(1) instanceof String name) {
                        out.add(name.toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // a SAN extension the JDK cannot parse names nothing
        }
        return java.util.Collections.unmodifiableSortedSet(out);
    }
}
