package io.mmsguard.inspection.av;

import java.util.Objects;

/** A compiled {@code .ndb} line. */
public record BodySignature(String name, SignatureOffset offset, BodyPattern pattern) {
    public BodySignature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(pattern, "pattern");
    }
}
