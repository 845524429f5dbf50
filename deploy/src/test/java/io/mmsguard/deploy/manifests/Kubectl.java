package io.mmsguard.deploy.manifests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * kubectl's built-in kustomize, as the tool that renders k8s/: {@code MMSGUARD_KUBECTL}, else the first
 * {@code kubectl} on PATH. CI installs Debian's {@code kubernetes-client} (kubectl 1.20, kustomize v2.0.3).
 */
final class Kubectl {
    /** A rendering larger than this is not ours: the base renders to well under 100 KiB. */
    private static final int MAX_OUTPUT_BYTES = 4 << 20;
    private static final long TIMEOUT_SECONDS = 60;

    private final Path executable;

    private Kubectl(Path executable) {
        this.executable = executable;
    }

    /**
     * The kubectl to render with; when there is none, fails the calling test under
     * {@code MMSGUARD_REQUIRE_ORACLES=true} (CI) and skips it elsewhere, as every oracle test does.
     */
    static Kubectl require() {
        Optional<Path> found = Optional.ofNullable(System.getenv("MMSGUARD_KUBECTL")).map(Path::of)
                .or(() -> Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "kubectl")).filter(Files::isExecutable)
                        .findFirst());
        if (found.isPresent() && Files.isExecutable(found.get())) {
            return new Kubectl(found.get());
        }
        String missing = "kubectl (Debian kubernetes-client) is not installed: not on PATH, MMSGUARD_KUBECTL "
                + found.map(Path::toString).orElse("unset");
        if ("true".equalsIgnoreCase(System.getenv("MMSGUARD_REQUIRE_ORACLES"))) {
            throw new AssertionError(missing + " (MMSGUARD_REQUIRE_ORACLES=true)");
        }
        Assumptions.abort(missing);
        throw new IllegalStateException(missing); // not reached: abort throws
    }

    /** {@code kubectl version --client}'s first line, e.g. to say which kustomize rendered. */
    String version() throws IOException, InterruptedException {
        return run(List.of("version", "--client")).lines().findFirst().orElse("");
    }

    /** Every object {@code kubectl kustomize DIR} renders; its error output in the failure when it exits non-zero. */
    List<Map<String, Object>> kustomize(Path dir) throws IOException, InterruptedException {
        List<Map<String, Object>> objects = new ArrayList<>();
        Manifests.documentsOf(run(List.of("kustomize", dir.toString())), "kubectl kustomize " + dir)
                .forEach(d -> objects.add(Manifests.map(d)));
        return objects;
    }

    private String run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(arguments);
        Path err = Files.createTempFile("kubectl", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readNBytes(MAX_OUTPUT_BYTES + 1);
            if (out.length > MAX_OUTPUT_BYTES) {
                p.destroyForcibly(); // only the process this helper started
                throw new AssertionError(command + " wrote more than " + MAX_OUTPUT_BYTES + " bytes");
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(command + " exited " + p.exitValue() + ": " + Files.readString(err));
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
