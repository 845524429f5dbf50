package io.mmsguard.gateway.mm3;

import java.util.List;
import java.util.Optional;
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
import io.mmsguard.gateway.answer.HeldMessage;
import io.mmsguard.gateway.answer.SessionAnswers;
import io.mmsguard.gateway.http.UpstreamFailure;
import io.mmsguard.gateway.session.SessionOutcome;
import io.mmsguard.gateway.smtp.LineEnds;
import io.mmsguard.smtp.SmtpRelay;
import io.mmsguard.smtp.SmtpRelayFailure;
import io.mmsguard.smtp.SmtpReply;
import io.mmsguard.gateway.smtp.SmtpTransaction;
import io.mmsguard.service.log.LogSafe;
import io.mmsguard.service.log.MsisdnLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What MM3 and MM4 do alike with a held mail (ARCHITECTURE.md "Session semantics"); the verdicts map to answers in
 * {@link SessionAnswers}: PASS relays the bytes as received and returns the upstream's reply, STRIP relays the mail
 * without the stripped leaves (remove-blocked), BLOCK answers what the caller's block function says; no decision,
 * Kafka unreachable or TEMPORARY_FAILURE relay when the profile is fail-open, else answer {@code 451 4.3.0}. A client
 * that closed or reset the connection while its DATA reply was held gets nothing relayed. When the upstream fails,
 * a mail it did not get completely is answered {@code 451 4.3.0} (the client retries), one it got up to the final
 * "." without replying {@code 554 5.4.0} (it may have accepted it: a retry could deliver it twice). Every session is
 * counted once in {@code mmsguard.gateway.outcomes}, and the returned future never completes exceptionally.
 */
public final class MailSession {
    private static final Logger LOG = LoggerFactory.getLogger(MailSession.class);
    public static final SmtpReply TRANSIENT = SmtpReply.of(451, "4.3.0", "Temporary failure, try again later");
    public static final SmtpReply MALFORMED = SmtpReply.of(550, "5.6.0", "Message format corrupt");
    public static final SmtpReply FRAGMENTED = SmtpReply.of(550, "5.6.0",
            "Fragmented message (message/partial) not accepted");
    public static final SmtpReply NOT_CONFIRMED = SmtpReply.of(554, "5.4.0",
            "Upstream did not confirm the message; it may have been delivered, do not resend");
    static final String DEFAULT_BLOCK_TEXT = "Message refused";
    static final String DEFAULT_STRIP_TEXT = "A part of this message was removed.";

    private final GatewayContext context;
    private final MmsInterface mmsInterface;
    private final String profile;
    private final SmtpRelay upstream;
    private final SessionAnswers answers;

    private final MailParser parser = new MailParser(DecodeLimits.DEFAULT);

    public MailSession(GatewayContext context, MmsInterface mmsInterface, String profile, SmtpRelay upstream) {
        this.context = context;
        this.mmsInterface = mmsInterface;
        this.profile = profile;
        this.upstream = upstream;
        this.answers = new SessionAnswers(mmsInterface.name(), context.metrics());
    }

    /**
     * Parses the DATA and hands the mail on; a mail that does not parse is counted and answered {@code 550 5.6.0},
     * and anything the step throws {@code 451 4.3.0}. A fragment ({@code message/partial}) cannot be inspected, since
     * the message exists only once the recipient joins the fragments: it is refused with {@code 550 5.6.0} as
     * MALFORMED, or relayed unscanned and logged when the profile's {@code passFragmented} says so (FortiOS fragmail).
     */
    public CompletableFuture<SmtpReply> onMail(SmtpTransaction tx,
                                               Function<MailMessage, CompletableFuture<SmtpReply>> then) {
        try {
            MailMessage mail;
            try {
                mail = parser.parse(tx.data());
            } catch (MalformedMessageException e) {
                LOG.info("{} {} from <{}>: malformed mail ({})", mmsInterface, tx.client(), MsisdnLog.of(tx.mailFrom()),
                        LogSafe.text(e.getMessage()));
                count("malformed", "MALFORMED");
                return CompletableFuture.completedFuture(MALFORMED);
            }
            if (mail.fragmented()) {
                return fragmented(tx, mail);
            }
            return then.apply(mail);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed("-", e));
        }
    }

    private CompletableFuture<SmtpReply> fragmented(SmtpTransaction tx, MailMessage mail) {
        if (context.profiles().settings(profile, mmsInterface).getPassFragmented()) {
            LOG.warn("{} {} from <{}>: fragmented mail (message/partial) {} relayed unscanned (passFragmented)",
                    mmsInterface, tx.client(), MsisdnLog.of(tx.mailFrom()), LogSafe.text(transactionId(mail)));
            return relay(tx, mail, "forwarded", "fragmented");
        }
        LOG.info("{} {} from <{}>: fragmented mail (message/partial) {} refused", mmsInterface, tx.client(),
                MsisdnLog.of(tx.mailFrom()), LogSafe.text(transactionId(mail)));
        count("malformed", "MALFORMED");
        return CompletableFuture.completedFuture(FRAGMENTED);
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
            inspected = SessionAnswers.settled(context.sessions().inspect(envelope));
        } catch (RuntimeException e) {
            inspected = CompletableFuture.completedFuture(new SessionOutcome.Unavailable(e.toString()));
        }
        HeldMail held = new HeldMail(tx, mail, blocked);
        return inspected
                .thenCompose(outcome -> answers.answer(envelope, outcome,
                        context.profiles().settings(profile, mmsInterface).getFailOpen(), held))
                // a client that has gone reads no reply: the listener drops whatever is returned
                .thenApply(reply -> reply.orElse(TRANSIENT))
                .exceptionally(e -> failed(envelope.getSessionId(), e));
    }

    /** Sends the data upstream uninspected with the client's envelope and returns the upstream's reply. */
    public CompletableFuture<SmtpReply> relay(SmtpTransaction tx, MailMessage mail, String outcome, String reason) {
        HeldMail held = new HeldMail(tx, mail, d -> TRANSIENT);
        return answers.forward(held, held.forward(), outcome, reason)
                .exceptionally(e -> failed(transactionId(mail), e));
    }

    /** One mail towards the upstream: its reply relayed, a 4xx of it counted as an upstream error. */
    private final class HeldMail implements HeldMessage<SmtpReply, SmtpReply> {
        private final SmtpTransaction tx;
        private final MailMessage mail;
        private final Function<Decision, SmtpReply> blocked;

        HeldMail(SmtpTransaction tx, MailMessage mail, Function<Decision, SmtpReply> blocked) {
            this.tx = tx;
            this.mail = mail;
            this.blocked = blocked;
        }

        @Override
        public String transactionId() {
            return MailSession.transactionId(mail);
        }

        @Override
        public boolean clientPresent() {
            return tx.connected().getAsBoolean();
        }

        @Override
        public CompletableFuture<SmtpReply> forward() {
            return send(tx, tx.data());
        }

        @Override
        public Optional<CompletableFuture<SmtpReply>> strip(Decision decision) {
            // a part embedded in a leaf (attached mail, uuencoded file) goes with the leaf that carries it
            return Optional.of(send(tx, MailWriter.write(BlockedPartRemover.remove(mail,
                    mail.leafIndexes(decision.getPartsToStrip()), text(decision, DEFAULT_STRIP_TEXT)))));
        }

        @Override
        public SmtpReply relay(SmtpReply upstreamAnswer) {
            return upstreamAnswer;
        }

        @Override
        public boolean refused(SmtpReply upstreamAnswer) {
            return upstreamAnswer.transientFailure();
        }

        @Override
        public SmtpReply blocked(Decision decision) {
            return blocked.apply(decision);
        }

        @Override
        public SmtpReply temporaryFailure() {
            return TRANSIENT;
        }

        @Override
        public SmtpReply notConfirmed() {
            return NOT_CONFIRMED;
        }

        @Override
        public String code(SmtpReply answer) {
            return answer.enhanced() == null ? String.valueOf(answer.code()) : answer.code() + " " + answer.enhanced();
        }
    }

    /**
     * The relay's failure in the gateway's terms: did the upstream get the whole mail? Data with a bare CR or LF is
     * never handed to the relay, which would turn it into CRLF after inspection (issue 15): the listener refuses or
     * normalises it before inspection, so this is a guard against a code path that forgot to.
     */
    private CompletableFuture<SmtpReply> send(SmtpTransaction tx, byte[] data) {
        int bare = LineEnds.indexOfBareNewline(data);
        if (bare >= 0) {
            return CompletableFuture.failedFuture(new IllegalStateException("bare CR or LF at byte " + bare
                    + " of the mail to relay: not relayed, the relay would change what was inspected"));
        }
        return upstream.deliver(tx.mailFrom(), tx.rcptTo(), data).exceptionallyCompose(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            return CompletableFuture.failedFuture(cause instanceof SmtpRelayFailure f
                    ? new UpstreamFailure(f.stage() == SmtpRelayFailure.Stage.NOT_SENT ? UpstreamFailure.Stage.NOT_SENT
                            : UpstreamFailure.Stage.NO_ANSWER, f.getMessage(), f)
                    : cause);
        });
    }

    /** For the log: X-Mms-Transaction-ID (MM4), else the Message-ID. */
    static String transactionId(MailMessage mail) {
        String tid = mail.headers().value("X-Mms-Transaction-ID");
        return tid != null ? tid : mail.messageId();
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
