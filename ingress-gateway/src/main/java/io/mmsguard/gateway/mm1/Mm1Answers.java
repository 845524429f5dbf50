package io.mmsguard.gateway.mm1;

import java.time.Instant;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.ResponseStatus;
import io.mmsguard.codec.mm1.EncodedString;
import io.mmsguard.codec.mm1.HeaderField;
import io.mmsguard.codec.mm1.MessageType;
import io.mmsguard.codec.mm1.Mm1Decoder;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm1.MmsPdus;
import io.mmsguard.codec.mm1.StatusCodes;
import io.mmsguard.gateway.answer.Mm1MessageTypes;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpResponse;

/**
 * The PDUs the gateway answers a handset with itself (PROTOCOLS.md 1.12): the request's confirmation (m-send.conf,
 * m-mbox-upload.conf, m-forward.conf) for blocked, refused, malformed and temporarily refused requests, and the
 * replacement m-retrieve.conf of a blocked retrieval.
 */
final class Mm1Answers {
    /** FEATURES.md A13's default, what the topology's BlockResponses fills in: 0x87 Error-content-not-accepted. */
    static final int DEFAULT_BLOCK_STATUS = 0x87;
    static final String TRANSIENT_TEXT = "Message could not be processed now, please try again later";
    static final String NOT_CONFIRMED_TEXT = "Message may have been sent; not confirmed by the network";
    static final String MALFORMED_TEXT = "Message format corrupt";
    static final String DEFAULT_BLOCK_TEXT = "Message blocked by operator policy";
    static final String UNSUPPORTED_TEXT = "Message type not supported";
    static final String FORWARD_REFUSED_TEXT = "Forwarding is not available";
    private static final int HIGHEST_VERSION = MmsPdus.MMS_1_3;
    /** MIBenum of UTF-8 */
    private static final int UTF_8 = 106;
    private static final int MAX_RAW_TRANSACTION_ID = 256;

    private Mm1Answers() {
    }

    /** The X-Mms-Response-Status of a block: the decision's MM1 status, else the A13 default. */
    static int blockStatus(Decision decision) {
        ResponseStatus s = decision.getResponseStatus();
        return s != null && s.getMm1ResponseStatus() != null ? s.getMm1ResponseStatus() : DEFAULT_BLOCK_STATUS;
    }

    /**
     * For the decision line: the HTTP status and, in a confirmation, its X-Mms-Response-Status (or
     * X-Mms-Retrieve-Status).
     */
    static String code(FullHttpResponse answer) {
        String http = "HTTP " + answer.status().code();
        if (answer.content().readableBytes() == 0) {
            return http;
        }
        try {
            MmsPdu pdu = new Mm1Decoder().decode(ByteBufUtil.getBytes(answer.content()));
            Integer status = pdu.responseStatus() != null ? pdu.responseStatus() : pdu.retrieveStatus();
            return status == null ? http : String.format("%s, status 0x%02X", http, status);
        } catch (RuntimeException e) {
            return http; // the line still names the HTTP status; the body is the gateway's own encoding
        }
    }

    static byte[] blocked(MmsPdu request, Decision decision) {
        String text = decision.getReplacementText();
        return conf(request, blockStatus(decision), text == null || text.isEmpty() ? DEFAULT_BLOCK_TEXT : text);
    }

    /** Error-transient-failure (0xC0): the handset keeps the message and retries. */
    static byte[] transientFailure(MmsPdu request) {
        return conf(request, StatusCodes.ERROR_TRANSIENT_FAILURE, TRANSIENT_TEXT);
    }

    /**
     * Error-permanent-failure (0xE0): the MMSC got the whole message and did not answer, so it may have accepted it;
     * a permanent status keeps the handset from sending it again on its own (a transient one would be retried and
     * could deliver the message twice).
     */
    static byte[] notConfirmed(MmsPdu request) {
        return conf(request, StatusCodes.ERROR_PERMANENT_FAILURE, NOT_CONFIRMED_TEXT);
    }

    /**
     * A request of a type the gateway refuses ({@link Mm1MessageTypes}): Error-unsupported-message (0x88) in the
     * request's confirmation, with its transaction id; null when the request has none to answer with (then 400).
     */
    static byte[] unsupported(MmsPdu request) {
        return request.transactionId() == null ? null
                : conf(request, StatusCodes.ERROR_UNSUPPORTED_MESSAGE, UNSUPPORTED_TEXT);
    }

    /** An m-forward.req the gateway cannot let through (the forwarded content would not be inspected): 0xE1. */
    static byte[] forwardRefused(MmsPdu request) {
        return conf(request, StatusCodes.ERROR_PERMANENT_SERVICE_DENIED, FORWARD_REFUSED_TEXT);
    }

    /**
     * The gateway's answer to a request in the confirmation its type calls for ({@link Mm1MessageTypes#answerType}):
     * m-send.conf and m-forward.conf carry X-Mms-Response-Status and -Text; m-mbox-upload.conf carries
     * X-Mms-Store-Status and -Text instead (OMA-TS-MMS_ENC 1.3 §6.11), mapped from the response status.
     */
    static byte[] conf(MmsPdu request, int responseStatus, String text) {
        MessageType type = Mm1MessageTypes.answerType(request.messageType());
        int version = version(request.mmsVersionOctet());
        if (type == MessageType.SEND_CONF) {
            return sendConf(request.transactionId(), version, responseStatus, text);
        }
        MmsPdu.Builder b = MmsPdu.builder(type);
        if (request.transactionId() != null) {
            b.set(HeaderField.TRANSACTION_ID, request.transactionId());
        }
        b.set(HeaderField.MMS_VERSION, version);
        EncodedString encoded = text == null ? null : EncodedString.of(clean(text), UTF_8);
        if (type == MessageType.MBOX_UPLOAD_CONF) {
            b.set(HeaderField.STORE_STATUS, storeStatus(responseStatus));
            if (encoded != null) {
                b.set(HeaderField.STORE_STATUS_TEXT, encoded);
            }
        } else {
            b.set(HeaderField.RESPONSE_STATUS, responseStatus);
            if (encoded != null) {
                b.set(HeaderField.RESPONSE_TEXT, encoded);
            }
        }
        return Mm1Encoder.encode(b.build());
    }

    /**
     * X-Mms-Store-Status for a response status: Success for Ok, Error-transient-failure for any transient one,
     * failure and format-corrupt as they are, and Error-permanent-service-denied for a refusal (Store-Status has no
     * content-not-accepted).
     */
    static int storeStatus(int responseStatus) {
        if (responseStatus == StatusCodes.OK) {
            return StatusCodes.OK;
        }
        if (responseStatus >= 0xC0 && responseStatus <= 0xDF) {
            return StatusCodes.ERROR_TRANSIENT_FAILURE;
        }
        if (responseStatus == StatusCodes.ERROR_PERMANENT_FAILURE
                || responseStatus == StatusCodes.ERROR_PERMANENT_MESSAGE_FORMAT_CORRUPT) {
            return responseStatus;
        }
        return StatusCodes.ERROR_PERMANENT_SERVICE_DENIED;
    }

    /** Error-permanent-message-format-corrupt (0xE2) for a PDU whose transaction id could still be read. */
    static byte[] malformed(String transactionId, Integer version) {
        return sendConf(transactionId, version(version), StatusCodes.ERROR_PERMANENT_MESSAGE_FORMAT_CORRUPT,
                MALFORMED_TEXT);
    }

    static byte[] sendConf(String transactionId, int version, int status, String text) {
        return Mm1Encoder.encode(MmsPdus.sendConf(transactionId, version, status,
                text == null ? null : EncodedString.of(clean(text), UTF_8), null));
    }

    /**
     * The m-retrieve.conf that replaces a blocked message: the original's transaction id and version, Retrieve-Status
     * 0xE1 Error-permanent-service-denied (0x80 Ok when the profile's MM1 status is Ok, which hides the block), the
     * decision's subject, and a text/plain body with its replacement text.
     */
    static byte[] retrieveReplacement(MmsPdu original, Decision decision, Instant now) {
        String text = decision.getReplacementText() == null || decision.getReplacementText().isEmpty()
                ? DEFAULT_BLOCK_TEXT : decision.getReplacementText();
        int status = blockStatus(decision) == StatusCodes.OK ? StatusCodes.RETRIEVE_OK
                : StatusCodes.RETRIEVE_ERROR_PERMANENT_SERVICE_DENIED;
        return retrieveConf(original, status, "Blocked", decision.getReplacementSubject(), text, now);
    }

    /** For a retrieved PDU that cannot be decoded: Error-permanent-failure, so no content passes uninspected. */
    static byte[] retrieveUndecodable(Instant now) {
        return retrieveConf(null, StatusCodes.ERROR_PERMANENT_FAILURE, "Failed",
                null, "The message could not be delivered", now);
    }

    private static byte[] retrieveConf(MmsPdu original, int status, String statusText, String subject, String body,
                                       Instant now) {
        MmsPdu pdu = MmsPdus.retrieveConfReplacement(original == null ? null : original.transactionId(),
                version(original == null ? null : original.mmsVersionOctet()), now.getEpochSecond(), status,
                statusText, body);
        if (subject != null && !subject.isEmpty()) {
            pdu = pdu.toBuilder().set(HeaderField.SUBJECT, EncodedString.of(clean(subject), UTF_8)).build();
        }
        return Mm1Encoder.encode(pdu);
    }

    /** The request's version, or lower: never above 1.3, 1.0 when unknown. */
    static int version(Integer requested) {
        if (requested == null || requested < MmsPdus.MMS_1_0) {
            return MmsPdus.MMS_1_0;
        }
        return Math.min(requested, HIGHEST_VERSION);
    }

    /** Text as an Encoded-string-value can carry it: no NUL or other control characters. */
    static String clean(String text) {
        return text == null ? null : text.replaceAll("\\p{Cntrl}", " ");
    }

    /**
     * The Transaction-ID of a PDU that did not decode, read from its first octets as the mandatory order puts it
     * ({@code 8C <type> 98 <Text-string>}); null when it is not there or is not printable text.
     */
    static String rawTransactionId(byte[] pdu) {
        if (pdu.length < 5 || (pdu[0] & 0xFF) != 0x8C || (pdu[2] & 0xFF) != 0x98) {
            return null;
        }
        int start = (pdu[3] & 0xFF) == 0x7F ? 4 : 3;
        StringBuilder tid = new StringBuilder();
        for (int i = start; i < pdu.length && i < start + MAX_RAW_TRANSACTION_ID; i++) {
            int c = pdu[i] & 0xFF;
            if (c == 0) {
                return tid.length() == 0 ? null : tid.toString();
            }
            if (c < 0x20 || c > 0x7E) {
                return null;
            }
            tid.append((char) c);
        }
        return null;
    }

    /** The X-Mms-MMS-Version octet right after a raw transaction id, or null. */
    static Integer rawVersion(byte[] pdu) {
        String tid = rawTransactionId(pdu);
        if (tid == null) {
            return null;
        }
        int at = ((pdu[3] & 0xFF) == 0x7F ? 4 : 3) + tid.length() + 1;
        return at + 1 < pdu.length && (pdu[at] & 0xFF) == 0x8D ? pdu[at + 1] & 0x7F | 0x80 : null;
    }
}
