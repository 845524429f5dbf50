package io.mmsguard.deploy.cli;

import io.mmsguard.avro.InspectionLog;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.ResponseStatus;

/**
 * What the client of one inspected message was answered, in its protocol's words, from the inspection-log record:
 * the block's status and text as the decision told the gateway (InspectionLog.responseStatus, responseText), or
 * what the gateway does for the other verdicts (docs/architecture.md, "Session semantics").
 */
final class ClientAnswer {

    private ClientAnswer() {
    }

    static String describe(InspectionLog log) {
        return switch (log.getVerdict()) {
            case PASS -> "forwarded as received; the client got the upstream's answer";
            case PASS_UNSCANNED -> "forwarded unscanned; the client got the upstream's answer";
            case STRIP -> "forwarded without the blocked parts" + text(", replacement text ", log.getResponseText())
                    + "; the client got the upstream's answer";
            case BLOCK -> blocked(log);
            case TEMPORARY_FAILURE -> "the protocol's temporary failure (" + temporary(log.getMmsInterface())
                    + "), so that the client retries; forwarded unscanned instead if the interface fails open";
            case EXPIRED -> "the session had expired before inspection: the gateway had already answered with the"
                    + " protocol's temporary failure (" + temporary(log.getMmsInterface()) + ")";
            default -> "unknown verdict " + log.getVerdict();
        };
    }

    private static String blocked(InspectionLog log) {
        ResponseStatus s = log.getResponseStatus();
        if (s == null) {
            return "blocked with the interface's block answer (this record predates InspectionLog version 4,"
                    + " which records the status)";
        }
        String status = switch (log.getMmsInterface()) {
            case MM1 -> String.format("X-Mms-Response-Status 0x%02X", s.getMm1ResponseStatus());
            case MM3 -> "SMTP " + s.getMm3ReplyCode() + " " + s.getMm3EnhancedStatus();
            case MM4 -> "X-Mms-Request-Status-Code " + s.getMm4RequestStatus();
            case MM7 -> "MM7 StatusCode " + s.getMm7StatusCode();
            default -> "the interface's block status";
        };
        return "blocked: " + status + text(", text ", log.getResponseText());
    }

    private static String temporary(MmsInterface mmsInterface) {
        return switch (mmsInterface) {
            case MM1 -> "X-Mms-Response-Status 0xC0 Error-transient-failure";
            case MM3, MM4 -> "SMTP 451 4.3.0";
            case MM7 -> "MM7 StatusCode 4006 Service unavailable";
            default -> "per interface";
        };
    }

    private static String text(String label, String text) {
        return text == null ? "" : label + "\"" + text.replace("\n", " ").strip() + "\"";
    }
}
