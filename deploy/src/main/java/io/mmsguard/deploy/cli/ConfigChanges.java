package io.mmsguard.deploy.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;

/**
 * What applying a file would change, per record of the file: added (no record of that name on the topic), changed
 * (with the field changes) or unchanged. Records on the topic that the file does not name are not compared, because
 * apply never deletes: they stay as they are. The {@code audit} stamp is not compared: apply sets it.
 */
final class ConfigChanges {

    enum Status { ADDED, CHANGED, UNCHANGED }

    /**
     * One record of the file against the topic.
     *
     * @param base the record on the topic that the change is based on (audit stamp included); empty when added
     */
    record RecordChange<T extends SpecificRecord>(String kind, String name, T value, Optional<T> base, Status status,
                                                   List<TreeDiff.Change> changes) {
        String describe() {
            return kind + " " + name + ": " + status.name().toLowerCase();
        }

        /** The audit's change summary: "added", or the changed field paths. */
        String summary() {
            return status == Status.ADDED ? "added"
                    : "changed " + String.join(", ", changes.stream().map(TreeDiff.Change::path).toList());
        }

        ConfigTransaction.Planned<T> planned() {
            return planned(summary());
        }

        /** Written with another summary than the changed paths ("rollback to N", "promoted shadow NAME"). */
        ConfigTransaction.Planned<T> planned(String summary) {
            return new ConfigTransaction.Planned<>(value, base, summary);
        }
    }

    private ConfigChanges() {
    }

    static <T extends SpecificRecord> List<RecordChange<T>> compare(String kind, List<ConfigDocument.Entry<T>> file,
                                                                   Map<String, T> topic) {
        List<RecordChange<T>> out = new ArrayList<>();
        for (ConfigDocument.Entry<T> e : file) {
            T wanted = e.value();
            String name = wanted.get(0).toString();
            T current = topic.get(name);
            if (current == null) {
                out.add(new RecordChange<>(kind, name, wanted, Optional.empty(), Status.ADDED, List.of()));
                continue;
            }
            // The audit stamp is not content: a file from `config get` (which leaves it out) is unchanged.
            List<TreeDiff.Change> changes = TreeDiff.diff(ConfigRecords.contentTree(current, false),
                    ConfigRecords.contentTree(wanted, false));
            out.add(new RecordChange<>(kind, name, wanted, Optional.of(current),
                    changes.isEmpty() ? Status.UNCHANGED : Status.CHANGED, changes));
        }
        return out;
    }
}
