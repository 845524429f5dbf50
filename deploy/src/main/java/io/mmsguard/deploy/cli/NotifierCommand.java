package io.mmsguard.deploy.cli;

import java.time.Clock;
import java.util.List;

import io.mmsguard.notifier.app.NotifierApp;
import io.mmsguard.notifier.app.NotifierConfig;

import picocli.CommandLine.Command;

/** {@code mmsguard notifier}: the notifier alone. */
@Command(name = "notifier", mixinStandardHelpOptions = true,
        description = {"Run the notifier alone: the aggregation of alerts into notices (Kafka Streams), their"
                + " delivery over MM1, MM3, MM4 or MM7, and its admin HTTP server (/metrics, /health/live,"
                + " /health/ready). Kafka and the schema registry are probed first (describeCluster;"
                + " GET /subjects). Runs until SIGTERM or Ctrl-C."})
public final class NotifierCommand extends ServiceCommand<NotifierConfig> {

    public NotifierCommand() {
        super(new Configuration<>("Notifier", NotifierConfig.KEYS, NotifierConfig::from, NotifierConfig::kafka,
                NotifierConfig::serde));
    }

    @Override
    Running start(NotifierConfig config) throws Exception {
        NotifierApp app = NotifierApp.start(config, Clock.systemUTC());
        return new Running(app, app.httpPort(), List.of(String.format(
                "notifier %s: admin HTTP on %s:%d (/metrics, /health/ready)", config.applicationId(),
                config.httpHost(), app.httpPort())), null);
    }
}
