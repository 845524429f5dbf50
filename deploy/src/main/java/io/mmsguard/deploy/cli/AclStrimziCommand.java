package io.mmsguard.deploy.cli;

import io.mmsguard.deploy.AccessPlan;
import io.mmsguard.deploy.KafkaUserManifest;
import picocli.CommandLine.Command;

/** {@code mmsguard acl strimzi}: the KafkaUser resources of k8s/base/kafka-users.yaml. */
@Command(name = "strimzi", mixinStandardHelpOptions = true,
        description = "Print the Strimzi KafkaUser resources (SCRAM-SHA-512, simple authorization) of every mmsguard"
                + " principal: the content of k8s/base/kafka-users.yaml.")
public final class AclStrimziCommand extends CliCommand {
    @Override
    protected int execute() {
        out().print(KafkaUserManifest.render(AccessPlan.principals()));
        return ExitCodes.OK;
    }
}
