package io.mmsguard.deploy.cli;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.service.YamlProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mmsguard shadow promote}: the shadow profile's content as the next version of the live profile. */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = {
            "Write the content of the shadow profile as the next version of the live profile --profile LIVE: its"
                + " name stays LIVE and every interface's shadow is cleared (the shadow has become live). It goes"
                + " through what config apply does: the same validation, the audit stamp with the summary \"promoted"
                + " shadow NAME\", one transaction (exit 4 when another apply changed LIVE meanwhile) and the wait for"
                + " the inspection service. Without --shadow the shadow LIVE names is promoted; it must name one"
                + " shadow on every interface that names any."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, "1:no such profile, no shadow to promote, or the result is not valid;"
                + " nothing was written", ExitCodes.USAGE_LINE, ExitCodes.UNREACHABLE_LINE, ExitCodes.CONFLICT_LINE,
            ExitCodes.REJECTED_LINE, ExitCodes.NOT_CONFIRMED_LINE})
public final class ShadowPromoteCommand extends CliCommand {

    @Option(names = "--profile", paramLabel = "LIVE", required = true, description = "The live profile.")
    String live;

    @Option(names = "--shadow", paramLabel = "NAME",
            description = "The profile to promote (default: the shadow LIVE names).")
    String shadow;

    @Mixin
    ConfigSource source;

    @Mixin
    WriteOptions write;

    @Override
    protected int execute() {
        Connection c = source.connect();
        CurrentConfig current = CurrentConfig.read(c, source);
        MmsProfile liveProfile = current.profiles().get(live);
        if (liveProfile == null) {
            throw new CliException(ExitCodes.FAILED, "no profile " + live + " on " + source.profiles);
        }
        String name = shadow != null ? shadow : namedShadow(liveProfile);
        MmsProfile shadowProfile = current.profiles().get(name);
        if (shadowProfile == null) {
            throw new CliException(ExitCodes.FAILED, "no shadow profile " + name + " on " + source.profiles);
        }
        // Through the file format, so that the promoted profile passes exactly the checks a file with it would.
        ConfigDocument doc = ConfigDocument.parse(ConfigDocument.write(List.of(promoted(shadowProfile, live)),
                List.of()));
        List<YamlProblem> problems = doc.problems().isEmpty()
                ? ConfigValidator.validate(doc, Optional.of(current.endpointLists().keySet())) : doc.problems();
        if (!problems.isEmpty()) {
            problems.forEach(p -> err().println("mmsguard: promoted " + name + ": " + p.path() + ": " + p.reason()));
            throw new CliException(ExitCodes.FAILED, "shadow " + name + " is not valid as profile " + live
                    + "; nothing written");
        }
        ConfigChanges.RecordChange<MmsProfile> change = ConfigChanges.compare("profile", doc.profiles(),
                current.profiles()).get(0);
        if (change.status() == ConfigChanges.Status.UNCHANGED) {
            out().printf("profile %s already has the content of %s; nothing written%n", live, name);
            return ExitCodes.OK;
        }
        return ConfigWrite.run(c, source.names(), write, List.of(change.planned("promoted shadow " + name)), out(),
                err());
    }

    /** The one shadow the live profile names; a failure (exit 1) when it names none or several. */
    private String namedShadow(MmsProfile profile) {
        Set<String> named = new HashSet<>();
        for (InterfaceSettings s : List.of(profile.getMm1(), profile.getMm3(), profile.getMm4(), profile.getMm7())) {
            if (s.getShadow() != null) {
                named.add(s.getShadow());
            }
        }
        if (named.size() != 1) {
            throw new CliException(ExitCodes.FAILED, "profile " + live + " names " + (named.isEmpty() ? "no shadow"
                    : "several shadows " + named) + "; give --shadow NAME");
        }
        return named.iterator().next();
    }

    /** The shadow's content under the live name, without shadows of its own and without the shadow's audit stamp. */
    static MmsProfile promoted(MmsProfile shadow, String liveName) {
        MmsProfile.Builder b = MmsProfile.newBuilder(shadow).setName(liveName);
        b.setMm1(InterfaceSettings.newBuilder(shadow.getMm1()).setShadow(null).build());
        b.setMm3(InterfaceSettings.newBuilder(shadow.getMm3()).setShadow(null).build());
        b.setMm4(InterfaceSettings.newBuilder(shadow.getMm4()).setShadow(null).build());
        b.setMm7(InterfaceSettings.newBuilder(shadow.getMm7()).setShadow(null).build());
        return b.build();
    }
}
