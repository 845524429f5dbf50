package io.mmsguard.deploy.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine;

/**
 * Base of the data commands: turns a {@link CliException} into one line on stderr and its exit code, so that an
 * operator never sees a stack trace for an unreachable broker or a missing topic.
 */
abstract class CliCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        try {
            return execute();
        } catch (CliException e) {
            err().println("mmsguard: " + e.getMessage());
            err().flush();
            return e.exitCode();
        } finally {
            out().flush();
            err().flush();
        }
    }

    protected abstract int execute() throws Exception;

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A bad option value found after parsing: exit 2 with the usage hint, as picocli does for its own checks. */
    protected CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
