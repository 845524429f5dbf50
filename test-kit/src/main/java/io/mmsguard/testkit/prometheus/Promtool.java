package io.mmsguard.testkit.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mmsguard.testkit.JavaProcess;
import io.mmsguard.testkit.Oracles;

/** Debian's {@code promtool} (package {@code prometheus}), run to completion as a child process of the test. */
public final class Promtool {
    public static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final Duration HANG_GUARD = Duration.ofMinutes(2);

    /** Its exit code and everything it wrote to stdout and stderr. */
    public record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    /** Returns when promtool is installed; otherwise skips the calling test, or fails it in CI. */
    public static void requireInstalled() {
        Oracles.requireExecutable(PROMTOOL, "prometheus");
    }

    /**
     * Runs {@code promtool <arguments>} in {@code workDir}, its output in {@code workDir/promtool.log} (replaced).
     *
     * @throws IllegalStateException when it runs longer than two minutes (it is then killed)
     */
    public static Result run(Path workDir, String... arguments) {
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(arguments));
        Path log = workDir.resolve("promtool.log");
        try {
            Files.deleteIfExists(log);
            try (JavaProcess p = JavaProcess.exec("promtool", command, workDir, log, Map.of())) {
                int exit = p.exitCode(HANG_GUARD);
                return new Result(exit, Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
    }
}
