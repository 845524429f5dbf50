package io.mmsguard.testkit.junit;

import io.mmsguard.testkit.KafkaTestCluster;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects one real single-node KRaft cluster, shared by every test class of the test JVM (startup costs ~2 s)
 * and closed when the run ends. Use in {@code @BeforeAll static void setUp(KafkaTestCluster kafka)}; tests
 * isolate themselves with their own topic names.
 */
public final class SharedKafka implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SharedKafka.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaTestCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NS)
                .getOrComputeIfAbsent("single-node", key -> KafkaTestCluster.singleNode(), KafkaTestCluster.class);
    }
}
