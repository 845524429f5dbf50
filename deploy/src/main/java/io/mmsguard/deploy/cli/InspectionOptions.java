package io.mmsguard.deploy.cli;

import java.net.URI;
import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Where the state commands ({@code explain}, {@code top}) find the inspection service's admin HTTP, and its bearer token. */
public final class InspectionOptions {

    @Option(names = "--inspection-url", defaultValue = "http://127.0.0.1:18091",
            description = "Admin HTTP of any inspection service instance (default: ${DEFAULT-VALUE}, the embedded mode's).")
    URI inspectionUrl;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the admin bearer token the service requires (default: the variable "
                    + StateClient.TOKEN_VARIABLE + "; none for the embedded mode).")
    Path tokenFile;

    StateClient client() {
        return new StateClient(inspectionUrl,
                CliSecret.read(tokenFile, "--token-file", StateClient.TOKEN_VARIABLE, System.getenv()));
    }
}
