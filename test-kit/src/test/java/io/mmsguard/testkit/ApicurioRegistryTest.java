package io.mmsguard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import io.mmsguard.testkit.junit.SharedRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedRegistry.class)
class ApicurioRegistryTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void sharedRegistryServesTheConfluentApiOnLoopback(ApicurioRegistry registry) throws Exception {
        assertThat(registry.url()).startsWith("http://127.0.0.1:").endsWith("/apis/ccompat/v7");
        HttpResponse<String> subjects = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(subjects.statusCode()).isEqualTo(200);
        assertThat(subjects.body()).startsWith("[");
    }

    @Test
    void stoppingARegistryEndsItsProcess(@TempDir Path dir) {
        ApicurioRegistry registry = ApicurioRegistry.start(dir);
        long pid = registry.pid();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        registry.close();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(dir.resolve("apicurio-" + registry.port() + ".log")).exists();
    }
}
