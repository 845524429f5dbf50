package io.mmsguard.gateway.mm4;

import java.util.List;
import java.util.Optional;

import io.mmsguard.gateway.smtp.SmtpAccess;
import io.mmsguard.gateway.smtp.SmtpClientIdentity;
import io.mmsguard.smtp.SmtpReply;

/**
 * Who may send on MM4: a configured peer MMSC ({@link Mm4Peer}), recognised at MAIL by its source address and/or TLS
 * client certificate, sending from one of its own domains; else MAIL gets {@code 550 5.7.1}. The check is at MAIL,
 * not at the greeting, because a peer recognised by certificate shows it only after STARTTLS. The admitted
 * transaction carries the peer's name, which the handler holds X-Mms-Originator-System to and
 * {@link Mm4Responses} routes by. {@link #ANY} ({@code mm4.peers: any}) admits every client and sends no responses.
 */
public final class Mm4Peers implements SmtpAccess {
    public static final Mm4Peers ANY = new Mm4Peers(List.of(), true);
    static final SmtpReply NOT_A_PEER = SmtpReply.of(550, "5.7.1", "Not a configured MM4 peer");
    static final SmtpReply FOREIGN_DOMAIN = SmtpReply.of(550, "5.7.1", "Sender domain not served by this MM4 peer");

    private final List<Mm4Peer> peers;
    private final boolean any;

    private Mm4Peers(List<Mm4Peer> peers, boolean any) {
        this.peers = List.copyOf(peers);
        this.any = any;
    }

    /** @throws IllegalArgumentException when there is no peer (write {@link #ANY} for none) */
    public static Mm4Peers of(List<Mm4Peer> peers) {
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("no MM4 peer");
        }
        return new Mm4Peers(peers, false);
    }

    public boolean any() {
        return any;
    }

    public List<Mm4Peer> all() {
        return peers;
    }

    public Optional<Mm4Peer> peer(String name) {
        return peers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @Override
    public Verdict mail(SmtpClientIdentity client, String reversePath) {
        if (any) {
            return Verdict.admit(null);
        }
        List<Mm4Peer> connected = peers.stream().filter(p -> p.matches(client)).toList();
        if (connected.isEmpty()) {
            return Verdict.refuse(NOT_A_PEER, "not-a-peer");
        }
        String domain = SmtpAccess.domain(reversePath);
        return connected.stream().filter(p -> p.owns(domain)).findFirst().map(p -> Verdict.admit(p.name()))
                .orElse(Verdict.refuse(FOREIGN_DOMAIN, "sender-domain"));
    }

    @Override
    public Verdict rcpt(SmtpClientIdentity client, String forwardPath) {
        return Verdict.admit(null);
    }

    /**
     * Whether {@code address}'s domain belongs to the peer the transaction was admitted as; always true under
     * {@link #ANY}.
     */
    public boolean owns(String peerName, String address) {
        return any || peer(peerName).map(p -> p.owns(SmtpAccess.domain(address))).orElse(false);
    }
}
