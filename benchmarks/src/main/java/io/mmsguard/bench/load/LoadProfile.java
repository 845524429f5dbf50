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
 * plan. With {@code --similar} also a similar-content threshold on MM1 and MM4 that logs and never blocks (its
 * limit is beyond any run), so the run measures what the similar-content hops cost without changing a verdict.
 */
final class LoadProfile {
    static final String NAME = "load";
    /** With {@code --shadow}: the shadow {@link #NAME} names on every interface. */
    static final String SHADOW = "load-shadow";
    /** With {@code --similar}: a limit no run reaches, so the similar-content threshold only counts and logs. */
    static final int SIMILAR_LIMIT = 1_000_000;

    private LoadProfile() {
    }

    static MmsProfile profile(LoadOptions o) {
        return profile(NAME, o.floodLimit, o.duplicateLimit, o.shadow ? SHADOW : null, o.similar);
    }

    /** The shadow of {@code --shadow}: the same profile with half the limits, so that it blocks where live passes. */
    static MmsProfile shadow(LoadOptions o) {
        return profile(SHADOW, Math.max(1, o.floodLimit / 2), Math.max(1, o.duplicateLimit / 2), null, o.similar);
    }

    private static MmsProfile profile(String name, int floodLimit, int duplicateLimit, String shadow,
                                      boolean similar) {
        MmsProfile base = BenchProfile.profile();
        InterfaceSettings settings = InterfaceSettings.newBuilder(base.getMm1())
                .setFlood(List.of(threshold(floodLimit))).setDuplicate(List.of(threshold(duplicateLimit)))
                .setSimilar(similar ? List.of(Threshold.newBuilder().setEnabled(true).setWindowMinutes(60)
                        .setLimit(SIMILAR_LIMIT).setActions(List.of(ThresholdAction.LOG)).setBlockTimeMinutes(0)
                        .build()) : List.of())
                .setShadow(shadow).build();
        return MmsProfile.newBuilder(base).setName(name).setMm1(settings)
                .setMm4(InterfaceSettings.newBuilder(settings).build())
                .setMm7(InterfaceSettings.newBuilder(settings).setFlood(List.of()).setDuplicate(List.of())
                        .setSimilar(List.of()).build())
                .build();
    }

    private static Threshold threshold(int limit) {
        return Threshold.newBuilder().setEnabled(true).setWindowMinutes(60).setLimit(limit)
                .setActions(List.of(ThresholdAction.BLOCK, ThresholdAction.LOG)).setBlockTimeMinutes(0).build();
    }
}
