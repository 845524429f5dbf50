package io.mmsguard.testkit.clamav;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;


/**
 * ClamAV's {@code sigtool} (Debian package {@code clamav}) as an oracle for database containers and PE section
 * hashes: it builds unsigned containers ({@code --unsigned --build}), reads and unpacks them ({@code --info},
 * {@code --unpack}) and prints the section hashes of PE files ({@code --mdb}). Every run has its own working
 * directory and a time limit; the child is stopped by its own handle, never by name.
 */
public final class Sigtool {
    public static final Path SIGTOOL = Path.of("/usr/bin/sigtool");
    private static final long TIMEOUT_SECONDS = 120;

    /** Exit status and output (stdout then stderr) of one run. */
    public record Result(int exitCode, String output) {
        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("sigtool exited with " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    private Sigtool() {
    }

    /** As {@link ClamdProcess#requireInstalled()}: skip without sigtool, fail under MMSGUARD_REQUIRE_ORACLES=true. */
    public static void requireInstalled() {
        ClamavTools.require(SIGTOOL, "clamav");
    }

    /** Runs sigtool with {@code args} in {@code workDir}, answering {@code stdin} to its prompts. */
    public static Result run(Path workDir, String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(SIGTOOL.toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(workDir.getParent(), "sigtool", ".out");
        try {
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("sigtool " + args[0] + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * Builds an unsigned container {@code name.cud} from the signature files in {@code sourceDir} (which must also
     * hold a {@code COPYING}), as the ClamAV team builds the official ones but without their signing key.
     *
     * @return the container, in {@code sourceDir}
     */
    public static Path buildUnsigned(Path sourceDir, String name, int version) throws IOException,
            InterruptedException {
        Path scratch = Files.createDirectories(sourceDir.resolveSibling(sourceDir.getFileName() + "-sigtool-db"));
        run(sourceDir, "mmsguard\n", "--unsigned", "--build=" + name + ".cud", "--cvd-version=" + version,
                "--datadir=" + scratch, "--no-cdiff").requireSuccess();
        Path built = sourceDir.resolve(name + ".cud");
        if (!Files.isRegularFile(built)) {
            throw new AssertionError("sigtool --build wrote no " + built);
        }
        return built;
    }
}
