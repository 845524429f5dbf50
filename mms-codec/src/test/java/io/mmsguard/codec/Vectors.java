package io.mmsguard.codec;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Locates the shared third-party test vectors (GPL data, never copied into this repository): env
 * {@code MMSGUARD_VECTORS}, else {@code ../../shared/vectors} relative to the module directory. Tests that need
 * them are skipped when the folder is absent.
 */
public final class Vectors {
    private Vectors() {
    }

    public static Path root() {
        String env = System.getenv("MMSGUARD_VECTORS");
        Path p = env != null && !env.isBlank() ? Paths.get(env) : Paths.get("../../shared/vectors");
        return p.toAbsolutePath().normalize();
    }

    /** The vector folder, or a skipped test when it is absent. */
    public static Path require(String sub) {
        Path p = root().resolve(sub);
        Assumptions.assumeTrue(Files.isDirectory(p), "test vectors not found at " + p + " (set MMSGUARD_VECTORS)");
        return p;
    }

    /** Regular files under a vector folder, recursively, sorted by path. */
    public static List<Path> files(String sub) {
        Path dir = require(sub);
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] read(String sub) {
        Path p = require(".").resolve(sub);
        Assumptions.assumeTrue(Files.isRegularFile(p), "vector not found: " + p);
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
