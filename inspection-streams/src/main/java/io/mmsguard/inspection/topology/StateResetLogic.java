package io.mmsguard.inspection.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.mmsguard.avro.MmsInterface;
import io.mmsguard.avro.StateReset;
import io.mmsguard.avro.ThresholdKind;

/**
 * What an operator's {@link StateReset} does to a stage's threshold states, without Kafka: which records a stage
 * refuses, and which keys it clears. The reset processors and the backtest apply resets through this.
 */
public final class StateResetLogic {
    private static final List<MmsInterface> INTERFACES = Arrays.stream(MmsInterface.values())
            .filter(i -> i != MmsInterface.UNKNOWN).toList();

    private StateResetLogic() {
    }

    /**
     * Why the stage counting {@code kind} cannot apply the record, or null.
     *
     * @param shownKey how a key is written into the reason (a sender hashed for the log)
     */
    public static String problem(ThresholdKind kind, String recordKey, StateReset reset,
                                 java.util.function.UnaryOperator<String> shownKey) {
        if (reset == null) {
            return "no value (a tombstone)";
        }
        if (reset.getKind() != kind) {
            return "kind " + reset.getKind() + " in the " + kind.name().toLowerCase() + " stage (FLOOD or DUPLICATE;"
                    + " written by a newer client?)";
        }
        if (reset.getMmsInterface() == MmsInterface.UNKNOWN) {
            return "interface UNKNOWN (written by a newer client?)";
        }
        // The partition was chosen by the record key: another key's state is not in this task's store.
        if (recordKey == null || !recordKey.equals(reset.getKey())) {
            return "record key " + shownKey.apply(recordKey) + " is not the reset's key "
                    + shownKey.apply(reset.getKey());
        }
        return null;
    }

    /** Clears the reset's key on its interface, or on every interface; the interfaces that had state. */
    public static List<MmsInterface> clear(StateReset reset, ThresholdStateStore store) {
        List<MmsInterface> cleared = new ArrayList<>();
        for (MmsInterface i : reset.getMmsInterface() == null ? INTERFACES : List.of(reset.getMmsInterface())) {
            if (store.delete(StateKeys.of(i, reset.getKey()))) {
                cleared.add(i);
            }
        }
        return cleared;
    }
}
