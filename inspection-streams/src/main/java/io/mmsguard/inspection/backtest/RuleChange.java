package io.mmsguard.inspection.backtest;

import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.StateReset;

/** Something that changed what the topology did from a moment on: a profile or list version, an operator's reset. */
public sealed interface RuleChange {

    /** When it took effect, in epoch milliseconds (the records after it see it). */
    long time();

    record Profile(long time, MmsProfile profile) implements RuleChange {
    }

    record List(long time, EndpointList list) implements RuleChange {
    }

    /** An operator's reset of a sender's flood state or a checksum's duplicate state (mms.state-resets). */
    record Reset(long time, StateReset reset) implements RuleChange {
    }
}
