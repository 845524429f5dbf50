package io.mmsguard.inspection.backtest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.mmsguard.avro.Decision;
import io.mmsguard.inspection.topology.Outputs;

/**
 * What the replay made of one inbound record: the decide step's outputs, as the topology would have written them.
 *
 * @param checksum     the content checksum stage 1 computed; null when stage 1 did not get that far (a failure)
 * @param stage2       whether the routing rule sent it through stage 2 (the duplicate check, the similar-content
 *                     check, or both)
 * @param similarBands the fingerprint bands the similar-content check counted it under (its keys are
 *                     {@code <interface>|<band>}); empty when that check did not count it
 */
public record Replayed(InboundRecord record, Outputs outputs, String checksum, boolean stage2,
                       List<String> similarBands) {

    public Replayed {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(similarBands, "similarBands");
    }

    /** Not counted by the similar-content check. */
    public Replayed(InboundRecord record, Outputs outputs, String checksum, boolean stage2) {
        this(record, outputs, checksum, stage2, List.of());
    }

    public Optional<Decision> decision() {
        return outputs.decision();
    }
}
