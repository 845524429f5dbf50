package io.mmsguard.inspection.profile;

import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.MmsProfile;
import java.util.List;
import java.util.Objects;

/**
 * A validated protection profile as the topology uses it for flood and duplicate checks.
 *
 * @param endpointLists     names of the endpoint lists applied, in order
 * @param checksumSubject   whether the duplicate checksum includes the subject ({@link ContentChecksum})
 * @param source            the Avro record this was built from: the extension point for the scanners' settings,
 *                          which map their own parts of it
 */
public record Profile(String name, InterfacePolicy mm1, InterfacePolicy mm3, InterfacePolicy mm4,
                      InterfacePolicy mm7, List<String> endpointLists, boolean checksumSubject, MmsProfile source) {

    public static final String DEFAULT_NAME = "default";

    public Profile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        endpointLists = List.copyOf(endpointLists);
    }

    public InterfacePolicy policy(MmsInterface mmsInterface) {
        return switch (mmsInterface) {
            case MM1 -> mm1;
            case MM3 -> mm3;
            case MM4 -> mm4;
            case MM7 -> mm7;
            default -> throw new IllegalArgumentException("no policy for " + mmsInterface);
        };
    }

    /**
     * The interface's settings as published, for what the domain policy does not model (gateway, notifier); an
     * interface this reader does not know ({@code UNKNOWN}) gets the schema defaults: fail-closed, no notices.
     */
    public InterfaceSettings settings(MmsInterface mmsInterface) {
        return switch (mmsInterface) {
            case MM1 -> source.getMm1();
            case MM3 -> source.getMm3();
            case MM4 -> source.getMm4();
            case MM7 -> source.getMm7();
            default -> InterfaceSettings.newBuilder().build();
        };
    }
}
