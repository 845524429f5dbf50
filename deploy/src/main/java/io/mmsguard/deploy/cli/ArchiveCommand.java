package io.mmsguard.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mmsguard archive}: the archived and quarantined messages on mms.archive. */
@Command(name = "archive", mixinStandardHelpOptions = true,
        description = "Archived and quarantined messages with their verdicts (mms.archive).",
        subcommands = {ArchiveQueryCommand.class})
public final class ArchiveCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: query");
    }
}
