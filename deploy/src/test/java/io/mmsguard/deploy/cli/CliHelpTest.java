package io.mmsguard.deploy.cli;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CliHelpTest {

    @Test
    void theTopLevelHelpListsTheServicesAndTheDataCommandsButNotUp() {
        Cli help = Cli.run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: mmsguard", "  config ", "  archive ", "  explain ", "  backtest ",
                "  send ",
                "  streams ", "  gateway ", "  notifier ").doesNotContain("  up ");
    }

    /** The service image's launcher: {@code up} lives in the embedded launcher (module embedded). */
    @Test
    void upSaysThatTheEmbeddedModeIsNotInThisLauncher() {
        Cli up = Cli.run("up", "--demo", "--kafka-port", "19092");
        assertThat(up.exit()).isEqualTo(2);
        assertThat(up.err()).contains("mmsguard up: the all-in-one embedded mode is not part of this launcher",
                "./mmsguard up");
        assertThat(Cli.run("up", "--help").exit()).isEqualTo(2);
    }

    @Test
    void noCommandIsAUsageErrorThatPointsToTheHelp() {
        Cli none = Cli.run();
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("a command is required (try: mmsguard --help)");
    }

    @Test
    void everyDataCommandDocumentsItsExitCodes() {
        for (String[] command : new String[][] {{"config", "apply"}, {"config", "get"}, {"config", "diff"},
            {"config", "history"}, {"config", "rollback"}, {"archive", "query"}, {"backtest"}}) {
            List<String> args = new java.util.ArrayList<>(List.of(command));
            args.add("--help");
            Cli help = Cli.run(args.toArray(String[]::new));
            assertThat(help.exit()).isZero();
            assertThat(help.out()).as(String.join(" ", command)).contains("Exit codes:", "  0   ", "  1   ",
                    "  2   usage error", "  3   Kafka or the schema registry could not be reached within 10s",
                    "--bootstrap-servers", "default: 127.0.0.1:19092", "http://127.0.0.1:18081/apis/ccompat/v7");
        }
        for (String write : List.of("apply", "rollback")) {
            assertThat(Cli.run("config", write, "--help").out()).as(write).contains(
                    "  4   conflict: a record changed since it was read", "  5   written, but the inspection service"
                            + " rejected a record", "  6   written, but no inspection instance reported", "--author",
                    "--wait", "Default: 30s", "--no-wait", "--audit-topic", "--status-topic");
        }
        assertThat(Cli.run("explain", "--help").out())
                .contains("2   usage error, or --profile names a profile that is not in force",
                        "3   the inspection service, Kafka or the schema registry could not be reached",
                        "http://127.0.0.1:18091", "--session", "--message-id", "--since", "How long it takes");
    }

    @Test
    void aGroupWithoutASubcommandOrABadOptionValueIsAUsageError() {
        Cli config = Cli.run("config");
        assertThat(config.exit()).isEqualTo(2);
        assertThat(config.err()).contains("a subcommand is required: apply, get, diff, history or rollback");
        Cli wait = Cli.run("config", "apply", "f.yaml", "--wait", "soon");
        assertThat(wait.exit()).isEqualTo(2);
        assertThat(wait.err()).contains("--wait", "\"soon\"");
        assertThat(Cli.run("config", "rollback", "--profile", "p").exit()).as("--to is required").isEqualTo(2);
        assertThat(Cli.run("config", "rollback", "--profile", "p", "--endpoint-list", "l", "--to", "1").exit())
                .as("one record at a time").isEqualTo(2);
        assertThat(Cli.run("config", "history", "--show", "1").exit()).as("--show needs a record").isEqualTo(2);
        assertThat(Cli.run("archive").exit()).isEqualTo(2);
        Cli since = Cli.run("archive", "query", "--since", "yesterday");
        assertThat(since.exit()).isEqualTo(2);
        assertThat(since.err()).contains("\"yesterday\" is not an ISO-8601 time");
        assertThat(Cli.run("explain", "+49", "--flood", "--duplicate").exit()).isEqualTo(2);
        for (String[] both : new String[][] {{}, {"+49", "--session", "s-1"}, {"--session", "s-1", "--message-id", "m"}}) {
            Cli explain = Cli.run(java.util.stream.Stream.concat(java.util.stream.Stream.of("explain"),
                    java.util.Arrays.stream(both)).toArray(String[]::new));
            assertThat(explain.exit()).isEqualTo(2);
            assertThat(explain.err()).contains("give exactly one of SENDER|CHECKSUM, --session ID or --message-id ID");
        }
        Cli explainSince = Cli.run("explain", "--session", "s-1", "--since", "yesterday");
        assertThat(explainSince.exit()).isEqualTo(2);
        assertThat(explainSince.err()).contains("\"yesterday\" is neither a time back from now (90m, 24h, 7d) nor an"
                + " ISO-8601 time");
    }

    @Test
    void aMissingConfigFileIsAUsageError() {
        Cli get = Cli.run("config", "get", "--config", "/nonexistent/service.yaml");
        assertThat(get.exit()).isEqualTo(2);
        assertThat(get.err()).isEqualTo("mmsguard: --config /nonexistent/service.yaml: no such readable file\n");
    }
}
