package io.mmsguard.inspection.decision;

import io.mmsguard.avro.BlockStatus;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ResponseStatus;

/**
 * The protocol status a gateway answers a block with (FEATURES.md A13), the profile's {@code blockStatuses}
 * overriding the defaults field by field. Every field is filled, not only the session's interface, so that the
 * decision says exactly what will be sent and a gateway needs no copy of the defaults.
 *
 * <p>Defaults: MM1 X-Mms-Response-Status 0x87 Error-content-not-accepted (FortiOS "Content not accepted");
 * MM3 {@code 550} with 5.7.1 (5.6.0 for MALFORMED); MM4 X-Mms-Request-Status-Code Error-content-not-accepted;
 * MM7 2004 content refused for content findings, 4007 service denied for endpoint, flood and duplicate (what the
 * sender is, not what it sent), 2007 message format corrupt for MALFORMED.
 */
public final class BlockResponses {

    public static final int MM1_CONTENT_NOT_ACCEPTED = 0x87;
    public static final int SMTP_REJECTED = 550;
    public static final String MM4_CONTENT_NOT_ACCEPTED = "Error-content-not-accepted";
    public static final int MM7_CONTENT_REFUSED = 2004;
    public static final int MM7_MESSAGE_FORMAT_CORRUPT = 2007;
    public static final int MM7_SERVICE_DENIED = 4007;

    private BlockResponses() {
    }

    public static ResponseStatus defaults(Reason reason) {
        return ResponseStatus.newBuilder()
                .setMm1ResponseStatus(MM1_CONTENT_NOT_ACCEPTED)
                .setMm3ReplyCode(SMTP_REJECTED)
                .setMm3EnhancedStatus(reason == Reason.MALFORMED ? "5.6.0" : "5.7.1")
                .setMm4RequestStatus(MM4_CONTENT_NOT_ACCEPTED)
                .setMm7StatusCode(mm7(reason))
                .build();
    }

    private static int mm7(Reason reason) {
        return switch (reason) {
            case ENDPOINT, FLOOD, DUPLICATE, SIMILAR -> MM7_SERVICE_DENIED;
            case MALFORMED -> MM7_MESSAGE_FORMAT_CORRUPT;
            default -> MM7_CONTENT_REFUSED;
        };
    }

    /** The defaults for {@code reason} with the non-null fields of the profile's first entry for it applied. */
    public static ResponseStatus forReason(MmsProfile profile, Reason reason) {
        ResponseStatus status = defaults(reason);
        for (BlockStatus entry : profile.getBlockStatuses()) {
            if (entry.getReason() == reason) {
                return overlay(status, entry.getStatus());
            }
        }
        return status;
    }

    private static ResponseStatus overlay(ResponseStatus base, ResponseStatus override) {
        ResponseStatus.Builder b = ResponseStatus.newBuilder(base);
        if (override.getMm1ResponseStatus() != null) {
            b.setMm1ResponseStatus(override.getMm1ResponseStatus());
        }
        if (override.getMm3ReplyCode() != null) {
            b.setMm3ReplyCode(override.getMm3ReplyCode());
        }
        if (override.getMm3EnhancedStatus() != null) {
            b.setMm3EnhancedStatus(override.getMm3EnhancedStatus());
        }
        if (override.getMm4RequestStatus() != null) {
            b.setMm4RequestStatus(override.getMm4RequestStatus());
        }
        if (override.getMm7StatusCode() != null) {
            b.setMm7StatusCode(override.getMm7StatusCode());
        }
        return b.build();
    }
}
