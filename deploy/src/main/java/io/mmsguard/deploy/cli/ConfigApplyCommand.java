package io.mmsguard.deploy.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.service.YamlProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mmsguard config apply FILE}: validate everything, then write what changed, or nothing. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {
            "Validate the profiles and endpoint lists of FILE and write each one that is new or changed: profiles to"
                + " mms.profiles, lists to mms.endpoint-lists, key = name, Confluent Avro format, acknowledged by"
                + " every in-sync replica. Records already equal on the topic are not written again; records on the"
                + " topic that FILE does not name are left alone (apply never deletes).",
            "",
            "Each record written is stamped (its audit field; one in FILE is ignored): version = the version on the"
                + " topic + 1 (1 when new), the author (--author, else $MMSGUARD_AUTHOR, else the OS user; printed),"
                + " the time and the changed field paths. The same stamped record goes to mms.config-audit (config"
                + " history). All records are written in one Kafka transaction (transactional id mmsguard-config):"
                + " if another apply changed one of them since it was read, nothing is written (exit 4).",
            "",
            "Then it waits until the inspection service reports each new version on mms.config-status: in force,"
                + " or rejected with the reason (exit 5; the previous version stays in force). --no-wait skips"
                + " this; no report within --wait exits 6.",
            "",
            "Checked first: YAML syntax, unknown fields, wrong types and ranges, missing required fields, names"
                + " defined twice, every rule the inspection service applies (ProfileValidator), and that every"
                + " endpoint list a profile names is in FILE or already on the topic. Each problem is printed as"
                + " FILE:LINE: path: reason and then nothing at all is written."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, "1:FILE has problems; nothing was written", ExitCodes.USAGE_LINE,
            ExitCodes.UNREACHABLE_LINE, ExitCodes.CONFLICT_LINE, ExitCodes.REJECTED_LINE, ExitCodes.NOT_CONFIRMED_LINE})
public final class ConfigApplyCommand extends CliCommand {

    @Parameters(paramLabel = "FILE", description = "The YAML file (profiles: and endpointLists:).")
    Path file;

    @Option(names = "--dry-run", description = "Validate and show what would be written, but write nothing.")
    boolean dryRun;

    @Mixin
    ConfigSource source;

    @Mixin
    WriteOptions write;

    @Override
    protected int execute() throws Exception {
        ConfigDocument doc = ConfigFile.read(file);
        if (!doc.problems().isEmpty()) {
            // The YAML is broken: report the rule violations of the records that did convert as well, but do not
            // ask Kafka about endpoint lists before the file can be read at all.
            return rejected(merge(doc.problems(), ConfigValidator.validate(doc, Optional.empty())));
        }
        Connection c = source.connect();
        CurrentConfig current = CurrentConfig.read(c, source);
        List<YamlProblem> problems = ConfigValidator.validate(doc, Optional.of(current.endpointLists().keySet()));
        if (!problems.isEmpty()) {
            return rejected(problems);
        }
        // Lists first: a profile naming a new list then never reaches the service before the list does.
        List<ConfigChanges.RecordChange<EndpointList>> lists =
                ConfigChanges.compare("endpoint list", doc.endpointLists(), current.endpointLists());
        List<ConfigChanges.RecordChange<MmsProfile>> profiles =
                ConfigChanges.compare("profile", doc.profiles(), current.profiles());
        if (dryRun) {
            lists.forEach(ch -> out().println(ch.describe()));
            profiles.forEach(ch -> out().println(ch.describe()));
            out().println("dry run: nothing written");
            return ExitCodes.OK;
        }
        List<ConfigTransaction.Planned<?>> planned = new ArrayList<>();
        for (ConfigChanges.RecordChange<?> ch : concat(lists, profiles)) {
            if (ch.status() == ConfigChanges.Status.UNCHANGED) {
                out().println(ch.describe());
            } else {
                planned.add(ch.planned());
            }
        }
        return ConfigWrite.run(c, source.names(), write, planned, out(), err());
    }

    private static List<ConfigChanges.RecordChange<?>> concat(List<? extends ConfigChanges.RecordChange<?>> a,
                                                             List<? extends ConfigChanges.RecordChange<?>> b) {
        List<ConfigChanges.RecordChange<?>> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private int rejected(List<YamlProblem> problems) {
        ConfigFile.report(file, problems, err());
        err().printf("%d problem(s) in %s; nothing written%n", problems.size(), file);
        return ExitCodes.FAILED;
    }

    private static List<YamlProblem> merge(List<YamlProblem> a, List<YamlProblem> b) {
        List<YamlProblem> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(Comparator.comparingInt(YamlProblem::line));
        return all;
    }
}
