package io.mmsguard.testkit.faketime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.mmsguard.testkit.JavaProcess;
import io.mmsguard.testkit.JvmClasspath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child JVM under {@link Faketime}: its wall clock is off by the offset, its timed waits still wait. */
class FaketimeTest {
    private static final long WAIT_MS = 300;

    /** Prints its wall clock (both APIs) and how long a timed wait and a timed park lasted on the monotonic clock. */
    public static final class Probe {
        public static void main(String[] args) throws InterruptedException {
            long millis = System.currentTimeMillis();
            long instant = Instant.now().toEpochMilli();
            Object lock = new Object();
            long t0 = System.nanoTime();
            synchronized (lock) {
                lock.wait(WAIT_MS);
            }
            long t1 = System.nanoTime();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(WAIT_MS));
            long t2 = System.nanoTime();
            System.out.println("probe " + millis + " " + instant + " " + (t1 - t0) / 1_000_000 + " "
                    + (t2 - t1) / 1_000_000);
        }
    }

    @Test
    void theChildsWallClockIsBehindAndItsWaitsStillWait(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("probe.log");
        long before = System.currentTimeMillis();
        try (JavaProcess p = JavaProcess.start("faketime-probe", List.of("-Xmx32m"),
                List.of("-cp", JvmClasspath.current(), Probe.class.getName()), dir, log,
                Faketime.environment(Duration.ofMinutes(-10)))) {
            assertThat(p.exitCode(Duration.ofMinutes(1))).as(p.logTail(20)).isZero();
        }
        long after = System.currentTimeMillis();
        long[] probe = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("probe "))
                .findFirst().map(l -> Arrays.stream(l.substring(6).split(" ")).mapToLong(Long::parseLong).toArray())
                .orElseThrow();

        // The child read its clock between our two readings, 600 s earlier (the start-up is within the slack).
        long slack = after - before;
        assertThat(probe[0] + 600_000).as("System.currentTimeMillis() + 600 s").isBetween(before, after);
        assertThat(probe[1]).as("Instant.now()").isCloseTo(probe[0], within(slack));
        // Broken interception of pthread_cond_timedwait returns at once (FAKETIME_FORCE_MONOTONIC_FIX): a lower bound.
        assertThat(probe[2]).as("Object.wait(%d) lasted, ms", WAIT_MS).isGreaterThanOrEqualTo(WAIT_MS);
        assertThat(probe[3]).as("LockSupport.parkNanos(%d ms) lasted, ms", WAIT_MS).isGreaterThanOrEqualTo(WAIT_MS);
    }
}
