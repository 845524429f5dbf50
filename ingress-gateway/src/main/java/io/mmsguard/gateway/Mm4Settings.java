package io.mmsguard.gateway;

import java.util.Objects;
import java.util.function.Function;

import io.mmsguard.smtp.SmtpRelay;

/**
 * The MM4 listener (peer MMSCs towards the MMSC).
 *
 * @param profile          the profile named on every envelope from this listener
 * @param inlineLimitBytes decoded content up to which parts travel inline in the envelope (keep it at or above the
 *                         profiles' oversize limit: a message without inline content is treated as oversize)
 * @param systemAddress    our MMSC system user, From, Sender and MAIL FROM of every MM4_forward.RES the gateway
 *                         sends, e.g. {@code system-user@mms.mnc010.mcc234.gprs}
 * @param mmsVersion       X-Mms-3GPP-MMS-Version announced in those responses, e.g. {@code 6.10.0}
 * @param originators      how to reach an originating MMSC: the SMTP relay for the domain of its
 *                         X-Mms-Originator-System address (lower case, e.g. {@code mms.mnc006.mcc260.gprs}); null
 *                         when that MMSC cannot be reached, and the response is then not sent (logged)
 */
public record Mm4Settings(String profile, long inlineLimitBytes, String systemAddress, String mmsVersion,
                          Function<String, SmtpRelay> originators) {

    public Mm4Settings {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(systemAddress, "systemAddress");
        Objects.requireNonNull(mmsVersion, "mmsVersion");
        Objects.requireNonNull(originators, "originators");
    }

    /** Every response through one relay (a smart host that routes by domain itself). */
    public static Mm4Settings viaOneRelay(String profile, long inlineLimitBytes, String systemAddress,
                                          String mmsVersion, SmtpRelay responses) {
        Objects.requireNonNull(responses, "responses");
        return new Mm4Settings(profile, inlineLimitBytes, systemAddress, mmsVersion, domain -> responses);
    }
}
