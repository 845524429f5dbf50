package io.mmsguard.inspection.backtest;

import java.util.Objects;
import java.util.Optional;

import io.mmsguard.avro.Decision;
import io.mmsguard.inspection.topology.Outputs;

/**
 * What the replay made of one inbound record: the decide step's outputs, as the topology would have written them.
 *
 * @param checksum the content checksum stage 1 computed; null when stage 1 did not get that far (a failure)
 * @param stage2   whether the routing rule sent it through the duplicate stage
 */
public record Replayed(InboundRecord record, Outputs outputs, String checksum, boolean stage2) {

    public Replayed {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(outputs, "outputs");
    }

    public Optional<Decision> decision() {
        return outputs.decision();
    }
}
