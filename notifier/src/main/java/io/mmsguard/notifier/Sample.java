package io.mmsguard.notifier;

import io.mmsguard.avro.Alert;
import io.mmsguard.avro.ThresholdCount;
import java.util.Locale;

/**
 * Details of one event that a notice quotes: the last event counted in it. Any field may be null.
 *
 * @param sender    normalised sender of the offending message
 * @param virus     virus name (VIRUS)
 * @param threshold FortiOS name of the exceeded threshold, e.g. {@code flood-thresh-2} (FLOOD, DUPLICATE)
 * @param window    window of that threshold, e.g. {@code 60 min}
 * @param detail    file name, pattern, endpoint or other detail of the event
 */
public record Sample(String sender, String virus, String threshold, String window, String detail) {

    public static final Sample NONE = new Sample(null, null, null, null, null);

    /** Longest value kept, in characters; longer ones are cut (the state store holds samples). */
    public static final int MAX_LENGTH = 256;

    public Sample {
        sender = cap(sender);
        virus = cap(virus);
        threshold = cap(threshold);
        window = cap(window);
        detail = cap(detail);
    }

    private static String cap(String s) {
        if (s == null || s.length() <= MAX_LENGTH) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
        return s.substring(0, end);
    }

    public static Sample of(Alert alert) {
        ThresholdCount t = alert.getThreshold();
        return new Sample(alert.getSender(), alert.getVirusName(), t == null ? null : thresholdName(t),
                t == null ? null : t.getWindowMinutes() + " min", alert.getDetail());
    }

    /** FortiOS spelling: {@code flood-thresh-1..3}, {@code dupe-thresh-1..3}. */
    static String thresholdName(ThresholdCount t) {
        String kind = switch (t.getKind()) {
            case FLOOD -> "flood";
            case DUPLICATE -> "dupe";
            default -> t.getKind().name().toLowerCase(Locale.ROOT);
        };
        return kind + "-thresh-" + t.getIndex();
    }
}
