package io.mmsguard.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGSTOP / SIGCONT of a real child JVM, seen in its kernel state; a one-shot child's exit code. */
class ProcessSignalsTest {

    /** A child that only waits to be signalled. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** A child that exits at once with the code it is given. */
    public static final class Exiter {
        public static void main(String[] args) {
            System.exit(Integer.parseInt(args[0]));
        }
    }

    private static JavaProcess child(Path dir, Class<?> main, String... args) {
        List<String> launch = new ArrayList<>(List.of("-cp", JvmClasspath.current(), main.getName()));
        launch.addAll(List.of(args));
        return JavaProcess.start(main.getSimpleName(), List.of("-Xmx32m"), launch, dir, dir.resolve("child.log"));
    }

    @Test
    void pauseStopsTheProcessAndResumeLetsItRunAgain(@TempDir Path dir) {
        try (JavaProcess p = child(dir, Sleeper.class)) {
            assertThat(ProcessSignals.isPaused(p.pid())).isFalse();

            ProcessSignals.pause(p.pid());
            assertThat(ProcessSignals.state(p.pid())).isEqualTo('T');
            assertThat(p.isAlive()).isTrue();

            ProcessSignals.resume(p.pid());
            assertThat(ProcessSignals.state(p.pid())).isNotEqualTo('T');

            // SIGKILL works on a paused process too.
            ProcessSignals.pause(p.pid());
            p.kill();
            assertThat(p.isAlive()).isFalse();
            assertThat(ProcessSignals.state(p.pid())).isEqualTo('-');
        }
    }

    @Test
    void signallingAProcessThatIsGoneFailsLoudly(@TempDir Path dir) {
        JavaProcess p = child(dir, Exiter.class, "0");
        assertThat(p.exitCode(Duration.ofMinutes(1))).isZero();
        p.close();

        assertThatThrownBy(() -> ProcessSignals.pause(p.pid())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no running process " + p.pid());
    }

    @Test
    void exitCodeIsTheChildsOwn(@TempDir Path dir) {
        try (JavaProcess p = child(dir, Exiter.class, "3")) {
            assertThat(p.exitCode(Duration.ofMinutes(1))).isEqualTo(3);
        }
    }
}
