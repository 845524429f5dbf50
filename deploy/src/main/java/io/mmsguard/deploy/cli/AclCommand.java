package io.mmsguard.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mmsguard acl}: the Kafka principals and their ACLs (deploy's AccessPlan). */
@Command(name = "acl", mixinStandardHelpOptions = true,
        description = "The Kafka principals of mmsguard and their ACLs (docs/security.md, \"Kafka and the registry\").",
        subcommands = {AclApplyCommand.class, AclStrimziCommand.class})
public final class AclCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: apply, strimzi");
    }
}
