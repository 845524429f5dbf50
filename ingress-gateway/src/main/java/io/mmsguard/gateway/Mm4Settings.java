package io.mmsguard.gateway;

import java.util.Objects;
import java.util.function.Function;

import io.mmsguard.gateway.mm4.Mm4Peers;
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
 * @param peers            who may send (MAIL checked by the listener), whose X-Mms-Originator-System must be in the
 *                         sending peer's domains, and who gets responses
 * @param responseRelays   how to reach a peer MMSC by its name: its response address, else the response relay; null
 *                         when it cannot be reached, and the response is then not sent (logged)
 */
public record Mm4Settings(String profile, long inlineLimitBytes, String systemAddress, String mmsVersion,
                          Mm4Peers peers, Function<String, SmtpRelay> responseRelays) {

    public Mm4Settings {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(systemAddress, "systemAddress");
        Objects.requireNonNull(mmsVersion, "mmsVersion");
        Objects.requireNonNull(peers, "peers");
        Objects.requireNonNull(responseRelays, "responseRelays");
    }

    /** Every response through one relay (a smart host that routes by domain itself). */
    public static Mm4Settings viaOneRelay(String profile, long inlineLimitBytes, String systemAddress,
                                          String mmsVersion, Mm4Peers peers, SmtpRelay responses) {
        Objects.requireNonNull(responses, "responses");
        return new Mm4Settings(profile, inlineLimitBytes, systemAddress, mmsVersion, peers, peer -> responses);
    }
}
