package io.mmsguard.gateway.mm3;

import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.ResponseStatus;
import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.codec.MalformedMessageException;
import io.mmsguard.codec.mail.BlockedPartRemover;
import io.mmsguard.codec.mail.MailMessage;
import io.mmsguard.codec.mail.MailParser;
import io.mmsguard.codec.mail.MailWriter;
import io.mmsguard.gateway.GatewayContext;
import io.mmsguard.gateway.session.SessionOutcome;
import io.mmsguard.smtp.SmtpRelay;
import io.mmsguard.smtp.SmtpReply;
import io.mmsguard.gateway.smtp.SmtpTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What MM3 and MM4 do alike with a held mail (ARCHITECTURE.md "Session semantics"): PASS relays the bytes as
 * received and returns the upstream's reply, STRIP relays the mail without the stripped leaves (remove-blocked),
 * BLOCK answers what the caller's block function says; no decision, Kafka unreachable or TEMPORARY_FAILURE relay
 * when the profile is fail-open, else answer {@code 451 4.3.0}. Every session is counted once in
 * {@code mmsguard.gateway.outcomes}, and the returned future never completes exceptionally.
 */
public final class MailSession {
    private static final Logger LOG = LoggerFactory.getLogger(MailSession.class);
    public static final SmtpReply TRANSIENT = SmtpReply.of(451, "4.3.0", "Temporary failure, try again later");
    public static final SmtpReply MALFORMED = SmtpReply.of(550, "5.6.0", "Message format corrupt");
    static final String DEFAULT_BLOCK_TEXT = "Message refused";
    static final String DEFAULT_STRIP_TEXT = "A part of this message was removed.";

    private final GatewayContext context;
    private final MmsInterface mmsInterface;
    private final String profile;
    private final SmtpRelay upstream;

    private final MailParser parser = new MailParser(DecodeLimits.DEFAULT);

    public MailSession(GatewayContext context, MmsInterface mmsInterface, String profile, SmtpRelay upstream) {
        this.context = context;
        this.mmsInterface = mmsInterface;
        this.profile = profile;
        this.upstream = upstream;
    }

    /**
     * Parses the DATA and hands the mail on; a mail that does not parse is counted and answered {@code 550 5.6.0},
     * and anything the step throws {@code 451 4.3.0}.
     */
    public CompletableFuture<SmtpReply> onMail(SmtpTransaction tx,
                                               Function<MailMessage, CompletableFuture<SmtpReply>> then) {
        try {
            MailMessage mail;
            try {
                mail = parser.parse(tx.data());
            } catch (MalformedMessageException e) {
                LOG.info("{} {} from <{}>: malformed mail ({})", mmsInterface, tx.client(), tx.mailFrom(),
                        e.getMessage());
                count("malformed", "MALFORMED");
                return CompletableFuture.completedFuture(MALFORMED);
            }
            return then.apply(mail);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed("-", e));
        }
    }

    /**
     * Inspects the envelope and answers per the outcome.
     *
     * @param blocked the interface's block answer (called once, before any reply is returned); it counts nothing
     */
    public CompletableFuture<SmtpReply> hold(SmtpTransaction tx, MailMessage mail, MmsEnvelope envelope,
                                             Function<Decision, SmtpReply> blocked) {
        CompletableFuture<SessionOutcome> inspected;
        try {
            inspected = context.sessions().inspect(envelope);
        } catch (RuntimeException e) {
            inspected = CompletableFuture.completedFuture(new SessionOutcome.Unavailable(e.toString()));
        }
        return inspected
                .exceptionally(e -> new SessionOutcome.Unavailable(e.toString()))
                .thenCompose(outcome -> onOutcome(tx, mail, envelope, outcome, blocked))
                .exceptionally(e -> failed(envelope.getSessionId(), e));
    }

    private CompletableFuture<SmtpReply> onOutcome(SmtpTransaction tx, MailMessage mail, MmsEnvelope envelope,
                                                   SessionOutcome outcome, Function<Decision, SmtpReply> blocked) {
        if (!(outcome instanceof SessionOutcome.Decided d)) {
            return withoutDecision(tx, envelope, outcome instanceof SessionOutcome.TimedOut ? "timeout"
                    : "unavailable");
        }
        Decision decision = d.decision();
        String reason = decision.getReason().name();
        return switch (decision.getVerdict()) {
            case PASS, PASS_UNSCANNED -> relay(tx, tx.data(), "forwarded", reason);
            case STRIP -> relay(tx, MailWriter.write(BlockedPartRemover.remove(mail,
                    new HashSet<>(decision.getPartsToStrip()), text(decision, DEFAULT_STRIP_TEXT))), "stripped",
                    reason);
            case BLOCK -> {
                LOG.info("{} session {} blocked ({} {}): {}", mmsInterface, envelope.getSessionId(), reason,
                        decision.getDetail(), envelope.getSender());
                SmtpReply reply = blocked.apply(decision);
                count("blocked", reason);
                yield CompletableFuture.completedFuture(reply);
            }
            default -> withoutDecision(tx, envelope, "temporary-" + reason);
        };
    }

    private CompletableFuture<SmtpReply> withoutDecision(SmtpTransaction tx, MmsEnvelope envelope, String reason) {
        if (context.profiles().settings(profile, mmsInterface).getFailOpen()) {
            LOG.warn("{} session {}: no decision ({}), fail-open: relaying", mmsInterface, envelope.getSessionId(),
                    reason);
            return relay(tx, tx.data(), "fail-open", reason);
        }
        LOG.warn("{} session {}: no decision ({}), answering 451", mmsInterface, envelope.getSessionId(), reason);
        count("temporary-failure", reason);
        return CompletableFuture.completedFuture(TRANSIENT);
    }

    /**
     * Sends the data upstream with the client's envelope and returns the upstream's reply; a reply of 4xx counts as
     * an upstream error (the relay answers 451 for connection failures), anything else as {@code outcome}.
     */
    public CompletableFuture<SmtpReply> relay(SmtpTransaction tx, byte[] data, String outcome, String reason) {
        return upstream.send(tx.mailFrom(), tx.rcptTo(), data).handle((reply, e) -> {
            if (e != null || reply == null) {
                LOG.warn("{}: upstream failed: {}", mmsInterface, e);
                count("upstream-error", reason);
                return TRANSIENT;
            }
            count(reply.transientFailure() ? "upstream-error" : outcome, reason);
            return reply;
        });
    }

    public void count(String outcome, String reason) {
        context.metrics().outcome(mmsInterface.name(), outcome, reason);
    }

    /** A step that threw: logged, counted and answered {@code 451 4.3.0} so that the peer retries. */
    public SmtpReply failed(String sessionId, Throwable thrown) {
        Throwable e = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        LOG.error("{} session {}: {}", mmsInterface, sessionId, e.toString(), e);
        count("error", e.getClass().getSimpleName());
        return TRANSIENT;
    }

    /**
     * The MM3 block answer: the decision's SMTP code (550 unless the profile says otherwise) with its enhanced
     * status (5.7.1 by default) and the replacement text.
     */
    public static SmtpReply rejected(Decision decision) {
        ResponseStatus status = decision.getResponseStatus();
        Integer code = status == null ? null : status.getMm3ReplyCode();
        String enhanced = status == null ? null : status.getMm3EnhancedStatus();
        return new SmtpReply(code == null || code < 200 || code > 599 ? 550 : code,
                enhanced == null || enhanced.isBlank() ? "5.7.1" : enhanced,
                List.of(text(decision, DEFAULT_BLOCK_TEXT).split("\\R")));
    }

    /** The decision's replacement text, or {@code otherwise} when it has none. */
    public static String text(Decision decision, String otherwise) {
        String text = decision.getReplacementText();
        return text == null || text.isBlank() ? otherwise : text;
    }
}
