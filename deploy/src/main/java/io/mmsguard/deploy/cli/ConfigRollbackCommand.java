package io.mmsguard.deploy.cli;

import java.util.List;
import java.util.Optional;

import io.mmsguard.avro.ConfigAuditRecord;
import io.mmsguard.service.YamlProblem;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mmsguard config rollback}: an earlier version's content as the next version. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {
            "Write the content of version N of a profile or endpoint list (from mms.config-audit) as a new version:"
                + " the version in force + 1, summary \"rollback to N\". It goes through what config apply does:"
                + " the same validation (against the endpoint lists in force now), the same audit stamp and"
                + " transaction (exit 4 when another apply changed the record meanwhile), and the same wait for the"
                + " inspection service. When the record in force already has that content, nothing is written."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, "1:no such version, or it is not valid now; nothing was written",
            ExitCodes.USAGE_LINE, ExitCodes.UNREACHABLE_LINE, ExitCodes.CONFLICT_LINE, ExitCodes.REJECTED_LINE,
            ExitCodes.NOT_CONFIRMED_LINE})
public final class ConfigRollbackCommand extends CliCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    ConfigTarget target;

    @Option(names = "--to", paramLabel = "N", required = true, description = "The version to go back to.")
    long to;

    @Mixin
    ConfigSource source;

    @Mixin
    WriteOptions write;

    @Override
    protected int execute() {
        Connection c = source.connect();
        List<ConfigAuditRecord> versions = ConfigAuditLog.read(c, source.audit, Optional.of(target.kind()),
                Optional.of(target.name()));
        ConfigAuditRecord version = ConfigHistoryCommand.find(versions, to);
        String what = ConfigRecords.label(target.kind()) + " " + target.name();
        if (version == null) {
            err().println("mmsguard: " + what + " has no version " + to + " on " + source.audit);
            return ExitCodes.FAILED;
        }
        // Through the file format, so that version N passes exactly the checks a file with it would.
        ConfigDocument doc = ConfigDocument.parse(ConfigAuditLog.yaml(version));
        CurrentConfig current = CurrentConfig.read(c, source);
        List<YamlProblem> problems = doc.problems().isEmpty()
                ? ConfigValidator.validate(doc, Optional.of(current.endpointLists().keySet())) : doc.problems();
        if (!problems.isEmpty()) {
            problems.forEach(p -> err().println("mmsguard: version " + to + ": " + p.path() + ": " + p.reason()));
            err().printf("%s version %d is not valid now; nothing written%n", what, to);
            return ExitCodes.FAILED;
        }
        List<? extends ConfigChanges.RecordChange<?>> changes = version.getProfile() != null
                ? ConfigChanges.compare("profile", doc.profiles(), current.profiles())
                : ConfigChanges.compare("endpoint list", doc.endpointLists(), current.endpointLists());
        ConfigChanges.RecordChange<?> change = changes.get(0);
        if (change.status() == ConfigChanges.Status.UNCHANGED) {
            out().printf("%s is already the content of version %d; nothing written%n", what, to);
            return ExitCodes.OK;
        }
        return ConfigWrite.run(c, source.names(), write, List.of(change.planned("rollback to " + to)), out(), err());
    }
}
