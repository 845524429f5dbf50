package io.mmsguard.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mmsguard.testkit.JavaProcess;
import io.mmsguard.testkit.JvmClasspath;

/**
 * The {@code mmsguard} launcher, run by its main-class name on a release's classpath (this JVM's, the current
 * release, unless a deployment runs another, e.g. the previous release's jar for an upgrade test): the harness
 * depends on its command line and the documented configuration keys only, never on its classes. Every service and
 * one-shot command starts through {@link #command}.
 */
final class Launcher {
    static final String MAIN_CLASS = "io.mmsguard.deploy.MmsguardMain";
    private static final Duration HANG_GUARD = Duration.ofMinutes(3);

    private Launcher() {
    }

    /** This JVM's classpath: the release under test. */
    static String currentRelease() {
        return JvmClasspath.current();
    }

    /** {@code -cp <classpath> <main class> <args...>}: what follows the JVM options of every launch. */
    static List<String> command(String classpath, List<String> args) {
        List<String> launch = new ArrayList<>(List.of("-cp", classpath, MAIN_CLASS));
        launch.addAll(args);
        return launch;
    }

    /**
     * Runs {@code mmsguard <args>} of the release on {@code classpath} to its end in {@code dir} (output in
     * {@code dir/<name>.log}).
     *
     * @throws IllegalStateException when it exits with another code than 0, with its output
     */
    static void run(Path dir, String classpath, String name, List<String> args) {
        run(dir, classpath, name, args, Map.of());
    }

    /** As {@link #run(Path, String, String, List)} with {@code environment} added (e.g. MMSGUARD_KAFKA_*). */
    static void run(Path dir, String classpath, String name, List<String> args, Map<String, String> environment) {
        JavaProcess p = JavaProcess.start(name, List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                command(classpath, args), dir, dir.resolve(name + ".log"), environment);
        try {
            int exit = p.exitCode(HANG_GUARD);
            if (exit != 0) {
                throw new IllegalStateException("mmsguard " + String.join(" ", args) + " exited with " + exit + ":\n"
                        + p.logTail(40));
            }
        } finally {
            p.close();
        }
    }
}
