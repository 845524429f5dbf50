package io.mmsguard.testkit.faketime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A wall clock set off for one child process: libfaketime (Debian {@code faketime}) preloaded into it, which shifts
 * what {@code clock_gettime(CLOCK_REALTIME)} answers and so a JVM's {@code System.currentTimeMillis()} and
 * {@code Instant.now()}. Skips the calling test when the library is missing, unless
 * {@code MMSGUARD_REQUIRE_ORACLES=true} (CI), in which case it fails.
 */
public final class Faketime {
    /** Debian installs it under the multiarch directory, e.g. {@code /usr/lib/x86_64-linux-gnu/faketime}. */
    private static final Path LIB = Path.of("/usr/lib");
    private static final String LIBRARY = "libfaketime.so.1";

    private Faketime() {
    }

    /**
     * The environment that makes a child's wall clock {@code offset} off the real one (negative: behind), to add to
     * its own (e.g. {@code JavaProcess.start(..., environment)}).
     *
     * <p>Two settings keep a JVM working: {@code FAKETIME_DONT_FAKE_MONOTONIC=1}, since the JVM measures every
     * timeout on the monotonic clock, and {@code FAKETIME_FORCE_MONOTONIC_FIX=0}, since the fix (on by default with
     * Debian 12's glibc) moves the deadline of every {@code pthread_cond_timedwait} by the offset although the JVM's
     * condition variables run on the monotonic clock: with an offset behind, {@code Object.wait(500)} and
     * {@code LockSupport.parkNanos} returned at once (busy waiting everywhere), ahead they would wait the offset
     * longer. {@code FaketimeTest} checks both in a child JVM.
     */
    public static Map<String, String> environment(Duration offset) {
        return Map.of("LD_PRELOAD", library().toString(),
                "FAKETIME", String.format("%+d", offset.toSeconds()),
                "FAKETIME_DONT_FAKE_MONOTONIC", "1",
                "FAKETIME_FORCE_MONOTONIC_FIX", "0");
    }

    /** The preloadable library; a skipped or (CI) failed test when it is not installed. */
    static Path library() {
        Optional<Path> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        String missing = LIBRARY + " (Debian faketime) is not installed under " + LIB + "/*/faketime";
        if ("true".equalsIgnoreCase(System.getenv("MMSGUARD_REQUIRE_ORACLES"))) {
            throw new AssertionError(missing + " and MMSGUARD_REQUIRE_ORACLES=true");
        }
        Assumptions.abort(missing);
        throw new IllegalStateException(missing); // not reached: abort throws
    }

    private static Optional<Path> find() {
        try (Stream<Path> dirs = Files.list(LIB)) {
            return dirs.map(d -> d.resolve("faketime").resolve(LIBRARY)).filter(Files::isReadable).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + LIB, e);
        }
    }
}
