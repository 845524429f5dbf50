package io.mmsguard.harness.load;

/** What the client made of the gateway's answer, the same on every interface. */
public enum AnswerKind {
    /**
     * Accepted: m-send.conf Ok, SubmitRsp 1000, SMTP 250 on MM3; on MM4 the 250 and the MM4_forward.REQ reached
     * the MMSC stub.
     */
    OK,
    /**
     * Refused for good: a permanent m-send.conf status, an MM7 error code other than 4006, SMTP 5xx; on MM4 the
     * 250 and the gateway's MM4_forward.RES reached the stub instead of the request.
     */
    BLOCKED,
    /** Retry later: m-send.conf 0xC0-0xDF or 0x86, SubmitRsp 4006, SMTP 4xx. */
    TEMPORARY_FAILURE,
    /** An answer that is none of the above: HTTP status other than 200, a SOAP fault, an undecodable body. */
    ERROR,
    /**
     * The gateway could not be reached: connection refused, or closed before any answer, as when its process is
     * gone. Told apart from {@link #NO_ANSWER} because it is what a killed gateway's clients must see.
     */
    UNREACHABLE,
    /** Nothing within the driver's answer timeout: a hang. */
    NO_ANSWER
}
