package io.mmsguard.deploy.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.MmsProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mmsguard config get}: what is in force, in the format apply reads. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Read mms.profiles and mms.endpoint-lists to their end (a tombstone deletes) and print the"
                + " profiles and endpoint lists in force as YAML in the format `config apply` reads; fields at their"
                + " default are left out. Without --profile and --endpoint-list everything is printed; with either,"
                + " only the records named.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, "1:a named profile or endpoint list does not exist", ExitCodes.USAGE_LINE,
            ExitCodes.UNREACHABLE_LINE})
public final class ConfigGetCommand extends CliCommand {

    @Option(names = "--profile", paramLabel = "NAME", description = "Print this profile (repeatable).")
    List<String> profileNames = new ArrayList<>();

    @Option(names = "--endpoint-list", paramLabel = "NAME", description = "Print this endpoint list (repeatable).")
    List<String> listNames = new ArrayList<>();

    @Mixin
    ConfigSource source;

    @Override
    protected int execute() {
        Connection c = source.connect();
        CurrentConfig current = CurrentConfig.read(c, source);
        boolean all = profileNames.isEmpty() && listNames.isEmpty();
        List<String> missing = new ArrayList<>();
        List<MmsProfile> profiles = all ? List.copyOf(current.profiles().values())
                : pick(current.profiles(), profileNames, "profile", source.profiles, missing);
        List<EndpointList> lists = all ? List.copyOf(current.endpointLists().values())
                : pick(current.endpointLists(), listNames, "endpoint list", source.endpointLists, missing);
        out().print(ConfigDocument.write(profiles, lists));
        missing.forEach(m -> err().println("mmsguard: " + m));
        return missing.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static <T> List<T> pick(Map<String, T> current, List<String> names, String kind, String topic,
                                    List<String> missing) {
        List<T> out = new ArrayList<>();
        for (String name : names) {
            T value = current.get(name);
            if (value == null) {
                missing.add("no " + kind + " " + name + " on " + topic);
            } else {
                out.add(value);
            }
        }
        return out;
    }
}
