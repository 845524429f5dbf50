package io.mmsguard.inspection.decision;

import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ReplacementMessage;
import java.util.Map;

/**
 * Replacement texts (FEATURES.md A14, FORTICARRIER.md 1.14) for one interface, direction and reason: the profile's
 * entry for that exact direction first, then its entry for every direction (direction null), then the built-in
 * text. Fields: %sender%, %recipient%, %virus%, %file%, %reason%, %threshold%, %profile% (ReplacementMessage.avsc).
 *
 * <p>The built-in flood and duplicate texts say only that the message was not accepted: they go back to the
 * sender, who must not learn the thresholds (FORTICARRIER.md 2.1). A STRIP uses a text that says what was removed,
 * since it is inserted as a part of a message that is delivered; a profile entry serves both.
 */
public final class ReplacementMessages {

    /** A rendered replacement; subject is null unless the profile's entry or the direction calls for one. */
    public record Replacement(String subject, String text) {
    }

    static final String RETRIEVE_SUBJECT = "Message blocked";

    private ReplacementMessages() {
    }

    public static Replacement render(MmsProfile profile, MmsInterface mmsInterface, Direction direction,
                                     Reason reason, boolean strip, Map<String, String> fields) {
        ReplacementMessage entry = find(profile, mmsInterface, direction, reason);
        String template = entry != null ? entry.getText() : defaultText(reason, strip);
        String subject = entry != null && entry.getSubject() != null ? entry.getSubject()
                : direction == Direction.RETRIEVE && !strip ? RETRIEVE_SUBJECT : null;
        return new Replacement(subject == null ? null : Template.fill(subject, fields), Template.fill(template, fields));
    }

    private static ReplacementMessage find(MmsProfile profile, MmsInterface mmsInterface, Direction direction,
                                           Reason reason) {
        ReplacementMessage anyDirection = null;
        for (ReplacementMessage m : profile.getReplacementMessages()) {
            if (m.getMmsInterface() != mmsInterface || m.getReason() != reason) {
                continue;
            }
            if (m.getDirection() == direction) {
                return m;
            }
            if (m.getDirection() == null && anyDirection == null) {
                anyDirection = m;
            }
        }
        return anyDirection;
    }

    /** The built-in text, FortiOS style. */
    public static String defaultText(Reason reason, boolean strip) {
        if (strip) {
            return switch (reason) {
                case VIRUS -> "The attachment %file% has been removed because it contains the virus %virus%.";
                case FILE_FILTER -> "The attachment %file% has been removed because this file type is not allowed.";
                case CHECKSUM -> "The attachment %file% has been removed because it is a blocked file.";
                case UNPACK -> "The attachment %file% has been removed because it could not be unpacked and scanned.";
                default -> "An attachment has been removed by the content filter.";
            };
        }
        return switch (reason) {
            case VIRUS -> "This message has been blocked because it contains the virus %virus% (%file%).";
            case FILE_FILTER -> "This message has been blocked because it contains a file that is not allowed: %file%.";
            case BANNED_WORDS -> "This message has been blocked because of its content.";
            case CHECKSUM -> "This message has been blocked because it contains a blocked file: %file%.";
            case ENDPOINT -> "This message has been blocked: the sender or a recipient is not allowed.";
            case OVERSIZE -> "This message has been blocked because it is too large.";
            case UNPACK -> "This message has been blocked because an attachment could not be unpacked and scanned: %file%.";
            case MALFORMED -> "This message has been blocked because it could not be read.";
            case FLOOD, DUPLICATE, SIMILAR -> "This message has not been accepted.";
            default -> "This message has been blocked.";
        };
    }
}
