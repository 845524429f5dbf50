package io.mmsguard.deploy;

import io.mmsguard.deploy.cli.ArchiveCommand;
import io.mmsguard.deploy.cli.ConfigCommand;
import io.mmsguard.deploy.cli.ExplainCommand;
import io.mmsguard.deploy.cli.GatewayCommand;
import io.mmsguard.deploy.cli.NotifierCommand;
import io.mmsguard.deploy.cli.SendCommand;
import io.mmsguard.deploy.cli.StreamsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mmsguard} command. */
@Command(name = "mmsguard", mixinStandardHelpOptions = true, versionProvider = MmsguardMain.Version.class,
        description = "Carrier-grade MMS inspection on Kafka Streams.",
        subcommands = {UpCommand.class, ConfigCommand.class, ArchiveCommand.class, ExplainCommand.class,
            SendCommand.class, StreamsCommand.class, GatewayCommand.class, NotifierCommand.class,
            CommandLine.HelpCommand.class})
public final class MmsguardMain implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Before picocli builds the command model: subcommand classes create loggers, and SimpleLogger reads its
        // configuration when the first one is created.
        UpCommand.logToFileUnlessAskedOtherwise(args);
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new MmsguardMain());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try: mmsguard up --demo)");
    }

    /** The version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = MmsguardMain.class.getPackage().getImplementationVersion();
            return new String[] {"mmsguard " + (v == null ? "development" : v)};
        }
    }
}
