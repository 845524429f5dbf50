package io.mmsguard.deploy.cli;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.mmsguard.notifier.app.NotifierApp;
import io.mmsguard.notifier.app.NotifierConfig;
import io.mmsguard.service.Settings;

import picocli.CommandLine.Command;

/** {@code mmsguard notifier}: the notifier alone. */
@Command(name = "notifier", mixinStandardHelpOptions = true,
        description = {"Run the notifier alone: the aggregation of alerts into notices (Kafka Streams), their"
                + " delivery over MM1, MM3, MM4 or MM7, and its admin HTTP server (/metrics, /health/live,"
                + " /health/ready). Kafka and the schema registry are probed first (describeCluster;"
                + " GET /subjects). Runs until SIGTERM or Ctrl-C."})
public final class NotifierCommand extends ServiceCommand<NotifierConfig> {

    @Override
    String docSection() {
        return "Notifier";
    }

    @Override
    List<String> keys() {
        return NotifierConfig.KEYS;
    }

    @Override
    List<String> passThrough() {
        return NotifierConfig.PASS_THROUGH;
    }

    @Override
    NotifierConfig configure(Settings settings) {
        return NotifierConfig.from(settings);
    }

    @Override
    Map<String, String> kafka(NotifierConfig config) {
        return config.kafka();
    }

    @Override
    Map<String, String> serde(NotifierConfig config) {
        return config.serde();
    }

    @Override
    Running start(NotifierConfig config) throws Exception {
        NotifierApp app = NotifierApp.start(config, Clock.systemUTC());
        return new Running(app, app.httpPort(), List.of(String.format(
                "notifier %s: admin HTTP on %s:%d (/metrics, /health/ready)", config.applicationId(),
                config.httpHost(), app.httpPort())), null);
    }
}
