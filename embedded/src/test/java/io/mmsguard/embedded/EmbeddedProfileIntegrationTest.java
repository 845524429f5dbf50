package io.mmsguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.mmsguard.avro.ArchiveMode;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.deploy.MmsguardMain;
import io.mmsguard.deploy.cli.ConfigDocument;
import io.mmsguard.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code mmsguard up} and an operator's demo profile: the operator's {@code config apply} (a flood limit of 20 per
 * 5 minutes, archive FULL) survives a restart of the embedded stack; {@code up --demo} resets it to the stock profile
 * as a new version that {@code config history} shows.
 */
class EmbeddedProfileIntegrationTest {

    /** stdout and exit code of one {@code mmsguard} command line. */
    private record Run(int exit, String out, String err) {
    }

    private static Run mmsguard(EmbeddedStack stack, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MmsguardMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void anOperatorsDemoProfileSurvivesARestartAndUpDemoResetsItAsANewVersion(@TempDir Path data) throws Exception {
        EmbeddedStack.Settings settings = new EmbeddedStack.Settings(data, FreePorts.next(), FreePorts.next(),
                FreePorts.next());
        EmbeddedServices.Ports ports = new EmbeddedServices.Ports(0, 0, 0, 0, 0, 0, 0, FreePorts.next());
        String stock;
        try (EmbeddedStack stack = EmbeddedStack.start(settings);
             EmbeddedServices services = EmbeddedServices.start(stack, data, ports,
                     Optional.of(DemoProfile.Publish.IF_ABSENT))) {
            assertThat(services.profileNote()).isEqualTo("Profile demo: stock demo profile published as version 1");
            assertThat(services.awaitRunning(Duration.ofMinutes(2))).isTrue();
            stock = mmsguard(stack, "config", "get", "--profile", "demo").out();
            MmsProfile operators = DemoProfile.profile(services.mmsc().noticesUri());
            operators.getMm1().getFlood().get(0).setLimit(20);
            operators.getMm1().getFlood().get(0).setWindowMinutes(5);
            operators.getMm1().setArchive(ArchiveMode.FULL);
            Path file = Files.writeString(data.resolve("demo.yaml"), ConfigDocument.write(List.of(operators), List.of()));

            Run apply = mmsguard(stack, "config", "apply", "--author", "operator", file.toString());

            assertThat(apply.exit()).as(apply.err()).isZero();
            assertThat(apply.out()).contains("profile demo: version 2 -> mms.profiles (changed mm1.archive, mm1.flood[0].windowMinutes,"
                    + " mm1.flood[0].limit)", "profile demo version 2: in force on inspection instance");
        }

        try (EmbeddedStack again = EmbeddedStack.start(settings)) {
            try (EmbeddedServices services = EmbeddedServices.start(again, data, ports,
                    Optional.of(DemoProfile.Publish.IF_ABSENT))) {
                assertThat(services.profileNote()).isEqualTo("Profile demo: version 2 kept, as operator left it"
                        + " (mmsguard up --demo resets it to the stock profile)");
                String kept = mmsguard(again, "config", "get", "--profile", "demo").out();
                assertThat(kept).contains("windowMinutes: 5", "limit: 20", "archive: FULL");
            }
            try (EmbeddedServices demo = EmbeddedServices.start(again, data, ports,
                    Optional.of(DemoProfile.Publish.RESET))) {
                assertThat(demo.profileNote()).isEqualTo("Profile demo: reset to the stock demo profile as version 3"
                        + " (author mmsguard up --demo; config history --profile demo shows the earlier versions)");
                assertThat(mmsguard(again, "config", "get", "--profile", "demo").out()).isEqualTo(stock);
                Run history = mmsguard(again, "config", "history", "--profile", "demo");
                assertThat(history.out().lines().skip(1).toList()).satisfiesExactly(
                        v1 -> assertThat(v1).matches("profile +demo +1 .* mmsguard up +added"),
                        v2 -> assertThat(v2).matches("profile +demo +2 .* operator +changed .*"),
                        v3 -> assertThat(v3).matches("profile +demo +3 .* mmsguard up --demo +reset to the stock"
                                + " demo profile"));
            }
        }
    }
}
