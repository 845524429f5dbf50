package io.mmsguard.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mmsguard shadow}: what a shadow profile would have decided, and making it the live profile. */
@Command(name = "shadow", mixinStandardHelpOptions = true,
        description = "Shadow profiles (docs/operations.md, \"Shadow profiles\"): a live profile names a shadow per"
                + " interface (shadow: NAME); the inspection service judges each of its messages with the shadow too"
                + " and writes the would-be decision to mms.shadow-log, never enforcing it.",
        subcommands = {ShadowReportCommand.class, ShadowPromoteCommand.class})
public final class ShadowCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: report or promote");
    }
}
