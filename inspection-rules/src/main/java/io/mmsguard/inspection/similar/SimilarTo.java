package io.mmsguard.inspection.similar;

import java.util.List;
import java.util.Objects;

/**
 * Why a message counted as similar to an earlier one: the fingerprint bands the two share, the earlier message's
 * session id and the estimated similarity of their fingerprints ({@link Fingerprint#similarity}).
 */
public record SimilarTo(List<String> sharedBands, String earlierSession, double similarity) {

    public SimilarTo {
        sharedBands = List.copyOf(sharedBands);
        Objects.requireNonNull(earlierSession, "earlierSession");
    }

    /** {@code shares 3 bands (t1-.., t4-.., i0-..) with session S, similarity 0.81}, for decision details. */
    public String describe() {
        return "shares " + sharedBands.size() + (sharedBands.size() == 1 ? " band" : " bands") + " ("
                + String.join(", ", sharedBands) + ") with session " + earlierSession + ", similarity "
                + String.format(java.util.Locale.ROOT, "%.2f", similarity);
    }
}
