package io.mmsguard.inspection.backtest;

import java.util.Map;
import java.util.OptionalLong;

/**
 * The order in which the live duplicate stage counted the copies of a checksum, as recorded: the offset of each
 * copy's by-checksum record (InspectionLog {@code stage2Offset}). A replay counts the copies of a checksum in this
 * order when every copy has one, else in their mms.inbound append order. An ordering fact, never a verdict.
 */
@FunctionalInterface
public interface Stage2Order {
    Stage2Order NONE = session -> OptionalLong.empty();

    OptionalLong offset(String sessionId);

    static Stage2Order of(Map<String, Long> offsets) {
        return session -> {
            Long o = offsets.get(session);
            return o == null ? OptionalLong.empty() : OptionalLong.of(o);
        };
    }
}
