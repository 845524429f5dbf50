package io.mmsguard.inspection.topology;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.mmsguard.avro.Alert;
import io.mmsguard.avro.ArchiveRecord;
import io.mmsguard.avro.Decision;
import io.mmsguard.avro.InspectionLog;

/**
 * Everything one message produces: the decision (none for an expired session: nobody waits for it) and the records
 * its actions ask for.
 */
public record Outputs(Optional<Decision> decision, Optional<InspectionLog> log, Optional<ArchiveRecord> archive,
               List<Alert> alerts) {

    public Outputs {
        Objects.requireNonNull(decision, "decision");
        alerts = List.copyOf(alerts);
    }
}
