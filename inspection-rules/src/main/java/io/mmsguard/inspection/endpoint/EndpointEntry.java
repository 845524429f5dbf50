package io.mmsguard.inspection.endpoint;

import io.mmsguard.inspection.scan.PatternType;

/** One endpoint list entry; mirrors the Avro {@code EndpointEntry}. */
public record EndpointEntry(String pattern, PatternType patternType, EndpointAction action, boolean log,
                            boolean archive, boolean enabled) {

    public EndpointEntry(String pattern, PatternType patternType, EndpointAction action) {
        this(pattern, patternType, action, true, false, true);
    }
}
