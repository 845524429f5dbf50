package io.mmsguard.inspection.topology;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.inspection.endpoint.EndpointMatch;
import io.mmsguard.inspection.scan.ContentScanResult;
import io.mmsguard.inspection.similar.Fingerprint;
import io.mmsguard.inspection.threshold.Outcome;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What stage 1 (keyed by sender) hands to stage 2 (keyed by checksum), as plain Java: with the profile and the duplicate
 * outcome stage 2 adds, it is everything {@code decision.Inspection} needs.
 *
 * @param flood       empty when flood was not evaluated (not SEND, exempt, an earlier block, no flood thresholds)
 * @param stageTime   when stage 1 evaluated the message, in milliseconds (the Avro type is timestamp-millis)
 * @param fingerprint the content fingerprint when the similar-content check is to count the message; stage 1
 *                    computes it because the content may be left out of the record stage 2 reads
 */
public record SenderStage(MmsEnvelope envelope, String checksum, EndpointMatch endpoint, ContentScanResult content,
                          Optional<Outcome> flood, Instant stageTime, Optional<Fingerprint> fingerprint) {

    public SenderStage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(flood, "flood");
        Objects.requireNonNull(stageTime, "stageTime");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** Without a similar-content check. */
    public SenderStage(MmsEnvelope envelope, String checksum, EndpointMatch endpoint, ContentScanResult content,
                       Optional<Outcome> flood, Instant stageTime) {
        this(envelope, checksum, endpoint, content, flood, stageTime, Optional.empty());
    }

    public SenderStage withEnvelope(MmsEnvelope replaced) {
        return new SenderStage(replaced, checksum, endpoint, content, flood, stageTime, fingerprint);
    }
}
