package io.mmsguard.deploy.cli;

import java.time.Duration;
import java.util.List;

import io.mmsguard.inspection.service.InspectionConfig;
import io.mmsguard.inspection.service.InspectionService;

import picocli.CommandLine.Command;

/** {@code mmsguard streams}: the inspection service (Kafka Streams topology) alone. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = {"Run the inspection service alone: the Kafka Streams topology that judges every message, and"
                + " its admin HTTP server (/metrics, /health/live, /health/ready, /state/...). Kafka and the schema"
                + " registry are probed first (describeCluster; GET /subjects). Runs until SIGTERM or Ctrl-C, then"
                + " commits and leaves the group."})
public final class StreamsCommand extends ServiceCommand<InspectionConfig> {
    /** Joining the group and restoring the stores can take long on a big state; only a log line depends on it. */
    private static final Duration READY_WITHIN = Duration.ofMinutes(10);

    public StreamsCommand() {
        super(new Configuration<>("Inspection service", InspectionConfig.KEYS, InspectionConfig::from,
                InspectionConfig::kafka, InspectionConfig::serde));
    }

    @Override
    Running start(InspectionConfig config) throws Exception {
        InspectionService service = InspectionService.start(config);
        return new Running(service, service.httpPort(), List.of(String.format(
                "inspection %s: admin HTTP on %s:%d (/metrics, /health/ready, /state/...)", config.applicationId(),
                config.httpHost(), service.httpPort())), () -> service.awaitRunning(READY_WITHIN));
    }
}
