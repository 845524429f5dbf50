package io.mmsguard.deploy;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mmsguard} command. */
@Command(name = "mmsguard", mixinStandardHelpOptions = true, versionProvider = MmsguardMain.Version.class,
        description = "Carrier-grade MMS inspection on Kafka Streams.",
        subcommands = {UpCommand.class, io.mmsguard.deploy.cli.ConfigCommand.class, io.mmsguard.deploy.cli.ArchiveCommand.class, io.mmsguard.deploy.cli.ExplainCommand.class, CommandLine.HelpCommand.class})
public final class MmsguardMain implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
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
