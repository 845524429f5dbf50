package io.mmsguard.harness.containers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;

import org.testcontainers.DockerClientFactory;

/**
 * Whether the container tier can run here: a Docker engine that answers, on this machine (its containers share this
 * machine's network, {@code --network host}, so that they reach the brokers, the registry, clamd and the MMSC stub on
 * loopback at the addresses of the same YAML files the process path writes, and the load reaches their listeners).
 * Without one the calling test is skipped, or fails where the tier is required ({@code -Pcontainers}, which sets
 * {@value #REQUIRED}).
 */
public final class DockerEngine {
    /** System property: {@code true} makes a missing engine a failure (surefire passes it from the Maven property). */
    public static final String REQUIRED = "mmsguard.containers.required";

    private DockerEngine() {
    }

    /** Returns when the tier can run; otherwise skips the calling test, or fails it when the tier is required. */
    public static void require() {
        String missing = missing();
        if (missing != null && Boolean.getBoolean(REQUIRED)) {
            throw new AssertionError("the container tier is required (" + REQUIRED + "=true) but cannot run: "
                    + missing);
        }
        assumeTrue(missing == null, () -> "container tier skipped: " + missing);
    }

    /** Why the tier cannot run here, or null. */
    private static String missing() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return "host networking needs a Linux Docker engine on this machine, this is "
                    + System.getProperty("os.name");
        }
        DockerClientFactory docker = DockerClientFactory.instance();
        boolean available;
        try {
            available = docker.isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return "no Docker engine (" + e + ")";
        }
        if (!available) {
            return "no Docker engine answers (DOCKER_HOST, /var/run/docker.sock)";
        }
        URI host = docker.getTransportConfig().getDockerHost();
        if (!"unix".equals(host.getScheme())) {
            return "the Docker engine at " + host + " is not on this machine: host networking would be another's";
        }
        return null;
    }
}
