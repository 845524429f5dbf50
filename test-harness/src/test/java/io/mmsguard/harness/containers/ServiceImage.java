package io.mmsguard.harness.containers;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The service image, built from deploy/docker/Dockerfile with exactly the build context the root .dockerignore lets
 * through (the launcher {@code deploy/target/mmsguard.jar}, its {@code deploy/target/lib/}, the wrapper), once per
 * test JVM; Testcontainers removes it when the JVM exits. The jar and lib/ are deploy's {@code package} output, which
 * a reactor build ({@code -pl test-harness -am verify}) makes before test-harness's tests.
 */
public final class ServiceImage {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceImage.class);
    private static final String DOCKERFILE = "deploy/docker/Dockerfile";
    private static String built;

    private ServiceImage() {
    }

    /** The image's name, building it on the first call. */
    public static synchronized String name() {
        if (built == null) {
            built = build(Path.of("..").toAbsolutePath().normalize());
        }
        return built;
    }

    /**
     * {@code withDockerfilePath} (deprecated for {@code withDockerfile(Path)}) on purpose: {@code withDockerfile}
     * makes the Dockerfile's folder (deploy/docker) the build context, while the Dockerfile's context is the
     * repository root narrowed to three paths by the root .dockerignore, which the files given here are.
     */
    @SuppressWarnings("deprecation")
    private static String build(Path repo) {
        Path jar = repo.resolve("deploy/target/mmsguard.jar");
        Path lib = repo.resolve("deploy/target/lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            throw new IllegalStateException(jar + " or " + lib + " is missing: build deploy's package first"
                    + " (./mvnw -B verify -pl test-harness -am -Pcontainers does)");
        }
        long t0 = System.nanoTime();
        String name = new ImageFromDockerfile()
                .withFileFromPath(DOCKERFILE, repo.resolve(DOCKERFILE))
                .withFileFromPath("deploy/docker/mmsguard", repo.resolve("deploy/docker/mmsguard"))
                .withFileFromPath("deploy/target/mmsguard.jar", jar)
                .withFileFromPath("deploy/target/lib", lib)
                .withDockerfilePath(DOCKERFILE)
                .get();
        LOG.info("service image {} built from {} in {} s", name, DOCKERFILE, (System.nanoTime() - t0) / 1_000_000_000);
        return name;
    }
}
