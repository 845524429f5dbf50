package io.mmsguard.gateway.mm4;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import io.mmsguard.codec.mail.MailMessage;
import io.mmsguard.codec.mail.MailWriter;
import io.mmsguard.codec.mm4.Mm4ReadResult;
import io.mmsguard.codec.mm4.Mm4RequestStatus;
import io.mmsguard.codec.mm4.Mm4Responder;
import io.mmsguard.gateway.Mm4Settings;
import io.mmsguard.smtp.SmtpRelay;
import io.mmsguard.service.log.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the .RES answering an MM4 request as its own SMTP transaction (PROTOCOLS.md 3.1): from our system address
 * to the request's X-Mms-Originator-System (or Sender), through the relay configured for that address's domain.
 * Sending is fire and forget: the SMTP reply to the peer does not wait for it, and a failure is logged.
 */
final class Mm4Responses {
    private static final Logger LOG = LoggerFactory.getLogger(Mm4Responses.class);

    private final Mm4Settings settings;
    private final Mm4Responder responder;

    Mm4Responses(Mm4Settings settings, Clock clock) {
        this.settings = settings;
        this.responder = new Mm4Responder(settings.systemAddress(), settings.mmsVersion(), clock);
    }

    /** @return whether a .RES was handed to a relay (false: nothing answers this request, or no route) */
    boolean send(Mm4ReadResult request, Mm4RequestStatus status, String statusText) {
        MailMessage res = responder.respond(request, status, statusText);
        if (res == null || res.to().isEmpty()) {
            return false;
        }
        String to = res.to().get(0).address();
        int at = to.lastIndexOf('@');
        String domain = at < 0 ? "" : to.substring(at + 1).toLowerCase(Locale.ROOT);
        SmtpRelay relay = settings.originators().apply(domain);
        if (relay == null) {
            LOG.warn("mm4: no relay for originator system {}: {} not sent", LogSafe.text(to), status.token());
            return false;
        }
        relay.send(settings.systemAddress(), List.of(to), MailWriter.write(res)).whenComplete((reply, e) -> {
            if (e != null || reply == null || !reply.positive()) {
                LOG.warn("mm4: {} to {} not accepted: {}", status.token(), LogSafe.text(to),
                        LogSafe.text(e != null ? e.toString() : reply));
            } else {
                LOG.debug("mm4: {} sent to {}", status.token(), LogSafe.text(to));
            }
        });
        return true;
    }
}
