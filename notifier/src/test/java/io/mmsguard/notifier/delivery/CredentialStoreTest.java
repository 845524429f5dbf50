package io.mmsguard.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {

    @TempDir
    Path dir;

    @Test
    void theEnvironmentWinsOverTheSecretsDirectory() throws Exception {
        Files.writeString(dir.resolve("mmsc-admin"), "file:pw\n");
        Files.writeString(dir.resolve("vasp.1"), "vasp:pw");
        CredentialStore store = new CredentialStore(dir, Map.of("MMSGUARD_SECRET_MMSC_ADMIN", "env:pw"));
        assertThat(store.apply("mmsc-admin")).contains("env:pw");
        assertThat(store.apply("vasp.1")).contains("vasp:pw");
        assertThat(CredentialStore.envName("vasp.1")).isEqualTo("MMSGUARD_SECRET_VASP_1");
    }

    @Test
    void aRotatedFileAppliesToTheNextLookUp() throws Exception {
        CredentialStore store = new CredentialStore(dir, Map.of());
        Files.writeString(dir.resolve("mmsc"), "u:old");
        assertThat(store.apply("mmsc")).contains("u:old");
        Files.writeString(dir.resolve("mmsc"), "u:new\n");
        assertThat(store.apply("mmsc")).contains("u:new");
    }

    @Test
    void namesCannotLeaveTheDirectoryAndBadValuesGiveNothing() throws Exception {
        Path inner = Files.createDirectory(dir.resolve("secrets"));
        Files.writeString(dir.resolve("outside"), "u:pw");
        Files.writeString(inner.resolve("nocolon"), "justapassword");
        Files.writeString(inner.resolve("huge"), "u:" + "x".repeat(5000));
        CredentialStore store = new CredentialStore(inner, Map.of());
        assertThat(store.apply("../outside")).isEmpty();
        assertThat(store.apply(".hidden")).isEmpty();
        assertThat(store.apply("nocolon")).isEmpty();
        assertThat(store.apply("huge")).isEmpty();
        assertThat(store.apply("missing")).isEmpty();
        assertThat(store.apply(null)).isEmpty();
        assertThat(new CredentialStore(null, Map.of()).apply("missing")).isEqualTo(Optional.empty());
    }
}
