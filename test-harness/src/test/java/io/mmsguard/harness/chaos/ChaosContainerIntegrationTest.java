package io.mmsguard.harness.chaos;

import java.nio.file.Path;
import java.time.Instant;

import io.mmsguard.harness.containers.ContainerDeployment;
import io.mmsguard.harness.containers.DockerEngine;
import io.mmsguard.harness.containers.ServiceImage;
import io.mmsguard.testkit.clamav.ClamdProcess;
import org.junit.jupiter.api.BeforeAll;

/**
 * The chaos suite's passes ({@link ChaosPasses} on a {@link ChaosSuite}, the same code as
 * {@link ChaosIntegrationTest}'s) on the same deployment with its services from the image:
 * {@link ContainerDeployment}, each inspection instance, gateway and the notifier a container of the image built
 * from deploy/docker/Dockerfile ({@link ServiceImage}), started with the YAML file the process path writes; a
 * service's kill is {@code docker kill}, its pause {@code docker pause}. The brokers, the registry and clamd stay
 * processes. Not here: the gateway clock pass (the image has no libfaketime). Runs only where a Docker engine runs
 * on this machine ({@link DockerEngine}); figures in {@code target/chaos-container-figures.md}.
 */
class ChaosContainerIntegrationTest extends ChaosPasses {
    @BeforeAll
    static void start() {
        DockerEngine.require();
        ClamdProcess.requireInstalled();
        Instant start = Instant.now();
        String loadBefore = FiguresTable.loadAverage();
        String image = ServiceImage.name();
        ContainerDeployment deployment = ContainerDeployment.start(ChaosSuite.shape(Path.of("target", "harness",
                "chaos-containers-" + System.currentTimeMillis()).toAbsolutePath()), image);
        suite = new ChaosSuite("Chaos suite, services in containers", "chaos-container-figures.md", deployment,
                start, loadBefore);
    }
}
