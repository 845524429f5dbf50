package io.mmsguard.inspection.topology;

import io.mmsguard.avro.MmsInterface;

/**
 * Keys of the threshold stores: {@code <interface>|<sender or checksum>}. Thresholds are configured per interface,
 * so one sender's MM1 and MM4 traffic are counted apart (FortiOS keeps separate MM1 and MM4 flood settings). The
 * interface is a prefix so that the partition, chosen by the record key alone, is the same for every interface.
 */
public final class StateKeys {

    private StateKeys() {
    }

    public static String of(MmsInterface mmsInterface, String key) {
        return mmsInterface.name() + "|" + key;
    }
}
