package io.mmsguard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * SIGSTOP and SIGCONT for a child process, by its PID only, each checked in {@code /proc/<pid>/stat}: a fault test
 * must fail at the fault it meant to inject, not later at a confusing symptom. Linux only (the state letters are
 * the kernel's: {@code T} stopped, {@code Z} zombie, {@code R}/{@code S}/{@code D} running or waiting).
 */
public final class ProcessSignals {
    /** How long a signal may take to show in the process state: a guard against a hang, not an expected time. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);

    private ProcessSignals() {
    }

    /** SIGSTOP: the process keeps its sockets and memory but runs no instruction until {@link #resume}. */
    public static void pause(long pid) {
        signal(pid, "STOP");
        awaitState(pid, true);
    }

    /** SIGCONT after {@link #pause}. */
    public static void resume(long pid) {
        signal(pid, "CONT");
        awaitState(pid, false);
    }

    /** Whether the process is stopped by a signal (state {@code T}); false when it does not exist. */
    public static boolean isPaused(long pid) {
        return state(pid) == 'T';
    }

    /** The state letter of {@code /proc/<pid>/stat}, or {@code '-'} when there is no such process. */
    public static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // The command name in parentheses may itself contain ") ", so the state follows the last one.
            int end = stat.lastIndexOf(") ");
            return end < 0 || end + 2 >= stat.length() ? '-' : stat.charAt(end + 2);
        } catch (NoSuchFileException gone) {
            return '-';
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the state of PID " + pid, e);
        }
    }

    private static void signal(long pid, String signal) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
            throw new IllegalStateException("no running process " + pid + " to send SIG" + signal + " to");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS)) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -" + signal + " " + pid + " did not return");
            }
            if (kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed: "
                        + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -" + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + pid, e);
        }
    }

    private static void awaitState(long pid, boolean paused) {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (isPaused(pid) != paused) {
            if (state(pid) == '-') {
                throw new IllegalStateException("PID " + pid + " exited instead of being " + (paused ? "paused" : "resumed"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PID " + pid + " is in state " + state(pid) + ", not "
                        + (paused ? "T (stopped)" : "running") + ", " + HANG_GUARD.toSeconds() + " s after the signal");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
