package io.mmsguard.deploy.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import io.mmsguard.deploy.MmsguardMain;
import picocli.CommandLine;

/** Runs one {@code mmsguard} command line as main would and keeps its exit code, stdout and stderr. */
record Cli(int exit, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MmsguardMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }
}
