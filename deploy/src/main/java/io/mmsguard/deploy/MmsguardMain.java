package io.mmsguard.deploy;

import io.mmsguard.deploy.cli.AclCommand;
import io.mmsguard.deploy.cli.ArchiveCommand;
import io.mmsguard.deploy.cli.BacktestCommand;
import io.mmsguard.deploy.cli.ConfigCommand;
import io.mmsguard.deploy.cli.ExplainCommand;
import io.mmsguard.deploy.cli.SchemasCommand;
import io.mmsguard.deploy.cli.GatewayCommand;
import io.mmsguard.deploy.cli.NotifierCommand;
import io.mmsguard.deploy.cli.ResetCommand;
import io.mmsguard.deploy.cli.ShadowCommand;
import io.mmsguard.deploy.cli.SendCommand;
import io.mmsguard.deploy.cli.StreamsCommand;
import io.mmsguard.deploy.cli.TopCommand;
import java.util.List;

import io.mmsguard.service.log.LogFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mmsguard} command. The service image runs this launcher; the repository's {@code ./mmsguard} runs the
 * embedded launcher (module embedded), which adds {@code up} to the same command tree.
 */
@Command(name = "mmsguard", mixinStandardHelpOptions = true, versionProvider = MmsguardMain.Version.class,
        description = "Carrier-grade MMS inspection on Kafka Streams.")
public final class MmsguardMain implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        LogFormat.early(System.getenv());
        System.exit(commandLine().execute(args));
    }

    /** The service image's command tree: {@code up} only says where the embedded mode is. */
    public static CommandLine commandLine() {
        return commandLine(new UpNotInThisLauncher());
    }

    /**
     * The command tree of every launcher, with {@code up} first: the embedded mode's command, or the hidden
     * {@link UpNotInThisLauncher} where the embedded mode is not on the class path.
     */
    public static CommandLine commandLine(Object up) {
        CommandLine cli = new CommandLine(new MmsguardMain());
        cli.addSubcommand(up);
        for (Class<?> command : List.of(ConfigCommand.class, ArchiveCommand.class, AclCommand.class, SchemasCommand.class,
                ExplainCommand.class, TopCommand.class, ResetCommand.class, BacktestCommand.class,
                ShadowCommand.class,
                SendCommand.class, StreamsCommand.class, GatewayCommand.class, NotifierCommand.class,
                CommandLine.HelpCommand.class)) {
            cli.addSubcommand(command);
        }
        return cli;
    }

    @Override
    public void run() {
        boolean up = !spec.subcommands().get("up").getCommandSpec().usageMessage().hidden();
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required (try: " + (up ? "mmsguard up --demo" : "mmsguard --help") + ")");
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
