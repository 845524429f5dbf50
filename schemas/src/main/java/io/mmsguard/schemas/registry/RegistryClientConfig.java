package io.mmsguard.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.mmsguard.service.log.UserInfo;

import static io.mmsguard.schemas.ConfigValues.longValue;
import static io.mmsguard.schemas.ConfigValues.positiveInt;
import static io.mmsguard.schemas.ConfigValues.string;

/**
 * Settings of the registry client under Confluent's own key names, so that a Kafka client config written for
 * Confluent's serializer works unchanged. Unknown keys are ignored (they belong to Kafka or the serde).
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><td>schema.registry.url</td><td>comma-separated base URLs, tried in order on connection failure</td></tr>
 * <tr><td>basic.auth.credentials.source</td><td>URL (user info in the URL, default) or USER_INFO</td></tr>
 * <tr><td>basic.auth.user.info, schema.registry.basic.auth.user.info</td><td>user:password</td></tr>
 * <tr><td>bearer.auth.credentials.source, bearer.auth.token</td><td>STATIC_TOKEN and its token</td></tr>
 * <tr><td>max.schemas.per.subject</td><td>capacity of each schema/id cache, default 1000</td></tr>
 * <tr><td>latest.cache.size, latest.cache.ttl.sec</td><td>cache of "latest version" answers; default 1000 and -1 (never expires)</td></tr>
 * <tr><td>http.connect.timeout.ms, http.read.timeout.ms</td><td>default 60000 each</td></tr>
 * <tr><td>schema.registry.ssl.truststore.location/.password/.type, schema.registry.ssl.keystore.location/.password/.type,
 * schema.registry.ssl.key.password</td><td>TLS to the registry</td></tr>
 * </table>
 */
public final class RegistryClientConfig {
    public static final String URL = "schema.registry.url";
    public static final String BASIC_AUTH_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String REGISTRY_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String BEARER_AUTH_SOURCE = "bearer.auth.credentials.source";
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    public static final String MAX_SCHEMAS_PER_SUBJECT = "max.schemas.per.subject";
    public static final String LATEST_CACHE_SIZE = "latest.cache.size";
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";
    public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String SSL_PREFIX = "schema.registry.ssl.";

    private final List<URI> urls;
    private final Optional<String> authorization;
    private final int cacheCapacity;
    private final int latestCacheSize;
    private final long latestCacheTtlMillis;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final TlsSettings tls;

    /** Keystore and truststore for HTTPS registries; absent locations mean the JDK defaults. */
    public record TlsSettings(String truststoreLocation, String truststorePassword, String truststoreType,
                              String keystoreLocation, String keystorePassword, String keystoreType, String keyPassword) {
        public boolean configured() {
            return truststoreLocation != null || keystoreLocation != null;
        }
    }

    private RegistryClientConfig(Map<String, ?> configs) {
        this.urls = parseUrls(configs.get(URL));
        this.authorization = authorization(configs, urls.get(0));
        this.cacheCapacity = positiveInt(configs, MAX_SCHEMAS_PER_SUBJECT, 1000);
        this.latestCacheSize = positiveInt(configs, LATEST_CACHE_SIZE, 1000);
        long ttlSec = longValue(configs, LATEST_CACHE_TTL_SEC, -1);
        this.latestCacheTtlMillis = ttlSec < 0 ? -1 : ttlSec * 1000;
        this.connectTimeout = Duration.ofMillis(positiveInt(configs, CONNECT_TIMEOUT_MS, 60_000));
        this.readTimeout = Duration.ofMillis(positiveInt(configs, READ_TIMEOUT_MS, 60_000));
        this.tls = new TlsSettings(
                string(configs, SSL_PREFIX + "truststore.location"), string(configs, SSL_PREFIX + "truststore.password"),
                Optional.ofNullable(string(configs, SSL_PREFIX + "truststore.type")).orElse("JKS"),
                string(configs, SSL_PREFIX + "keystore.location"), string(configs, SSL_PREFIX + "keystore.password"),
                Optional.ofNullable(string(configs, SSL_PREFIX + "keystore.type")).orElse("JKS"),
                string(configs, SSL_PREFIX + "key.password"));
    }

    /** Reads the client settings out of a Kafka-style config map; fails with the key name on a bad value. */
    public static RegistryClientConfig from(Map<String, ?> configs) {
        return new RegistryClientConfig(Objects.requireNonNull(configs, "configs"));
    }

    /** The common case: one URL, no authentication, default caches. */
    public static RegistryClientConfig of(String url) {
        return from(Map.of(URL, url));
    }

    private static List<URI> parseUrls(Object value) {
        List<String> raw = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            c.forEach(v -> raw.add(String.valueOf(v)));
        } else if (value != null) {
            raw.addAll(List.of(String.valueOf(value).split(",")));
        }
        List<URI> urls = new ArrayList<>();
        for (String s : raw) {
            String trimmed = s.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = URI.create(trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
            } catch (IllegalArgumentException e) {
                // Not chained: the cause's message repeats the URL unmasked.
                throw new IllegalArgumentException(URL + ": not a URL: " + UserInfo.mask(trimmed) + " ("
                        + UserInfo.mask(e.getMessage()) + ")");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException(URL + ": only http and https URLs are supported: "
                        + UserInfo.mask(trimmed));
            }
            urls.add(uri);
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException(URL + " is required (e.g. http://127.0.0.1:8081)");
        }
        return List.copyOf(urls);
    }

    private static Optional<String> authorization(Map<String, ?> configs, URI firstUrl) {
        String bearerSource = string(configs, BEARER_AUTH_SOURCE);
        if (bearerSource != null) {
            if (!"STATIC_TOKEN".equalsIgnoreCase(bearerSource)) {
                throw new IllegalArgumentException(BEARER_AUTH_SOURCE + ": only STATIC_TOKEN is supported, got " + bearerSource);
            }
            String token = string(configs, BEARER_AUTH_TOKEN);
            if (token == null) {
                throw new IllegalArgumentException(BEARER_AUTH_TOKEN + " is required with " + BEARER_AUTH_SOURCE + "=STATIC_TOKEN");
            }
            return Optional.of("Bearer " + token);
        }
        String source = Optional.ofNullable(string(configs, BASIC_AUTH_SOURCE)).orElse("URL").toUpperCase(Locale.ROOT);
        String userInfo;
        switch (source) {
            case "URL" -> userInfo = firstUrl.getRawUserInfo();
            case "USER_INFO" -> {
                userInfo = Optional.ofNullable(string(configs, BASIC_AUTH_USER_INFO))
                        .orElse(string(configs, REGISTRY_BASIC_AUTH_USER_INFO));
                if (userInfo == null) {
                    throw new IllegalArgumentException(BASIC_AUTH_USER_INFO + " is required with " + BASIC_AUTH_SOURCE + "=USER_INFO");
                }
            }
            default -> throw new IllegalArgumentException(BASIC_AUTH_SOURCE + ": expected URL or USER_INFO, got " + source);
        }
        if (userInfo == null || userInfo.isEmpty()) {
            return Optional.empty();
        }
        String decoded = java.net.URLDecoder.decode(userInfo, java.nio.charset.StandardCharsets.UTF_8);
        return Optional.of("Basic " + java.util.Base64.getEncoder()
                .encodeToString(decoded.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * Base URLs as configured, user info included (requests send it in the Authorization header instead, and
     * messages show it {@link UserInfo#mask masked}).
     */
    public List<URI> urls() {
        return urls;
    }

    /** The Authorization header value, if any credentials are configured. */
    public Optional<String> authorization() {
        return authorization;
    }

    public int cacheCapacity() {
        return cacheCapacity;
    }

    public int latestCacheSize() {
        return latestCacheSize;
    }

    public long latestCacheTtlMillis() {
        return latestCacheTtlMillis;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public TlsSettings tls() {
        return tls;
    }
}
