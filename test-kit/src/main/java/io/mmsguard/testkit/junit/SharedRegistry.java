package io.mmsguard.testkit.junit;

import java.nio.file.Paths;

import io.mmsguard.testkit.ApicurioRegistry;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects one real Apicurio registry (child process, in-memory storage), shared by every test class of the
 * test JVM and stopped by PID when the run ends. Its log goes to {@code target/test-infra/}.
 */
public final class SharedRegistry implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SharedRegistry.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ApicurioRegistry.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent("registry",
                key -> ApicurioRegistry.start(Paths.get("target", "test-infra")), ApicurioRegistry.class);
    }
}
