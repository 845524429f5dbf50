package io.mmsguard.deploy;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code up} where the embedded mode is not on the class path (the service image): hidden from {@code --help}, and
 * run it says where the embedded mode is instead of picocli's "unmatched argument". The image carries neither a
 * broker nor a registry, so it cannot run one.
 */
@Command(name = "up", hidden = true)
final class UpNotInThisLauncher implements Callable<Integer> {

    @CommandLine.Unmatched
    List<String> ignored;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("mmsguard up: the all-in-one embedded mode is not part of this launcher"
                + " (the service image runs streams, gateway and notifier); run ./mmsguard up from a source checkout");
        return 2;
    }
}
