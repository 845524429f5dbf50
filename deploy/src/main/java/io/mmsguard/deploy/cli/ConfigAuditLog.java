package io.mmsguard.deploy.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.mmsguard.avro.ConfigAuditRecord;
import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.Topic;

/** The applied versions on mms.config-audit (committed only), of one record or of all, oldest first. */
final class ConfigAuditLog {
    private ConfigAuditLog() {
    }

    /** Every version on the topic; {@code kind} and {@code name} empty for all records. */
    static List<ConfigAuditRecord> read(Connection connection, String topicName, Optional<String> kind,
                                        Optional<String> name) {
        Topic<String, ConfigAuditRecord> topic = connection.topic(Contracts.CONFIG_AUDIT, topicName);
        List<ConfigAuditRecord> out = new ArrayList<>();
        CompactedTopic.readToEnd(connection, topic, r -> {
            ConfigAuditRecord v = r.value();
            if (v != null && kind.map(v.getKind()::equals).orElse(true) && name.map(v.getName()::equals).orElse(true)) {
                out.add(v);
            }
        });
        out.sort(Comparator.comparing(ConfigAuditRecord::getAppliedAt).thenComparing(ConfigAuditRecord::getKind)
                .thenComparing(ConfigAuditRecord::getName).thenComparingLong(ConfigAuditRecord::getVersion));
        return out;
    }

    /** That version's content in the file format ({@link ConfigDocument#write}): what history shows, rollback reads. */
    static String yaml(ConfigAuditRecord version) {
        return version.getProfile() != null
                ? ConfigDocument.write(List.of(version.getProfile()), List.<EndpointList>of())
                : ConfigDocument.write(List.<MmsProfile>of(), List.of(version.getEndpointList()));
    }
}
