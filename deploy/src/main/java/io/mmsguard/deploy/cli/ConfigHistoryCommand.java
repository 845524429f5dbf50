package io.mmsguard.deploy.cli;

import java.util.List;

import io.mmsguard.avro.ConfigAuditRecord;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mmsguard config history}: every applied version from mms.config-audit. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {
            "Read mms.config-audit (every version config apply, config rollback and mmsguard up wrote; kept"
                + " TopicPlan.CONFIG_AUDIT_RETENTION, 400 days) and print one line per version, oldest first:"
                + " kind, name, version, when, who, and what changed. Without --profile or --endpoint-list every"
                + " record's versions are printed.",
            "",
            "With --show N (and --profile or --endpoint-list) print version N's content as YAML in the format"
                + " config get prints and config apply reads."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, "1:no such version, or the record has no history", ExitCodes.USAGE_LINE,
            ExitCodes.UNREACHABLE_LINE})
public final class ConfigHistoryCommand extends CliCommand {
    private static final String ROW = "%-13s %-20s %7s  %-24s %-20s %s";

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ConfigTarget target;

    @Option(names = "--show", paramLabel = "N", description = "Print version N's content as YAML.")
    Long show;

    @Mixin
    ConfigSource source;

    @Override
    protected int execute() {
        if (show != null && target == null) {
            throw usage("--show needs --profile or --endpoint-list");
        }
        Connection c = source.connect();
        List<ConfigAuditRecord> versions = ConfigAuditLog.read(c, source.audit, ConfigTarget.kind(target),
                ConfigTarget.name(target));
        if (versions.isEmpty()) {
            err().println("mmsguard: no versions" + (target == null ? "" : " of " + ConfigRecords.label(target.kind())
                    + " " + target.name()) + " on " + source.audit);
            return ExitCodes.FAILED;
        }
        if (show != null) {
            return show(versions, show);
        }
        out().println(String.format(ROW, "KIND", "NAME", "VERSION", "APPLIED AT", "AUTHOR", "SUMMARY").stripTrailing());
        for (ConfigAuditRecord v : versions) {
            out().println(String.format(ROW, ConfigRecords.label(v.getKind()), v.getName(), v.getVersion(),
                    v.getAppliedAt(), v.getAuthor(), v.getSummary()).stripTrailing());
        }
        return ExitCodes.OK;
    }

    private int show(List<ConfigAuditRecord> versions, long n) {
        ConfigAuditRecord v = find(versions, n);
        if (v == null) {
            err().println("mmsguard: " + ConfigRecords.label(target.kind()) + " " + target.name() + " has no version "
                    + n + " on " + source.audit + " (versions: "
                    + versions.stream().map(x -> Long.toString(x.getVersion())).toList() + ")");
            return ExitCodes.FAILED;
        }
        out().print(ConfigAuditLog.yaml(v));
        return ExitCodes.OK;
    }

    /** Version {@code n} of the versions of one record; null when absent. */
    static ConfigAuditRecord find(List<ConfigAuditRecord> versions, long n) {
        return versions.stream().filter(v -> v.getVersion() == n).reduce((first, later) -> later).orElse(null);
    }
}
