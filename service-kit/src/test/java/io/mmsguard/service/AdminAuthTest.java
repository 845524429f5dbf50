package io.mmsguard.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminAuthTest {
    private static final ConfigKeys KEYS = ConfigKeys.builder().key("svc.http-host", "127.0.0.1", "admin address")
            .adminAccess().build();
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    private static AdminAuth from(Map<String, String> values, Map<String, String> env, Path file) {
        Settings s = Settings.load(Optional.ofNullable(file), env, KEYS);
        return AdminAuth.from(s, "svc.http-host", s.string("svc.http-host", "127.0.0.1"));
    }

    @Test
    void offLoopbackWithoutATokenTheServiceRefusesToStartNamingTheKeys() {
        assertThatThrownBy(() -> from(Map.of(), Map.of("MMSGUARD_SVC_HTTP_HOST", "0.0.0.0"), null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("svc.http-host is 0.0.0.0").hasMessageContaining("admin.token-file")
                .hasMessageContaining("admin.auth: none");
    }

    @Test
    void theExplicitOptOutOrLoopbackServeWithoutAToken() {
        assertThat(from(Map.of(), Map.of("MMSGUARD_SVC_HTTP_HOST", "0.0.0.0", "MMSGUARD_ADMIN_AUTH", "none"), null)
                .required()).isFalse();
        assertThat(from(Map.of(), Map.of(), null).required()).isFalse();
        assertThat(from(Map.of(), Map.of("MMSGUARD_SVC_HTTP_HOST", "::1"), null).required()).isFalse();
    }

    @Test
    void theTokenComesFromItsFileOrTheEnvironment() throws Exception {
        Path secret = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        Path config = Files.writeString(dir.resolve("svc.yaml"), "svc:\n  http-host: 0.0.0.0\nadmin:\n  token-file: "
                + secret + "\n");

        AdminAuth fromFile = from(Map.of(), Map.of(), config);
        AdminAuth fromEnv = from(Map.of(), Map.of("MMSGUARD_SVC_HTTP_HOST", "0.0.0.0", "MMSGUARD_ADMIN_TOKEN", TOKEN),
                null);

        for (AdminAuth auth : new AdminAuth[] {fromFile, fromEnv}) {
            assertThat(auth.required()).isTrue();
            assertThat(auth.permits("Bearer " + TOKEN)).isTrue();
            assertThat(auth.permits("Bearer " + TOKEN.substring(1))).isFalse();
            assertThat(auth.permits(null)).isFalse();
            assertThat(auth.authorization()).contains("Bearer " + TOKEN);
        }
    }

    @Test
    void aTokenWrittenIntoTheConfigurationFileIsRefused() throws Exception {
        Path config = Files.writeString(dir.resolve("svc.yaml"), "admin:\n  token: " + TOKEN + "\n");

        assertThatThrownBy(() -> from(Map.of(), Map.of(), config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("svc.yaml:2: admin.token: is a secret").hasMessageNotContaining(TOKEN);
    }

    @Test
    void aShortTokenOrATokenWithTheOptOutIsRefused() {
        assertThatThrownBy(() -> from(Map.of(), Map.of("MMSGUARD_ADMIN_TOKEN", "secret"), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least");
        assertThatThrownBy(() -> from(Map.of(), Map.of("MMSGUARD_ADMIN_TOKEN", TOKEN, "MMSGUARD_ADMIN_AUTH", "none"),
                null)).isInstanceOf(ConfigException.class).hasMessageContaining("admin.auth");
    }
}
