package io.mmsguard.inspection.profile;

import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import java.util.List;
import java.util.Locale;

/** The four interfaces of a profile with their field names, so that rules walk them the same way. */
public final class Interfaces {

    static final List<MmsInterface> ALL = List.of(MmsInterface.MM1, MmsInterface.MM3, MmsInterface.MM4,
            MmsInterface.MM7);

    private Interfaces() {
    }

    public static InterfaceSettings settings(MmsProfile profile, MmsInterface mmsInterface) {
        return switch (mmsInterface) {
            case MM1 -> profile.getMm1();
            case MM3 -> profile.getMm3();
            case MM4 -> profile.getMm4();
            case MM7 -> profile.getMm7();
            default -> throw new IllegalArgumentException("no settings for " + mmsInterface);
        };
    }

    static String field(MmsInterface mmsInterface) {
        return mmsInterface.name().toLowerCase(Locale.ROOT);
    }

    /** FORTICARRIER.md 1.3: flood and dupe tables exist for MM1 and MM4 only. */
    static boolean hasThresholds(MmsInterface mmsInterface) {
        return mmsInterface == MmsInterface.MM1 || mmsInterface == MmsInterface.MM4;
    }
}
