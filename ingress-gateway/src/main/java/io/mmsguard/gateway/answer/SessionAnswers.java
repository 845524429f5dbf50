package io.mmsguard.gateway.answer;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.gateway.http.UpstreamFailure;
import io.mmsguard.gateway.session.GatewayMetrics;
import io.mmsguard.gateway.session.SessionOutcome;
import io.mmsguard.service.log.LogSafe;
import io.mmsguard.service.log.MsisdnLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The one decision-to-answer mapping of every interface (ARCHITECTURE.md "Session semantics"). Given how a held
 * session ended and the profile's fail-open, it chooses exactly one of:
 * <ul>
 * <li>nothing, when the client has gone before the decision: a message nobody waits for is never forwarded
 * ({@code client-gone});</li>
 * <li>forward as received (PASS, PASS_UNSCANNED), forward stripped (STRIP; a message that cannot be stripped
 * faithfully is blocked), the block answer (BLOCK);</li>
 * <li>without a decision (timeout, inspection unavailable, TEMPORARY_FAILURE): forward when the profile is
 * fail-open, else the protocol's temporary failure.</li>
 * </ul>
 * A forward ends with the upstream's answer relayed, or, when the upstream failed, per how far the message got
 * ({@link UpstreamFailure.Stage}): not sent is the protocol's temporary failure (the client retries, nothing was
 * delivered); sent without an answer is an answer that stops the client from retrying (the upstream may have
 * accepted it), logged with the transaction id. Each session is counted once in {@code mmsguard.gateway.outcomes}
 * and logged once. The protocol parts are a {@link HeldMessage}.
 *
 * <p>The decision line (A19): every session blocked or answered with a temporary failure is one INFO line with the
 * session id, interface, sender (as {@link io.mmsguard.service.log.MsisdnLog} logs it), verdict, reason and the code
 * the client was answered with; a session answered by a forward is the same line at DEBUG. The fields travel as
 * SLF4J key-value pairs too, so that JSON logs carry them as fields ({@code logging.format: json}).
 */
public final class SessionAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(SessionAnswers.class);

    private final String mmsInterface;
    private final GatewayMetrics metrics;

    public SessionAnswers(String mmsInterface, GatewayMetrics metrics) {
        this.mmsInterface = mmsInterface;
        this.metrics = metrics;
    }

    /** An inspection that failed after all counts as "unavailable": the future never fails. */
    public static CompletableFuture<SessionOutcome> settled(CompletableFuture<SessionOutcome> inspected) {
        return inspected.exceptionally(e -> new SessionOutcome.Unavailable(unwrap(e).toString()));
    }

    /**
     * The answer to a held message; empty when the client has gone. Fails only when the protocol part throws or its
     * forward fails with something other than an {@link UpstreamFailure}.
     */
    public <U, A> CompletableFuture<Optional<A>> answer(MmsEnvelope envelope, SessionOutcome outcome, boolean failOpen,
                                                        HeldMessage<U, A> message) {
        String sessionId = envelope.getSessionId();
        String reason = reason(outcome);
        if (!message.clientPresent()) {
            LOG.info("{} session {}: the client left before the decision; nothing forwarded", mmsInterface,
                    sessionId);
            count("client-gone", reason);
            return CompletableFuture.completedFuture(Optional.empty());
        }
        if (!(outcome instanceof SessionOutcome.Decided d)) {
            return present(withoutDecision(envelope, outcome, message, failOpen, reason));
        }
        Decision decision = d.decision();
        return present(switch (decision.getVerdict()) {
            case PASS, PASS_UNSCANNED -> passed(envelope, decision, message,
                    forward(message, message.forward(), "forwarded", reason));
            case STRIP -> message.strip(decision)
                    .map(stripped -> passed(envelope, decision, message,
                            forward(message, stripped, "stripped", reason)))
                    .orElseGet(() -> {
                        LOG.warn("{} session {}: STRIP of parts {} not possible (the message holds what the codec "
                                + "does not re-encode); blocking instead", mmsInterface, sessionId,
                                decision.getPartsToStrip());
                        return CompletableFuture.completedFuture(
                                block(envelope, message, decision, reason + "-strip-as-block"));
                    });
            case BLOCK -> CompletableFuture.completedFuture(block(envelope, message, decision, reason));
            default -> withoutDecision(envelope, outcome, message, failOpen, "temporary-" + reason);
        });
    }

    /**
     * Relays what the upstream answers to a forward, counted as {@code outcome} (or {@code upstream-error} when the
     * upstream refuses it for now); when the upstream failed, answers per how far the message got.
     */
    public <U, A> CompletableFuture<A> forward(UpstreamAnswers<U, A> message, CompletableFuture<U> sent,
                                               String outcome, String reason) {
        return sent.handle((answer, e) -> {
            if (e == null) {
                count(message.refused(answer) ? "upstream-error" : outcome, reason);
                return message.relay(answer);
            }
            Throwable cause = unwrap(e);
            if (!(cause instanceof UpstreamFailure failure)) {
                throw e instanceof CompletionException c ? c : new CompletionException(cause);
            }
            count("upstream-error", reason);
            if (failure.stage() == UpstreamFailure.Stage.NOT_SENT) {
                LOG.warn("{} transaction {}: the upstream did not get the message ({}); answering a temporary "
                        + "failure", mmsInterface, message.transactionId(), failure.getMessage());
                return message.temporaryFailure();
            }
            LOG.warn("{} transaction {}: the upstream took the whole message and did not answer ({}); it may have "
                    + "accepted it, so the client is told not to retry", mmsInterface, message.transactionId(),
                    failure.getMessage());
            return message.notConfirmed();
        });
    }

    private <U, A> A block(MmsEnvelope envelope, HeldMessage<U, A> message, Decision decision, String reason) {
        A answer = message.blocked(decision);
        decisionLine(LOG.atInfo(), envelope, "BLOCK", decision.getReason().name(), decision.getDetail(), message,
                message.code(answer));
        count("blocked", reason);
        return answer;
    }

    /** The decision line at DEBUG once the forward's answer is known; the answer itself is unchanged. */
    private <U, A> CompletableFuture<A> passed(MmsEnvelope envelope, Decision decision, HeldMessage<U, A> message,
                                               CompletableFuture<A> answer) {
        if (!LOG.isDebugEnabled()) {
            return answer;
        }
        return answer.whenComplete((a, e) -> decisionLine(LOG.atDebug(), envelope, decision.getVerdict().name(),
                decision.getReason().name(), decision.getDetail(), message, e == null ? message.code(a) : "none"));
    }

    private <U, A> CompletableFuture<A> withoutDecision(MmsEnvelope envelope, SessionOutcome outcome,
                                                        HeldMessage<U, A> message, boolean failOpen, String reason) {
        String why = outcome instanceof SessionOutcome.Unavailable u ? reason + ": " + u.reason() : reason;
        if (failOpen) {
            LOG.warn("{} session {}: no decision ({}), fail-open: forwarding", mmsInterface, envelope.getSessionId(),
                    why);
            return forward(message, message.forward(), "fail-open", reason);
        }
        A answer = message.temporaryFailure();
        if (outcome instanceof SessionOutcome.Decided d) {
            decisionLine(LOG.atInfo(), envelope, "TEMPORARY_FAILURE", d.decision().getReason().name(),
                    d.decision().getDetail(), message, message.code(answer));
        } else {
            decisionLine(LOG.atInfo(), envelope, "TEMPORARY_FAILURE", reason,
                    outcome instanceof SessionOutcome.Unavailable u ? u.reason() : null, message, message.code(answer));
        }
        count("temporary-failure", reason);
        return CompletableFuture.completedFuture(answer);
    }

    /**
     * One line per session: {@code MM1 session S from h:…: BLOCK VIRUS (Eicar-Test-Signature), answered HTTP 200,
     * status 0xE2, transaction T}, its fields as key-value pairs.
     */
    private void decisionLine(LoggingEventBuilder line, MmsEnvelope envelope, String verdict, String reason,
                              String detail, UpstreamAnswers<?, ?> message, String code) {
        String sender = MsisdnLog.of(envelope.getSender());
        line.addKeyValue("session", envelope.getSessionId())
                .addKeyValue("interface", mmsInterface)
                .addKeyValue("sender", sender)
                .addKeyValue("verdict", verdict)
                .addKeyValue("reason", reason)
                .addKeyValue("answer", code)
                .log("{} session {} from {}: {} {}{}, answered {}, transaction {}", mmsInterface,
                        envelope.getSessionId(), sender, verdict, reason,
                        detail == null || detail.isEmpty() ? "" : " (" + LogSafe.text(detail) + ")", code,
                        LogSafe.text(message.transactionId()));
    }

    /** The metric's reason: the decision's, or how the session ended without one. */
    static String reason(SessionOutcome outcome) {
        if (outcome instanceof SessionOutcome.Decided d) {
            return d.decision().getReason().name();
        }
        return outcome instanceof SessionOutcome.TimedOut ? "timeout" : "unavailable";
    }

    private void count(String outcome, String reason) {
        metrics.outcome(mmsInterface, outcome, reason);
    }

    private static <A> CompletableFuture<Optional<A>> present(CompletableFuture<A> answer) {
        return answer.thenApply(Optional::of);
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
