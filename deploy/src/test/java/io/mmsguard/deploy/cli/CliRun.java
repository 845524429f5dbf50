package io.mmsguard.deploy.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import io.mmsguard.deploy.MmsguardMain;
import picocli.CommandLine;

/** One {@code mmsguard} invocation through the real command line, with its output captured. */
final class CliRun {
    final CommandLine cli = MmsguardMain.commandLine();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    CliRun() {
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
    }

    int execute(String... args) {
        return cli.execute(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
