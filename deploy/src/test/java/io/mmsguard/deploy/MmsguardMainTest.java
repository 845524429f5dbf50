package io.mmsguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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
    void helpListsTheUpCommandAndItsOptions() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("up").contains("Usage: mmsguard");
        assertThat(run("up", "--help")).isZero();
        assertThat(out.toString()).contains("--demo", "--data-dir", "--kafka-port", "--registry-port", "--inspection-port", "--mm1-port",
                "default: 19092", "18091");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("a command is required");
    }

    @Test
    void aBusyPortIsReportedWithTheOptionThatMovesIt() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(run("up", "--demo", "--kafka-port", Integer.toString(busy.getLocalPort()))).isEqualTo(2);
        }
        assertThat(err.toString()).contains("already in use").contains("--kafka-port");
    }
}
