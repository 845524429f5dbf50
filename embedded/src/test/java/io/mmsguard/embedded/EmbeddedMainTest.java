package io.mmsguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;

import io.mmsguard.deploy.MmsguardMain;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The launcher of ./mmsguard: the image's command tree with {@code up} in it. */
class EmbeddedMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = EmbeddedMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpListsUpFirstAndEveryCommandOfTheImagesLauncher() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: mmsguard", "  up ");
        assertThat(EmbeddedMain.commandLine().getSubcommands().keySet()).first().isEqualTo("up");
        assertThat(EmbeddedMain.commandLine().getSubcommands().keySet()).containsAll(
                MmsguardMain.commandLine().getSubcommands().keySet());
        assertThat(run("up", "--help")).isZero();
        assertThat(out.toString()).contains("--demo", "--data-dir", "--kafka-port", "--registry-port",
                "--inspection-port", "--mm1-port", "default: 19092", "18091");
    }

    @Test
    void noCommandIsAUsageErrorThatSuggestsTheDemo() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("a command is required (try: mmsguard up --demo)");
    }

    @Test
    void aBusyPortIsReportedWithTheOptionThatMovesIt() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(run("up", "--demo", "--kafka-port", Integer.toString(busy.getLocalPort()))).isEqualTo(2);
        }
        assertThat(err.toString()).contains("already in use").contains("--kafka-port");
    }
}
