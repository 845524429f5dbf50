package io.mmsguard.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.mmsguard.deploy.MmsguardMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: {@code send mm7} as a child process. While the stub VASP gateway holds the request, the child's
 * {@code /proc/<pid>/cmdline} (readable by every user) is read: the password reached the server and is not in it.
 */
@EnabledOnOs(OS.LINUX)
class CliSecretProcessTest {
    private static final String SECRET = "s3cret-vasp-password-42";
    private static final long HANG_GUARD_SECONDS = 60;

    @TempDir
    Path dir;

    private HttpServer stub;
    private final BlockingQueue<String> authorizations = new ArrayBlockingQueue<>(4);
    private final CountDownLatch inspected = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/mm7", ex -> {
            authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            try {
                inspected.await(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        stub.start();
    }

    @AfterEach
    void stop() {
        inspected.countDown();
        stub.stop(0);
    }

    private Process send(Map<String, String> env, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), MmsguardMain.class.getName(), "send",
                "mm7", "--url", "http://127.0.0.1:" + stub.getAddress().getPort() + "/mm7", "--vasp-id", "vasp1",
                "--user", "vasp1", "--to", "+4917022222222", "--text", "x", "--timeout", "60"));
        command.addAll(List.of(options));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile());
        pb.environment().remove(SendMm7Command.PASSWORD_VARIABLE);
        pb.environment().putAll(env);
        return pb.start();
    }

    private String cmdlineWhileTheRequestIsHeld(Process child) throws Exception {
        String authorization = authorizations.poll(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
        assertThat(authorization).as(Files.readString(dir.resolve("child.log"))).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString(("vasp1:" + SECRET).getBytes(StandardCharsets.UTF_8)));
        String cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(child.pid()), "cmdline")),
                StandardCharsets.UTF_8).replace('\0', ' ');
        inspected.countDown();
        assertThat(child.waitFor(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
        return cmdline;
    }

    @Test
    void thePasswordFromAFileIsSentAndIsNotInTheProcessList() throws Exception {
        Path file = Files.writeString(dir.resolve("vasp1.password"), SECRET + "\n");

        Process child = send(Map.of(), "--password-file", file.toString());
        String cmdline = cmdlineWhileTheRequestIsHeld(child);

        assertThat(cmdline).contains("--password-file").doesNotContain(SECRET);
    }

    @Test
    void thePasswordFromTheEnvironmentIsSentAndIsNotInTheProcessList() throws Exception {
        Process child = send(Map.of(SendMm7Command.PASSWORD_VARIABLE, SECRET));
        String cmdline = cmdlineWhileTheRequestIsHeld(child);

        assertThat(cmdline).contains("--user vasp1").doesNotContain(SECRET);
    }
}
