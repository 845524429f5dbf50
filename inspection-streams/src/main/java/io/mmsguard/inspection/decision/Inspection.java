package io.mmsguard.inspection.decision;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.inspection.endpoint.EndpointMatch;
import io.mmsguard.inspection.profile.InterfacePolicy;
import io.mmsguard.inspection.profile.Profile;
import io.mmsguard.inspection.scan.ContentScanResult;
import io.mmsguard.inspection.similar.SimilarTo;
import io.mmsguard.inspection.threshold.Outcome;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the topology learned about one message, the one input of the decision, log, archive and alert
 * factories so that they cannot disagree about what happened.
 *
 * @param endpoint  the endpoint filter's result; a match with action NONE and no matches when the filter is off
 * @param content   the content scans' result ({@code ContentScanPipeline.exempt} for an EXEMPT endpoint)
 * @param flood     the flood thresholds' outcome; empty when they were not evaluated (not SEND, exempt, an earlier
 *                  block, or an interface without thresholds)
 * @param duplicate the duplicate thresholds' outcome; empty when not evaluated
 * @param checksum  the message checksum the duplicate check counted, or null when it was not computed
 * @param similar   the similar-content thresholds' outcome; empty when not evaluated
 * @param similarTo with {@code similar}: the earlier message it shares the decisive band with, when there was one
 */
public record Inspection(MmsEnvelope envelope, Profile profile, EndpointMatch endpoint, ContentScanResult content,
                         Optional<Outcome> flood, Optional<Outcome> duplicate, String checksum,
                         Optional<Outcome> similar, Optional<SimilarTo> similarTo) {

    /** Before the similar-content check, or without it. */
    public Inspection(MmsEnvelope envelope, Profile profile, EndpointMatch endpoint, ContentScanResult content,
                      Optional<Outcome> flood, Optional<Outcome> duplicate, String checksum) {
        this(envelope, profile, endpoint, content, flood, duplicate, checksum, Optional.empty(), Optional.empty());
    }

    public Inspection {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(flood, "flood");
        Objects.requireNonNull(duplicate, "duplicate");
        Objects.requireNonNull(similar, "similar");
        Objects.requireNonNull(similarTo, "similarTo");
    }

    public Inspection withSimilar(Outcome outcome, Optional<SimilarTo> to) {
        return new Inspection(envelope, profile, endpoint, content, flood, duplicate, checksum, Optional.of(outcome),
                to);
    }

    public InterfacePolicy policy() {
        return profile.policy(envelope.getMmsInterface());
    }

    public long profileVersion() {
        return profile.source().getAudit().getVersion();
    }
}
