package io.mmsguard.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mmsguard send}: the protocol clients; the work is in the subcommands. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Send one message to a gateway or MMSC over MM1, MM3, MM4 or MM7, as a handset, mail server,"
                + " peer MMSC or VASP would, and print the answer.",
            "",
            "Exit codes: 0 accepted, 1 refused (or an unreadable answer), 2 bad usage (e.g. an unreadable --attach"
                + " file), 3 the target could not be reached."},
        subcommands = {SendMm1Command.class, SendMm3Command.class, SendMm4Command.class, SendMm7Command.class})
public final class SendCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a protocol is required: mm1, mm3, mm4 or mm7");
    }
}
