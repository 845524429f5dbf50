package io.mmsguard.harness.mmsc;

import java.time.Instant;

/**
 * One request or mail that reached the {@link MmscStub}.
 *
 * @param channel       where it arrived
 * @param type          what it is: {@code m-send-req}, {@code SubmitReq}, {@code mail} (MM3),
 *                      {@code MM4_forward.REQ}, {@code MM4_forward.RES}, ... (the protocol's own name)
 * @param transactionId MM1 X-Mms-Transaction-ID, MM7 TransactionID, MM4 X-Mms-Transaction-ID, MM3 the Message-ID
 *                      without its angle brackets; null when the message carried none
 * @param sha256        hex SHA-256 of the HTTP request body or of the SMTP DATA (dot-stuffing removed)
 * @param receivedAt    when the stub had read it whole
 */
public record Delivery(Channel channel, String type, String transactionId, String sha256, Instant receivedAt) {

    /** The stub's listeners. */
    public enum Channel {
        /** {@code /mms}: the gateway's MM1 forwards. */
        MM1,
        /** {@code /mm7}: the gateway's MM7 forwards. */
        MM7,
        /** The MM3 SMTP listener: relayed Internet mail. */
        MM3,
        /** The MM4 SMTP listener: relayed MM4 requests and the gateway's own MM4_forward.RES. */
        MM4,
        /** {@code /notices}: the notifier's alert MMS (m-send.req). */
        NOTICES
    }

    /** The gateway's MM4 answer to a blocked MM4_forward.REQ, which carries the request's transaction id. */
    public static final String MM4_FORWARD_RES = "MM4_forward.RES";

    /**
     * Whether this is a subscriber's message handed on by the gateway (as opposed to a notice from the notifier or
     * an MM4_forward.RES the gateway wrote itself).
     */
    public boolean isForwardedMessage() {
        return channel != Channel.NOTICES && !MM4_FORWARD_RES.equals(type);
    }
}
