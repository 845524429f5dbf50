package io.mmsguard.deploy.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;

/**
 * What applying a file would change, per record of the file: added (no record of that name on the topic), changed
 * (with the field changes) or unchanged. Records on the topic that the file does not name are not compared, because
 * apply never deletes: they stay as they are.
 */
final class ConfigChanges {

    enum Status { ADDED, CHANGED, UNCHANGED }

    /** One record of the file against the topic. */
    record RecordChange<T extends SpecificRecord>(String kind, String name, T value, Status status,
                                                   List<TreeDiff.Change> changes) {
        String describe() {
            return kind + " " + name + ": " + status.name().toLowerCase();
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
                out.add(new RecordChange<>(kind, name, wanted, Status.ADDED, List.of()));
                continue;
            }
            List<TreeDiff.Change> changes = TreeDiff.diff(AvroYaml.toTree(current, current.getSchema(), false),
                    AvroYaml.toTree(wanted, wanted.getSchema(), false));
            out.add(new RecordChange<>(kind, name, wanted, changes.isEmpty() ? Status.UNCHANGED : Status.CHANGED, changes));
        }
        return out;
    }
}
