package io.mmsguard.testkit.python;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python interpreter that has Confluent's Python client (Debian's python3-confluent-kafka with python3-avro and
 * python3-requests), for tests that read or write topics as Confluent's own client does. Tests that need it are
 * skipped when it is not installed, unless {@code MMSGUARD_REQUIRE_ORACLES=true} (as in CI), where its absence fails.
 */
public final class ConfluentPython {
    private final String python;

    /** What a script printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private ConfluentPython(String python) {
        this.python = python;
    }

    /** The interpreter, or a skipped test when Confluent's Python client is missing and not required. */
    public static ConfluentPython require() {
        // Debian's python3-confluent-kafka lives beside /usr/bin/python3, not in a pyenv or venv interpreter.
        String python = System.getenv().getOrDefault("MMSGUARD_ORACLE_PYTHON", "/usr/bin/python3");
        boolean present;
        try {
            present = run(List.of(python, "-c", "import confluent_kafka.avro, avro.schema"), 60).exitCode() == 0;
        } catch (IOException e) {
            present = false;
        }
        if (!present && Boolean.parseBoolean(System.getenv("MMSGUARD_REQUIRE_ORACLES"))) {
            throw new IllegalStateException(python + " cannot import confluent_kafka.avro: install python3-confluent-kafka"
                    + " python3-avro python3-requests (MMSGUARD_REQUIRE_ORACLES=true)");
        }
        assumeTrue(present, "Confluent's Python client (python3-confluent-kafka) is not installed");
        return new ConfluentPython(python);
    }

    /** Runs {@code script} with {@code args}; a script still running after {@code timeoutSeconds} is an IOException. */
    public Result runScript(Path script, List<String> args, int timeoutSeconds) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(python);
        command.add(script.toString());
        command.addAll(args);
        return run(command, timeoutSeconds);
    }

    private static Result run(List<String> command, int timeoutSeconds) throws IOException {
        Path out = Files.createTempFile("python", ".out");
        Path err = Files.createTempFile("python", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out after " + timeoutSeconds + " s: " + command);
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
