package io.mmsguard.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RegistryClientConfigTest {

    @Test
    void acceptsACommaSeparatedUrlListAndDropsTrailingSlashes() {
        RegistryClientConfig c = RegistryClientConfig.from(Map.of("schema.registry.url", " http://a:8081/ , https://b:8081/apis/ccompat/v7"));
        assertThat(c.urls()).extracting(Object::toString).containsExactly("http://a:8081", "https://b:8081/apis/ccompat/v7");
        assertThat(c.authorization()).isEmpty();
        assertThat(c.cacheCapacity()).isEqualTo(1000);
        assertThat(c.latestCacheTtlMillis()).isEqualTo(-1);
    }

    @Test
    void basicAuthComesFromTheUrlByDefaultOrFromUserInfo() {
        assertThat(RegistryClientConfig.from(Map.of("schema.registry.url", "http://ops:s%3Acret@r:8081")).authorization())
                .contains("Basic " + b64("ops:s:cret"));
        assertThat(RegistryClientConfig.from(Map.of(
                "schema.registry.url", "http://r:8081",
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "analyst:pw")).authorization())
                .contains("Basic " + b64("analyst:pw"));
        assertThat(RegistryClientConfig.from(Map.of(
                "schema.registry.url", "http://r:8081",
                "basic.auth.credentials.source", "USER_INFO",
                "schema.registry.basic.auth.user.info", "alias:pw")).authorization())
                .contains("Basic " + b64("alias:pw"));
    }

    @Test
    void bearerTokenAuthentication() {
        assertThat(RegistryClientConfig.from(Map.of(
                "schema.registry.url", "http://r:8081",
                "bearer.auth.credentials.source", "STATIC_TOKEN",
                "bearer.auth.token", "tok")).authorization()).contains("Bearer tok");
    }

    @Test
    void rejectsMissingOrBadSettingsNamingTheKey() {
        assertThatThrownBy(() -> RegistryClientConfig.from(Map.of()))
                .hasMessageContaining("schema.registry.url is required");
        assertThatThrownBy(() -> RegistryClientConfig.from(Map.of("schema.registry.url", "ftp://r")))
                .hasMessageContaining("only http and https");
        assertThatThrownBy(() -> RegistryClientConfig.from(Map.of("schema.registry.url", "http://r",
                "basic.auth.credentials.source", "USER_INFO")))
                .hasMessageContaining("basic.auth.user.info is required");
        assertThatThrownBy(() -> RegistryClientConfig.from(Map.of("schema.registry.url", "http://r",
                "basic.auth.credentials.source", "SASL_INHERIT")))
                .hasMessageContaining("expected URL or USER_INFO");
        assertThatThrownBy(() -> RegistryClientConfig.from(Map.of("schema.registry.url", "http://r",
                "max.schemas.per.subject", "lots")))
                .hasMessageContaining("max.schemas.per.subject must be an integer");
        assertThatThrownBy(() -> RegistryClientConfig.from(Map.of("schema.registry.url", List.of())))
                .hasMessageContaining("required");
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
