package io.mmsguard.embedded;

import io.mmsguard.deploy.MmsguardMain;
import io.mmsguard.service.log.LogFormat;
import picocli.CommandLine;

/**
 * The launcher that the repository's {@code ./mmsguard} runs: the service image's command tree
 * ({@link MmsguardMain}) with {@code mmsguard up}, the all-in-one embedded mode, which needs the broker and the
 * registry launcher of test-kit and so is kept out of the image.
 */
public final class EmbeddedMain {
    private EmbeddedMain() {
    }

    public static void main(String[] args) {
        // Before picocli builds the command model: subcommand classes create loggers, and Log4j reads its
        // configuration when the first one is created.
        UpCommand.logToFileUnlessAskedOtherwise(args);
        LogFormat.early(System.getenv());
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return MmsguardMain.commandLine(new UpCommand());
    }
}
