package io.mmsguard.deploy.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code mmsguard config diff FILE}: what {@code config apply FILE} would change, field by field. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {
            "Compare the profiles and endpoint lists of FILE with those in force and print, per record of FILE:"
                + " added (not on the topic), changed (each field path with old -> new) or unchanged, then a"
                + " summary. Records on the topic that FILE does not name are not compared, because apply never"
                + " deletes them."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:FILE is identical to what is in force",
            "1:there are differences, or FILE has YAML problems (printed as FILE:LINE: path: reason)",
            ExitCodes.USAGE_LINE, ExitCodes.UNREACHABLE_LINE})
public final class ConfigDiffCommand extends CliCommand {

    @Parameters(paramLabel = "FILE", description = "The YAML file (profiles: and endpointLists:).")
    Path file;

    @Mixin
    ConfigSource source;

    @Override
    protected int execute() {
        ConfigDocument doc = ConfigFile.read(file);
        if (!doc.problems().isEmpty()) {
            ConfigFile.report(file, doc.problems(), err());
            return ExitCodes.FAILED;
        }
        Connection c = source.connect();
        CurrentConfig current = CurrentConfig.read(c, source);
        List<ConfigChanges.RecordChange<?>> all = new ArrayList<>();
        all.addAll(ConfigChanges.compare("endpoint list", doc.endpointLists(), current.endpointLists()));
        all.addAll(ConfigChanges.compare("profile", doc.profiles(), current.profiles()));
        int[] counts = new int[ConfigChanges.Status.values().length];
        for (ConfigChanges.RecordChange<?> ch : all) {
            counts[ch.status().ordinal()]++;
            out().println(ch.describe());
            ch.changes().forEach(change -> out().println("  " + change));
        }
        out().printf("%d added, %d changed, %d unchanged%n", counts[ConfigChanges.Status.ADDED.ordinal()],
                counts[ConfigChanges.Status.CHANGED.ordinal()], counts[ConfigChanges.Status.UNCHANGED.ordinal()]);
        boolean identical = counts[ConfigChanges.Status.UNCHANGED.ordinal()] == all.size();
        return identical ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
