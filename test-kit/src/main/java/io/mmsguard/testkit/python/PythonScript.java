package io.mmsguard.testkit.python;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Python 3 script from the test's resources that writes test inputs into a folder: inputs made by independent
 * encoders (Python's {@code email}, {@code zipfile}, {@code gzip}), not by the code under test. Skips the calling
 * test when python3 is missing, unless {@code MMSGUARD_REQUIRE_ORACLES=true}, in which case it fails.
 */
public final class PythonScript {
    private static final long TIMEOUT_SECONDS = 60;

    private PythonScript() {
    }

    /**
     * @param anchor   a class whose loader holds {@code resource}
     * @param resource the script, e.g. {@code /unpack/make_archives.py}; it gets {@code out} as its only argument
     * @return {@code out}, created, after the script has exited with status 0
     */
    public static Path writeInto(Class<?> anchor, String resource, Path out) throws IOException, InterruptedException {
        Files.createDirectories(out);
        Path script = Files.createTempFile(out.getParent(), "script", ".py");
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource + " next to " + anchor.getName());
            }
            Files.write(script, in.readAllBytes());
        }
        Process p;
        try {
            p = new ProcessBuilder("python3", script.toString(), out.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            if ("true".equalsIgnoreCase(System.getenv("MMSGUARD_REQUIRE_ORACLES"))) {
                throw new AssertionError("python3 is required (MMSGUARD_REQUIRE_ORACLES=true)", e);
            }
            Assumptions.abort("python3 not available: " + e.getMessage());
            return out;
        }
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError(resource + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(resource + " exited with " + p.exitValue() + ":\n" + output);
            }
            return out;
        } finally {
            p.destroyForcibly(); // only the process started here; a no-op once it has exited
            Files.deleteIfExists(script);
        }
    }
}
