package io.mmsguard.deploy.cli;

import java.util.regex.Pattern;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mmsguard explain SENDER|CHECKSUM}: why a sender or a content is (or is not) being throttled right now. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {
            "Ask the inspection service how the flood thresholds see a sender, or the duplicate thresholds a message"
                + " checksum: the count per enabled threshold in its window, whether it is flagged, whether it is"
                + " blocked and until when. An argument of 64 hex digits is taken as a checksum (the checksum field of"
                + " an archive record), anything else as a sender; --flood or --duplicate forces the choice."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE,
            "1:the inspection service answered with an error (e.g. not ready, or 401: the token is missing or wrong)",
            ExitCodes.USAGE_LINE, "3:the inspection service could not be reached within 10s"})
public final class ExplainCommand extends CliCommand {
    private static final Pattern CHECKSUM = Pattern.compile("[0-9a-fA-F]{64}");

    @Parameters(paramLabel = "SENDER|CHECKSUM", description = "A normalised sender (+4917012345) or a message checksum.")
    String key;

    @Option(names = "--interface", defaultValue = "MM1", description = "MM1, MM3, MM4 or MM7 (default: ${DEFAULT-VALUE}).")
    String mmsInterface;

    @Option(names = "--profile", paramLabel = "NAME", description = "The profile whose thresholds apply (default: the service's default profile).")
    String profile;

    @Mixin
    InspectionOptions inspection;

    @Option(names = "--json", description = "Print the service's JSON answer as it came.")
    boolean json;

    @ArgGroup(exclusive = true)
    Kind kind = new Kind();

    static final class Kind {
        @Option(names = "--flood", description = "Treat the argument as a sender (flood thresholds).")
        boolean flood;

        @Option(names = "--duplicate", description = "Treat the argument as a checksum (duplicate thresholds).")
        boolean duplicate;
    }

    @Override
    protected int execute() {
        StateClient.Kind which = kind.flood ? StateClient.Kind.FLOOD
                : kind.duplicate || CHECKSUM.matcher(key).matches() ? StateClient.Kind.DUPLICATE : StateClient.Kind.FLOOD;
        // The duplicate store keys checksums in lower case, as ContentChecksum writes them.
        String asked = which == StateClient.Kind.DUPLICATE ? key.toLowerCase(java.util.Locale.ROOT) : key;
        StateClient.Answer answer = inspection.client().query(which, mmsInterface, asked, profile);
        out().print(json ? answer.body() : StateTable.render(answer.json()));
        return ExitCodes.OK;
    }
}
