package io.mmsguard.inspection.decision;

import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;

/** The Avro settings of one interface, for the fields the domain {@code InterfacePolicy} does not carry. */
final class InterfaceSettingsOf {

    private InterfaceSettingsOf() {
    }

    static InterfaceSettings of(MmsProfile profile, MmsInterface mmsInterface) {
        return switch (mmsInterface) {
            case MM1 -> profile.getMm1();
            case MM3 -> profile.getMm3();
            case MM4 -> profile.getMm4();
            case MM7 -> profile.getMm7();
            default -> throw new IllegalArgumentException("no settings for " + mmsInterface);
        };
    }
}
