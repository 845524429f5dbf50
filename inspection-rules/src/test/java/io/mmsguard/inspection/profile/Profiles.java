package io.mmsguard.inspection.profile;

import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Threshold;
import io.mmsguard.avro.ThresholdAction;
import java.util.List;

/** Avro profiles for tests: valid unless a test breaks one field. */
final class Profiles {

    private Profiles() {
    }

    static Threshold threshold(boolean enabled, int window, int limit, int block, ThresholdAction... actions) {
        return Threshold.newBuilder().setEnabled(enabled).setWindowMinutes(window).setLimit(limit)
                .setBlockTimeMinutes(block).setActions(List.of(actions)).build();
    }

    static Threshold on() {
        return threshold(true, 60, 100, 30, ThresholdAction.LOG, ThresholdAction.BLOCK);
    }

    static Threshold off() {
        return threshold(false, 60, 100, 0, ThresholdAction.LOG);
    }

    static InterfaceSettings withFlood(Threshold... flood) {
        return InterfaceSettings.newBuilder().setFlood(List.of(flood)).build();
    }

    static InterfaceSettings withDuplicate(Threshold... duplicate) {
        return InterfaceSettings.newBuilder().setDuplicate(List.of(duplicate)).build();
    }

    static MmsProfile.Builder profile() {
        return MmsProfile.newBuilder().setName("p");
    }

    static MmsProfile mm1(InterfaceSettings settings) {
        return profile().setMm1(settings).build();
    }
}
