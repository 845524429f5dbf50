package io.mmsguard.codec.mm4;

import io.mmsguard.codec.mail.MailMessage;
import java.util.List;

/** What a parsed mail is: plain MM3 mail, a valid MM4 message, or an MM4 message with header violations. */
public sealed interface Mm4ReadResult {

    MailMessage mail();

    /** No X-Mms-Message-Type: Internet mail (PROTOCOLS.md 3.2). */
    record Mm3(MailMessage mail) implements Mm4ReadResult {
    }

    record Valid(MailMessage mail, Mm4Message message) implements Mm4ReadResult {
    }

    /**
     * MM4, but malformed. Type, transaction id and originator system are given when readable, so that a
     * .RES can still be routed back with the peer's transaction id.
     */
    record Invalid(MailMessage mail, Mm4MessageType type, String transactionIdAsWritten, String originatorSystem,
                   List<Mm4Violation> violations) implements Mm4ReadResult {
        public Invalid {
            violations = List.copyOf(violations);
        }
    }
}
