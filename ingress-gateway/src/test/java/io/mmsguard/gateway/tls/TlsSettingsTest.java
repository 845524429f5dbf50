package io.mmsguard.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.service.ConfigException;
import io.mmsguard.service.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSettingsTest {
    @TempDir
    Path dir;

    private static Settings settings(Map<String, String> values) {
        return Settings.of(values, GatewayConfig.KEYS);
    }

    @Test
    void absentWithoutAKeyStoreAndDefaultsOtherwise() {
        assertThat(TlsSettings.from(settings(Map.of()), "mm1.tls")).isEmpty();
        TlsSettings tls = TlsSettings.from(settings(Map.of("mm1.tls.key-store", "/k.p12")), "mm1.tls").orElseThrow();
        assertThat(tls.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(tls.cipherSuites()).isEmpty();
        assertThat(tls.clientAuth()).isEqualTo(TlsSettings.ClientAuth.NONE);
        assertThat(tls.reloadInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(tls.password()).isEmpty();
    }

    @Test
    void everyKeyIsReadForSmtpStartTlsToo() throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), "s3cret\n");
        TlsSettings tls = TlsSettings.from(settings(Map.of("mm4.starttls.key-store", "/k.p12",
                "mm4.starttls.password-file", password.toString(), "mm4.starttls.protocols", "TLSv1.3",
                "mm4.starttls.cipher-suites", "TLS_AES_128_GCM_SHA256", "mm4.starttls.client-auth", "required",
                "mm4.starttls.trust-store", "/t.p12", "mm4.starttls.trust-store-password", "t",
                "mm4.starttls.reload-interval", "0s")), "mm4.starttls").orElseThrow();
        assertThat(new String(tls.password())).isEqualTo("s3cret");
        assertThat(tls.protocols()).containsExactly("TLSv1.3");
        assertThat(tls.cipherSuites()).containsExactly("TLS_AES_128_GCM_SHA256");
        assertThat(tls.clientAuth()).isEqualTo(TlsSettings.ClientAuth.REQUIRED);
        assertThat(tls.trustStore().orElseThrow().file()).isEqualTo(Path.of("/t.p12"));
        assertThat(new String(tls.trustStore().orElseThrow().password())).isEqualTo("t");
        assertThat(tls.reloadInterval()).isZero();
    }

    @Test
    void invalidValuesNameTheirKey() {
        record Case(Map<String, String> values, String key) {
        }
        for (Case c : List.of(
                new Case(Map.of("mm7.tls.client-auth", "required"), "mm7.tls.trust-store"),
                new Case(Map.of("mm7.tls.client-auth", "sometimes"), "mm7.tls.client-auth"),
                new Case(Map.of("mm7.tls.protocols", "SSLv3.5"), "mm7.tls.protocols"),
                new Case(Map.of("mm7.tls.cipher-suites", "TLS_NONSENSE"), "mm7.tls.cipher-suites"),
                new Case(Map.of("mm7.tls.password", "a", "mm7.tls.password-file", "/p"), "mm7.tls.password-file"),
                new Case(Map.of("mm7.tls.password-file", "/does/not/exist"), "mm7.tls.password-file"))) {
            Map<String, String> values = new java.util.HashMap<>(c.values());
            values.put("mm7.tls.key-store", "/k.p12");
            assertThatThrownBy(() -> TlsSettings.from(settings(values), "mm7.tls")).as(c.toString())
                    .isInstanceOf(ConfigException.class).hasMessageContaining(c.key());
        }
    }

    @Test
    void ofUsesTheDefaults() {
        TlsSettings tls = TlsSettings.of(Path.of("/k.p12"), new char[0]);
        assertThat(tls.protocols()).isEqualTo(TlsSettings.DEFAULT_PROTOCOLS);
        assertThat(tls.trustStore()).isEqualTo(Optional.empty());
    }
}
