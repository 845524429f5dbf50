package io.mmsguard.deploy.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;

/**
 * The end of apply and rollback: write the planned versions ({@link ConfigTransaction}), print them, then wait for
 * the inspection service's verdict ({@link ConfigStatusWait}) unless told not to.
 */
final class ConfigWrite {

    private ConfigWrite() {
    }

    /** @return the command's exit code */
    static int run(Connection connection, ConfigTopicNames topics, WriteOptions options,
                   List<? extends ConfigTransaction.Planned<?>> planned, PrintWriter out, PrintWriter err) {
        if (planned.isEmpty()) {
            out.println("0 record(s) written");
            return ExitCodes.OK;
        }
        Author author = options.author();
        out.println(author.describe());
        List<ConfigTransaction.Applied> applied =
                new ConfigTransaction(connection, topics, author, Clock.systemUTC()).write(planned);
        applied.forEach(a -> out.println(a.describe()));
        out.printf("%d record(s) written%n", applied.size());
        if (applied.isEmpty() || options.noWait) {
            return ExitCodes.OK;
        }
        out.printf("waiting up to %s for the inspection service (%s) ...%n", human(options.waitFor), topics.status());
        out.flush();
        List<ConfigStatusWait.Outcome> outcomes =
                ConfigStatusWait.await(connection, topics.status(), applied, options.waitFor);
        int exit = ExitCodes.OK;
        for (ConfigStatusWait.Outcome o : outcomes) {
            if (o.rejected()) {
                err.println("mmsguard: " + o.describe() + "; the previous version stays in force");
                exit = ExitCodes.REJECTED;
            } else if (o.status().isEmpty()) {
                err.println("mmsguard: " + o.describe() + " within " + human(options.waitFor)
                        + " (written; is the inspection service running?)");
                exit = exit == ExitCodes.OK ? ExitCodes.NOT_CONFIRMED : exit;
            } else {
                out.println(o.describe());
            }
        }
        return exit;
    }

    private static String human(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
