package io.mmsguard.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mmsguard schemas}: the contracts' schemas in the registry. */
@Command(name = "schemas", mixinStandardHelpOptions = true,
        description = "The contracts' Avro schemas in the schema registry.",
        subcommands = {SchemasRegisterCommand.class})
public final class SchemasCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: register");
    }
}
