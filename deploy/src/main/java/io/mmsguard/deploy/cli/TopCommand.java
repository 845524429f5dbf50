package io.mmsguard.deploy.cli;

import java.util.Locale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mmsguard top flood|duplicate}: the senders or contents the thresholds count most right now. */
@Command(name = "top", mixinStandardHelpOptions = true,
        description = {
            "List the senders with the highest flood counts (top flood) or the message checksums with the highest"
                + " duplicate counts (top duplicate) on one interface, across every inspection instance: the count"
                + " per enabled threshold of the profile (window, limit), whether the key is flagged or blocked, and"
                + " when its block ends. Highest count first; at equal counts blocked keys first.",
            "",
            "The instance asked collects every instance's own top N; if one does not answer, the list is printed"
                + " with a line naming it (partial) and the exit code is 4."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE,
            "1:the inspection service answered with an error (e.g. 401: the token is missing or wrong)",
            ExitCodes.USAGE_LINE, "3:the inspection service could not be reached within 10s",
            "4:partial: an instance did not answer or its store was not queryable (rebalancing)"})
public final class TopCommand extends CliCommand {
    static final int PARTIAL = 4;

    @Parameters(paramLabel = "flood|duplicate", description = "flood: senders; duplicate: message checksums.")
    String kind;

    @Option(names = "--interface", defaultValue = "MM1", description = "MM1, MM3, MM4 or MM7 (default: ${DEFAULT-VALUE}).")
    String mmsInterface;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10",
            description = "How many keys, 1-1000 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "The profile whose thresholds the counts are shown against (default: the first profile in force with enabled thresholds of that kind on the interface; every profile judges the same count).")
    String profile;

    @Option(names = "--json", description = "Print the service's JSON answer as it came.")
    boolean json;

    @Mixin
    InspectionOptions inspection;

    @Override
    protected int execute() {
        StateClient.Kind which = switch (kind.toLowerCase(Locale.ROOT)) {
            case "flood" -> StateClient.Kind.FLOOD;
            case "duplicate" -> StateClient.Kind.DUPLICATE;
            default -> throw usage("the first argument must be flood or duplicate, not " + kind);
        };
        if (limit < 1 || limit > 1000) {
            throw usage("--limit must be 1-1000, not " + limit);
        }
        StateClient.Answer answer = inspection.client().top(which, mmsInterface.toUpperCase(Locale.ROOT), limit,
                profile);
        out().print(json ? answer.body() : StateTable.renderTop(answer.json()));
        return answer.json().path("partial").asBoolean() ? PARTIAL : ExitCodes.OK;
    }
}
