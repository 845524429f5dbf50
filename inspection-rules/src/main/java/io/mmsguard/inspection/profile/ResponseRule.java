package io.mmsguard.inspection.profile;

import io.mmsguard.avro.BlockStatus;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ReplacementMessage;
import io.mmsguard.avro.ResponseStatus;
import io.mmsguard.inspection.validation.ValidationProblem;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replacement messages and block statuses (FEATURES.md A13, A14): what a gateway puts on the wire must be a value
 * the protocol has, and an entry that can never be selected (an unknown symbol, a second entry for the same key,
 * of which only the first is used) is a mistake the operator should hear about.
 */
final class ResponseRule implements ProfileRule {

    /** OMA MMS ENC X-Mms-Response-Status: one octet, 0x80 Ok up to the permanent-error range. */
    static final int MM1_MIN = 0x80;
    static final int MM1_MAX = 0xFF;

    /** 3GPP TS 23.140 MM4 request status tokens (FORTICARRIER.md 2.2). */
    static final Set<String> MM4_TOKENS = Set.of("Ok", "Error-unspecified", "Error-service-denied",
            "Error-message-format-corrupt", "Error-sending-address-unresolved", "Error-network-problem",
            "Error-content-not-accepted", "Error-unsupported-message");

    /** The MM7 StatusCode list (FORTICARRIER.md 2.2). */
    static final Set<Integer> MM7_CODES = Set.of(1000, 1100, 2000, 2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008,
            2009, 3000, 3001, 3002, 3003, 3004, 4000, 4001, 4002, 4003, 4004, 4005, 4006, 4007, 4008);

    private static final Pattern ENHANCED = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

    @Override
    public void check(MmsProfile profile, ProfileContext context, List<ValidationProblem> problems) {
        List<ReplacementMessage> messages = profile.getReplacementMessages();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            ReplacementMessage m = messages.get(i);
            String at = "replacementMessages[" + i + "]";
            boolean known = Ranges.known(at + ".mmsInterface", m.getMmsInterface(), problems)
                    & Ranges.known(at + ".reason", m.getReason(), problems)
                    & (m.getDirection() == null || Ranges.known(at + ".direction", m.getDirection(), problems));
            if (known && !seen.add(m.getMmsInterface() + "/" + m.getReason() + "/" + m.getDirection())) {
                problems.add(new ValidationProblem(at, "a second entry for " + m.getMmsInterface() + ", "
                        + m.getReason() + " and " + (m.getDirection() == null ? "every direction" : m.getDirection())
                        + "; only the first is used"));
            }
        }
        List<BlockStatus> statuses = profile.getBlockStatuses();
        Set<Reason> reasons = new HashSet<>();
        for (int i = 0; i < statuses.size(); i++) {
            BlockStatus b = statuses.get(i);
            String at = "blockStatuses[" + i + "]";
            if (Ranges.known(at + ".reason", b.getReason(), problems) && !reasons.add(b.getReason())) {
                problems.add(new ValidationProblem(at + ".reason", "a second entry for " + b.getReason()
                        + "; only the first is used"));
            }
            status(at + ".status", b.getStatus(), problems);
        }
    }

    private static void status(String at, ResponseStatus s, List<ValidationProblem> problems) {
        Integer mm1 = s.getMm1ResponseStatus();
        if (mm1 != null && (mm1 < MM1_MIN || mm1 > MM1_MAX)) {
            problems.add(new ValidationProblem(at + ".mm1ResponseStatus", mm1 + " is outside 128-255 (0x80-0xFF)"));
        }
        Integer code = s.getMm3ReplyCode();
        if (code != null && (code < 200 || code > 599)) {
            problems.add(new ValidationProblem(at + ".mm3ReplyCode", code + " is not an SMTP reply code (200-599)"));
        }
        String enhanced = s.getMm3EnhancedStatus();
        if (enhanced != null && !ENHANCED.matcher(enhanced).matches()) {
            problems.add(new ValidationProblem(at + ".mm3EnhancedStatus", "\"" + enhanced
                    + "\" is not an RFC 3463 status (class.subject.detail, class 2, 4 or 5)"));
        }
        if (s.getMm4RequestStatus() != null && !MM4_TOKENS.contains(s.getMm4RequestStatus())) {
            problems.add(new ValidationProblem(at + ".mm4RequestStatus", "\"" + s.getMm4RequestStatus()
                    + "\" is not an MM4 request status"));
        }
        if (s.getMm7StatusCode() != null && !MM7_CODES.contains(s.getMm7StatusCode())) {
            problems.add(new ValidationProblem(at + ".mm7StatusCode", s.getMm7StatusCode()
                    + " is not an MM7 status code"));
        }
    }
}
