package io.mmsguard.deploy.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The settings of a real inspection service on a test's own topics, for the CLI tests that need one. */
final class InspectionSettings {
    /** Every topic the service reads or writes, as its {@code topics.<name>} keys name them. */
    static final List<String> TOPICS = List.of("inbound", "decisions", "profiles", "endpoint-lists", "archive",
            "alerts", "inspection-log", "state-resets");

    private InspectionSettings() {
    }

    /** Loopback admin HTTP on a free port; {@code topic} gives each topic's name from its key's name. */
    static Map<String, String> of(String bootstrap, String registryUrl, String applicationId, Path stateDir,
                                  UnaryOperator<String> topic) {
        Map<String, String> s = new HashMap<>();
        s.put("kafka.bootstrap.servers", bootstrap);
        s.put("kafka.replication.factor", "1");
        s.put("serde.schema.registry.url", registryUrl);
        s.put("inspection.application-id", applicationId);
        s.put("inspection.state-dir", stateDir.toString());
        s.put("inspection.http-host", "127.0.0.1");
        s.put("inspection.http-port", "0");
        for (String t : TOPICS) {
            s.put("topics." + t, topic.apply(t));
        }
        return s;
    }
}
