package io.mmsguard.harness.confluent;

import java.nio.file.Path;

import io.mmsguard.harness.Deployment;
import org.junit.jupiter.api.Test;

/**
 * {@link ArchiveReadScenario} on the process path: every node a process, the harness's Apicurio as the registry
 * (its Confluent-compatible API, which Confluent's client reads as it reads Confluent Schema Registry). The same
 * scenario runs against Confluent Schema Registry itself in the container tier
 * ({@link ConfluentArchiveContainerIntegrationTest}).
 */
class ConfluentArchiveIntegrationTest {

    @Test
    void confluentsClientReadsTheArchiveTheTopologyWrote() throws Exception {
        try (Deployment d = ArchiveReadScenario.shape(Path.of("target", "harness",
                "confluent-archive-" + System.currentTimeMillis())).start()) {
            ArchiveReadScenario.run(d);
        }
    }
}
