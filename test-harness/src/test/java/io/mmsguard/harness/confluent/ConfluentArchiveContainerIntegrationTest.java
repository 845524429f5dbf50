package io.mmsguard.harness.confluent;

import java.nio.file.Path;

import io.mmsguard.harness.containers.ContainerDeployment;
import io.mmsguard.harness.containers.DockerEngine;
import io.mmsguard.harness.containers.SchemaRegistryContainer;
import io.mmsguard.harness.containers.ServiceImage;
import org.junit.jupiter.api.Test;

/**
 * {@link ArchiveReadScenario} against Confluent Schema Registry itself: {@code confluentinc/cp-schema-registry} in a
 * container on the deployment's broker, the registry of {@code config apply} and of every service (from the image,
 * {@link ContainerDeployment}), so the archive records carry its schema ids and Confluent's client resolves them
 * there. Runs only where a Docker engine runs on this machine ({@link DockerEngine}).
 */
class ConfluentArchiveContainerIntegrationTest {

    @Test
    void confluentsClientReadsTheArchiveTheImageWroteThroughConfluentSchemaRegistry() throws Exception {
        DockerEngine.require();
        String image = ServiceImage.name();
        try (ContainerDeployment d = ContainerDeployment.start(ArchiveReadScenario.shape(Path.of("target", "harness",
                "confluent-archive-containers-" + System.currentTimeMillis()).toAbsolutePath()),
                new SchemaRegistryContainer(1), image)) {
            ArchiveReadScenario.run(d);
        }
    }
}
