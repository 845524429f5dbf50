package io.mmsguard.bench.load;

import java.util.List;

import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Threshold;
import io.mmsguard.avro.ThresholdAction;
import io.mmsguard.bench.pipeline.BenchProfile;

/**
 * The profile every listener names in a load run: the pipeline benchmark's (every scanner on, banned-word threshold
 * 20, casino, lottery and "free money" 10 each) on MM1, MM4 and MM7 alike, with the run's flood and duplicate
 * limits on MM1 and MM4 (the validator refuses thresholds on MM7): a 60-minute window (longer than any run), BLOCK
 * with block time 0, so exactly the messages over the limit are blocked and the expected counts follow from the
 * plan.
 */
final class LoadProfile {
    static final String NAME = "load";
    /** With {@code --shadow}: the shadow {@link #NAME} names on every interface. */
    static final String SHADOW = "load-shadow";

    private LoadProfile() {
    }

    static MmsProfile profile(LoadOptions o) {
        return profile(NAME, o.floodLimit, o.duplicateLimit, o.shadow ? SHADOW : null);
    }

    /** The shadow of {@code --shadow}: the same profile with half the limits, so that it blocks where live passes. */
    static MmsProfile shadow(LoadOptions o) {
        return profile(SHADOW, Math.max(1, o.floodLimit / 2), Math.max(1, o.duplicateLimit / 2), null);
    }

    private static MmsProfile profile(String name, int floodLimit, int duplicateLimit, String shadow) {
        MmsProfile base = BenchProfile.profile();
        InterfaceSettings settings = InterfaceSettings.newBuilder(base.getMm1())
                .setFlood(List.of(threshold(floodLimit))).setDuplicate(List.of(threshold(duplicateLimit)))
                .setShadow(shadow).build();
        return MmsProfile.newBuilder(base).setName(name).setMm1(settings)
                .setMm4(InterfaceSettings.newBuilder(settings).build())
                .setMm7(InterfaceSettings.newBuilder(settings).setFlood(List.of()).setDuplicate(List.of()).build())
                .build();
    }

    private static Threshold threshold(int limit) {
        return Threshold.newBuilder().setEnabled(true).setWindowMinutes(60).setLimit(limit)
                .setActions(List.of(ThresholdAction.BLOCK, ThresholdAction.LOG)).setBlockTimeMinutes(0).build();
    }
}
