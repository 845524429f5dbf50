package io.mmsguard.deploy.cli;

import java.util.Map;

import io.mmsguard.deploy.ContractSchemas;
import io.mmsguard.schemas.registry.SchemaRegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code mmsguard schemas register}: the deploy step that registers every contract's schema, so that the services
 * run with {@code auto.register.schemas} off and only read the registry.
 */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = {"Register every contract's schema under its subject (<topic>-value) in the registry: the deploy"
                + " step that lets the services run with auto.register.schemas false. Registering again is harmless;"
                + " a schema the subject's compatibility rule refuses fails with exit code 1. Only the registry is used."})
public final class SchemasRegisterCommand extends CliCommand {
    @Mixin
    ConnectionOptions connection;

    @Override
    protected int execute() {
        Connection c = connection.resolve(System.getenv());
        try {
            Map<String, Integer> ids = ContractSchemas.registerAll(c.registry());
            ids.forEach((subject, id) -> out().println(subject + " " + id));
            return ExitCodes.OK;
        } catch (SchemaRegistryException | IllegalArgumentException e) {
            throw new CliException(ExitCodes.FAILED, "cannot register the contract schemas at " + c.registryUrl()
                    + ": " + e.getMessage(), e);
        }
    }
}
