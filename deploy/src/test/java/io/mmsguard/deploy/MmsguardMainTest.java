package io.mmsguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The service image's launcher: every command but {@code up}, which lives in the embedded launcher. */
class MmsguardMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = MmsguardMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpListsTheServicesAndTheCliButNotUp() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: mmsguard", "  streams ", "  gateway ", "  notifier ",
                "  config ", "  send ").doesNotContain("  up ");
    }

    @Test
    void upSaysThatTheEmbeddedModeIsNotInThisLauncher() {
        assertThat(run("up", "--demo", "--kafka-port", "19092")).isEqualTo(2);
        assertThat(err.toString()).contains("mmsguard up: the all-in-one embedded mode is not part of this launcher",
                "./mmsguard up");
        assertThat(run("up", "--help")).isEqualTo(2);
    }

    @Test
    void noCommandIsAUsageErrorThatPointsToTheHelp() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("a command is required (try: mmsguard --help)");
    }
}
