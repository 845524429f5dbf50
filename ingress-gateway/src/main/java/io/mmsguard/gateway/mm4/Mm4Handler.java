package io.mmsguard.gateway.mm4;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.ResponseStatus;
import io.mmsguard.avro.Transport;
import io.mmsguard.codec.mail.MailMessage;
import io.mmsguard.codec.mm4.Mm4Headers;
import io.mmsguard.codec.mm4.Mm4Message;
import io.mmsguard.codec.mm4.Mm4MessageType;
import io.mmsguard.codec.mm4.Mm4ReadResult;
import io.mmsguard.codec.mm4.Mm4Reader;
import io.mmsguard.codec.mm4.Mm4RequestStatus;
import io.mmsguard.codec.mm4.Mm4Token;
import io.mmsguard.gateway.GatewayContext;
import io.mmsguard.gateway.Mm4Settings;
import io.mmsguard.gateway.mm3.MailEnvelopes;
import io.mmsguard.gateway.mm3.MailSession;
import io.mmsguard.gateway.smtp.SmtpMessageHandler;
import io.mmsguard.smtp.SmtpRelay;
import io.mmsguard.smtp.SmtpReply;
import io.mmsguard.gateway.smtp.SmtpTransaction;
import io.mmsguard.service.log.LogSafe;
import io.mmsguard.service.log.MsisdnLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MM4: peer MMSCs towards the MMSC (FEATURES.md A13, PROTOCOLS.md 3).
 *
 * <ul>
 * <li>MM4_forward.REQ is held until the topology decides ({@link MailSession}). A block is accepted at SMTP level
 * ({@code 250}, so that the peer does not retry) and, when the request has X-Mms-Ack-Request: Yes, answered with an
 * MM4_forward.RES carrying the decision's request status (Error-content-not-accepted by default) to the
 * originating MMSC.</li>
 * <li>The other MM4 types (forward.RES, delivery and read reports and their .RES) carry no content to inspect and
 * are relayed as they came, counted {@code passed-through}, also when their headers are faulty: the MMSC judges
 * those. One that carries content all the same (anything but plain text, see {@link ReportContent}) is inspected
 * like plain mail, and a block answered {@code 550}.</li>
 * <li>A forward.REQ (or a mail of unknown MM4 type, or with X-Mms-Message-Type repeated with different values)
 * with faulty MM4 headers is never relayed: it is accepted with {@code 250} and answered with an MM4_forward.RES
 * with the violation's status (Error-message-format-corrupt, or Error-unsupported-message for an unknown type) when
 * there is an originator system to send it to; otherwise, and for mail that does not parse at all,
 * {@code 550 5.6.0}.</li>
 * <li>Only configured peers send ({@link Mm4Peers}, checked at MAIL by the listener); an MM4 mail whose
 * X-Mms-Originator-System is not in the domains of the peer that sent it is refused with {@code 550 5.7.1} before
 * anything else, and responses go only to that peer ({@link Mm4Responses}).</li>
 * <li>A mail without X-Mms-Message-Type is not MM4, but it is inspected all the same (it must not bypass the
 * scan); a block is answered {@code 550} as on MM3, since there is no MM4 originator to send a .RES to.</li>
 * </ul>
 */
public final class Mm4Handler implements SmtpMessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Mm4Handler.class);
    static final String LISTENER = "mm4";
    static final SmtpReply ACCEPTED = SmtpReply.of(250, "2.0.0", "Ok");
    static final SmtpReply FOREIGN_ORIGINATOR = SmtpReply.of(550, "5.7.1",
            "X-Mms-Originator-System not served by this MM4 peer");

    private final GatewayContext context;
    private final Mm4Settings settings;
    private final MailSession session;
    private final Mm4Responses responses;

    public Mm4Handler(GatewayContext context, Mm4Settings settings, SmtpRelay upstream) {
        this.context = context;
        this.settings = settings;
        this.session = new MailSession(context, MmsInterface.MM4, settings.profile(), upstream);
        this.responses = new Mm4Responses(settings, Clock.systemUTC(), context.metrics());
    }

    @Override
    public CompletableFuture<SmtpReply> onMessage(SmtpTransaction tx) {
        return session.onMail(tx, mail -> {
            Mm4ReadResult read = Mm4Reader.read(mail);
            String originator = read instanceof Mm4ReadResult.Valid v ? v.message().originatorSystem()
                    : read instanceof Mm4ReadResult.Invalid i ? i.originatorSystem() : null;
            if (originator != null && !settings.peers().owns(tx.principal(), originator)) {
                LOG.info("mm4 {} from <{}> (peer {}): X-Mms-Originator-System {} is not of this peer; refused 550 5.7.1",
                        tx.client(), tx.mailFrom(), tx.principal(), originator.replaceAll("\\p{Cntrl}", "?"));
                context.metrics().smtpRefused(LISTENER, "originator-system");
                return CompletableFuture.completedFuture(FOREIGN_ORIGINATOR);
            }
            if (read instanceof Mm4ReadResult.Valid v) {
                return v.message().type() == Mm4MessageType.FORWARD_REQ ? forward(tx, v)
                        : withoutContent(tx, mail, v.message().type());
            }
            if (read instanceof Mm4ReadResult.Invalid i) {
                // a type the gateway cannot name for sure (unknown, or repeated with another value) is never relayed
                boolean typeInDoubt = i.type() == null || i.violations().stream()
                        .anyMatch(violation -> Mm4Headers.MESSAGE_TYPE.equalsIgnoreCase(violation.header()));
                return typeInDoubt || i.type() == Mm4MessageType.FORWARD_REQ
                        ? CompletableFuture.completedFuture(malformed(tx, i))
                        : withoutContent(tx, mail, i.type());
            }
            MmsEnvelope envelope = envelope(tx, mail, MailEnvelopes.transport(LISTENER, tx), null);
            return session.hold(tx, mail, envelope, MailSession::rejected);
        });
    }

    /**
     * A type without content (a .RES or a report) is relayed as it came and counted {@code passed-through}; when it
     * carries content all the same ({@link ReportContent}) it is inspected, and a block answered {@code 550}.
     */
    private CompletableFuture<SmtpReply> withoutContent(SmtpTransaction tx, MailMessage mail, Mm4MessageType type) {
        if (!ReportContent.carriesContent(mail)) {
            return session.relay(tx, mail, "passed-through", type.token());
        }
        LOG.info("mm4 {} from <{}>: {} carries content; inspected", tx.client(), MsisdnLog.of(tx.mailFrom()),
                type.token());
        MmsEnvelope envelope = MmsEnvelope.newBuilder(envelope(tx, mail, MailEnvelopes.transport(LISTENER, tx), null))
                .setMessageType(type.token()).build();
        return session.hold(tx, mail, envelope, MailSession::rejected);
    }

    private CompletableFuture<SmtpReply> forward(SmtpTransaction tx, Mm4ReadResult.Valid request) {
        Mm4Message m = request.message();
        Transport.Builder transport = MailEnvelopes.transport(LISTENER, tx)
                .setMmsVersion(m.mmsVersion())
                .setMm4OriginatorSystem(m.originatorSystem())
                .setMm4AckRequest(Boolean.TRUE.equals(m.ackRequest()));
        MmsEnvelope envelope = envelope(tx, request.mail(), transport, m);
        return session.hold(tx, request.mail(), envelope, decision -> blocked(tx, request, envelope, decision));
    }

    private MmsEnvelope envelope(SmtpTransaction tx, MailMessage mail, Transport.Builder transport, Mm4Message m) {
        MmsEnvelope.Builder b = MailEnvelopes.builder(context.sessions().newTicket(), MmsInterface.MM4, tx, mail,
                settings.profile(), settings.inlineLimitBytes(), transport.build());
        if (m != null) {
            b.setMessageType(m.type().token()).setTransactionId(m.transactionId()).setMessageId(m.messageId());
        }
        return b.build();
    }

    /** 250, and the forward.RES when the peer asked for one. */
    private SmtpReply blocked(SmtpTransaction tx, Mm4ReadResult.Valid request, MmsEnvelope envelope,
                              Decision decision) {
        if (Boolean.TRUE.equals(request.message().ackRequest())) {
            Mm4RequestStatus status = requestStatus(decision);
            boolean sent = responses.send(request, status, decision.getReplacementText(), tx.principal());
            LOG.info("mm4 session {}: {} {}", envelope.getSessionId(), status.token(),
                    sent ? "sent to " + LogSafe.text(envelope.getTransport().getMm4OriginatorSystem()) : "not sent");
        }
        return ACCEPTED;
    }

    private SmtpReply malformed(SmtpTransaction tx, Mm4ReadResult.Invalid request) {
        session.count("malformed", "MALFORMED");
        String problems = request.violations().stream().map(Object::toString).collect(Collectors.joining("; "))
                .replaceAll("\\p{Cntrl}", " ");
        LOG.info("mm4 {} from <{}>: invalid MM4 ({}), transaction id {}, originator system {}", tx.client(),
                MsisdnLog.of(tx.mailFrom()), LogSafe.text(problems), LogSafe.text(request.transactionIdAsWritten()),
                LogSafe.text(request.originatorSystem()));
        Mm4RequestStatus status = request.violations().isEmpty() ? Mm4RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT
                : request.violations().get(0).status();
        return responses.send(request, status, problems, tx.principal()) ? ACCEPTED : MailSession.MALFORMED;
    }

    /** The decision's X-Mms-Request-Status-Code, Error-content-not-accepted when it names none or an unknown one. */
    static Mm4RequestStatus requestStatus(Decision decision) {
        ResponseStatus status = decision.getResponseStatus();
        String token = status == null ? null : status.getMm4RequestStatus();
        Optional<Mm4RequestStatus> parsed = Mm4Token.parse(Mm4RequestStatus.class, token);
        if (token != null && parsed.isEmpty()) {
            LOG.warn("mm4: unknown request status '{}' in decision {}; using Error-content-not-accepted", token,
                    decision.getSessionId());
        }
        return parsed.orElse(Mm4RequestStatus.ERROR_CONTENT_NOT_ACCEPTED);
    }
}
