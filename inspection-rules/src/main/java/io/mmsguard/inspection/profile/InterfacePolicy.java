package io.mmsguard.inspection.profile;

import io.mmsguard.avro.ArchiveMode;
import io.mmsguard.avro.Direction;
import io.mmsguard.avro.MmsInterface;
import io.mmsguard.inspection.threshold.Threshold;
import java.util.List;
import java.util.Objects;

/**
 * What the topology applies to one interface for mass-MMS checks, plus the flags every stage reads.
 *
 * @param failOpen          forward unscanned when no decision arrives in time (gateway side)
 * @param monitorOnly       scanner findings are logged, archived and alerted but do not block (FortiOS avmonitor);
 *                          it does not soften flood or duplicate blocks, which have their own action sets
 * @param archive           DLP archive of every inspected message of this interface
 * @param flood             thresholds per sender, threshold 1 first; empty except on MM1 and MM4
 * @param duplicate         thresholds per checksum, threshold 1 first; empty except on MM1 and MM4
 * @param retrieveDuplicate count MM1 retrievals in the duplicate check (FortiOS mm1-retr-dupe, off by default)
 * @param similar           similar-content thresholds per fingerprint band, threshold 1 first; empty except on MM1
 *                          and MM4 (docs/architecture.md, "Similar content")
 */
public record InterfacePolicy(MmsInterface mmsInterface, boolean failOpen, boolean monitorOnly, ArchiveMode archive,
                              List<Threshold> flood, List<Threshold> duplicate, boolean retrieveDuplicate,
                              List<Threshold> similar) {

    public InterfacePolicy {
        Objects.requireNonNull(mmsInterface, "mmsInterface");
        Objects.requireNonNull(archive, "archive");
        flood = List.copyOf(flood);
        duplicate = List.copyOf(duplicate);
        similar = List.copyOf(similar);
    }

    /** Without similar-content thresholds. */
    public InterfacePolicy(MmsInterface mmsInterface, boolean failOpen, boolean monitorOnly, ArchiveMode archive,
                           List<Threshold> flood, List<Threshold> duplicate, boolean retrieveDuplicate) {
        this(mmsInterface, failOpen, monitorOnly, archive, flood, duplicate, retrieveDuplicate, List.of());
    }

    /**
     * The flood thresholds for a message in this direction: SEND only, since a flood is what a sender sends
     * (a retrieval is the subscriber receiving, which FortiOS never restricts: "a blocked subscriber can still
     * receive").
     */
    public List<Threshold> floodThresholds(Direction direction) {
        return direction == Direction.SEND ? flood : List.of();
    }

    /** The duplicate thresholds for a message in this direction: SEND, and MM1 RETRIEVE when enabled. */
    public List<Threshold> duplicateThresholds(Direction direction) {
        if (direction == Direction.SEND
                || direction == Direction.RETRIEVE && mmsInterface == MmsInterface.MM1 && retrieveDuplicate) {
            return duplicate;
        }
        return List.of();
    }

    /**
     * The similar-content thresholds for a message in this direction: SEND only. A campaign is what senders send; a
     * retrieval is a subscriber fetching what was already counted when it was sent.
     */
    public List<Threshold> similarThresholds(Direction direction) {
        return direction == Direction.SEND ? similar : List.of();
    }

    public boolean hasEnabledFlood() {
        return flood.stream().anyMatch(Threshold::enabled);
    }

    public boolean hasEnabledDuplicate() {
        return duplicate.stream().anyMatch(Threshold::enabled);
    }

    /** Whether a message in this direction may be counted by a similar-content threshold. */
    public boolean hasEnabledSimilar(Direction direction) {
        return similarThresholds(direction).stream().anyMatch(Threshold::enabled);
    }
}
