package io.mmsguard.gateway.mm3;

import java.util.concurrent.CompletableFuture;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.gateway.GatewayContext;
import io.mmsguard.gateway.Mm3Settings;
import io.mmsguard.gateway.smtp.SmtpMessageHandler;
import io.mmsguard.smtp.SmtpRelay;
import io.mmsguard.smtp.SmtpReply;
import io.mmsguard.gateway.smtp.SmtpTransaction;

/**
 * MM3: Internet mail towards the MMSC (FEATURES.md A13, PROTOCOLS.md 2). Every mail is parsed and held until the
 * topology decides (see {@link MailSession}); a block is answered {@code 550} with the decision's enhanced status and
 * replacement text, and a mail that does not parse {@code 550 5.6.0}. Nothing is relayed before the decision.
 */
public final class Mm3Handler implements SmtpMessageHandler {
    static final String LISTENER = "mm3";

    private final GatewayContext context;
    private final Mm3Settings settings;
    private final MailSession session;

    public Mm3Handler(GatewayContext context, Mm3Settings settings, SmtpRelay upstream) {
        this.context = context;
        this.settings = settings;
        this.session = new MailSession(context, MmsInterface.MM3, settings.profile(), upstream);
    }

    @Override
    public CompletableFuture<SmtpReply> onMessage(SmtpTransaction tx) {
        return session.onMail(tx, mail -> {
            MmsEnvelope envelope = MailEnvelopes.builder(context.sessions().newTicket(), MmsInterface.MM3, tx, mail,
                    settings.profile(), settings.inlineLimitBytes(), MailEnvelopes.transport(LISTENER, tx).build())
                    .build();
            return session.hold(tx, mail, envelope, MailSession::rejected);
        });
    }
}
