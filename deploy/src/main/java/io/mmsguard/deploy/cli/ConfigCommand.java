package io.mmsguard.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mmsguard config}: the profiles and endpoint lists on their compacted topics, as a YAML file. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Profiles and endpoint lists as a YAML file: apply it to mms.profiles and mms.endpoint-lists,"
                + " get what is in force, diff a file against it. The format is in docs/configuration.md.",
        subcommands = {ConfigApplyCommand.class, ConfigGetCommand.class, ConfigDiffCommand.class,
            ConfigHistoryCommand.class, ConfigRollbackCommand.class})
public final class ConfigCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: apply, get, diff, history or rollback");
    }
}
