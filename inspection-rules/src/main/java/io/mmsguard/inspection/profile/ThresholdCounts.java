package io.mmsguard.inspection.profile;

import io.mmsguard.avro.ThresholdCount;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.inspection.threshold.ThresholdResult;
import java.time.Instant;

/** Threshold results in the Avro contract that decisions, archives, alerts and the inspection log carry. */
public final class ThresholdCounts {

    private ThresholdCounts() {
    }

    public static ThresholdCount toAvro(ThresholdKind kind, ThresholdResult result) {
        return ThresholdCount.newBuilder()
                .setKind(kind)
                .setIndex(result.index())
                .setWindowMinutes(result.windowMinutes())
                .setLimit(result.limit())
                .setCount(result.count())
                .setExceeded(result.exceeded())
                .setActions(result.actions().stream().sorted()
                        .map(a -> io.mmsguard.avro.ThresholdAction.valueOf(a.name())).toList())
                .setBlockedUntil(result.blockedUntil().isPresent()
                        ? Instant.ofEpochMilli(result.blockedUntil().getAsLong()) : null)
                .build();
    }
}
