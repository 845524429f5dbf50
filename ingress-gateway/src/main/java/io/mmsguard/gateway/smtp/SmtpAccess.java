package io.mmsguard.gateway.smtp;

import java.util.Locale;
import java.util.Objects;

import io.mmsguard.smtp.SmtpReply;

/**
 * Who may send what through an SMTP listener (MM3: its local recipient domains; MM4: its configured peers), asked
 * by the session at MAIL and at RCPT with who the client is. A refusal is answered, logged and counted by the
 * session in {@code mmsguard.gateway.smtp.refused} with its reason.
 */
public interface SmtpAccess {

    /** Every sender and recipient admitted: the state machine's own tests, which are not about access. */
    SmtpAccess OPEN = new SmtpAccess() {
        @Override
        public Verdict mail(SmtpClientIdentity client, String reversePath) {
            return Verdict.admit(client.user());
        }

        @Override
        public Verdict rcpt(SmtpClientIdentity client, String forwardPath) {
            return Verdict.admit(client.user());
        }
    };

    /** MAIL FROM: the admitted verdict's principal travels with the transaction ({@link SmtpTransaction}). */
    Verdict mail(SmtpClientIdentity client, String reversePath);

    /** RCPT TO. */
    Verdict rcpt(SmtpClientIdentity client, String forwardPath);

    /**
     * @param refusal   the reply, null when admitted
     * @param reason    why it was refused (a metric tag), null when admitted
     * @param principal who the client was admitted as (the AUTH user on MM3, the peer's name on MM4), or null
     */
    record Verdict(SmtpReply refusal, String reason, String principal) {

        public static Verdict admit(String principal) {
            return new Verdict(null, null, principal);
        }

        public static Verdict refuse(SmtpReply reply, String reason) {
            return new Verdict(Objects.requireNonNull(reply, "reply"), Objects.requireNonNull(reason, "reason"),
                    null);
        }

        public boolean admitted() {
            return refusal == null;
        }
    }

    /** The domain of a mailbox ({@code a@Example.org} -> {@code example.org}); "" without one. */
    static String domain(String address) {
        if (address == null) {
            return "";
        }
        String a = address.trim();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        int lt = a.lastIndexOf('<');
        if (lt >= 0 && a.endsWith(">")) {
            a = a.substring(lt + 1, a.length() - 1);
        }
        int at = a.lastIndexOf('@');
        return at < 0 ? "" : a.substring(at + 1).trim().toLowerCase(Locale.ROOT);
    }
}
