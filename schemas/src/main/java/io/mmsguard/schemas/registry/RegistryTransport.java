package io.mmsguard.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmsguard.service.log.UserInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTP to a Confluent-protocol registry: the content type it expects, credentials, failover across
 * the configured URLs on connection errors, and error bodies turned into typed exceptions. Answers are read
 * with a size cap so that a misbehaving server cannot exhaust memory.
 */
final class RegistryTransport {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = CONTENT_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(RegistryTransport.class);
    /**
     * Closes a body stream whose answer is late. The request timeout ends with the response headers: a registry (or a
     * proxy) that sends them and then stalls would otherwise hold the caller, a stream thread or the CLI, for ever.
     */
    private static final ScheduledExecutorService BODY_DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "registry-body-deadline");
        t.setDaemon(true);
        return t;
    });

    private final RegistryClientConfig config;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    RegistryTransport(RegistryClientConfig config) {
        this.config = config;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (config.tls().configured()) {
            builder.sslContext(sslContext(config.tls()));
        }
        this.http = builder.build();
    }

    ObjectMapper json() {
        return json;
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, ObjectNode body) {
        return send("POST", path, body);
    }

    JsonNode put(String path, ObjectNode body) {
        return send("PUT", path, body);
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    private JsonNode send(String method, String path, ObjectNode body) {
        List<URI> urls = config.urls();
        IOException lastFailure = null;
        for (URI base : urls) {
            URI uri = resolve(base, path);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(config.readTimeout())
                    .header("Accept", ACCEPT);
            config.authorization().ifPresent(a -> request.header("Authorization", a));
            if (body != null) {
                request.header("Content-Type", CONTENT_TYPE);
                request.method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                // Only a failure to talk to this URL moves on to the next one; an answer, even an error, is final.
                lastFailure = e;
                log.warn("schema registry {} {} failed: {}", method, uri, UserInfo.mask(e));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException.Unavailable("interrupted while calling the schema registry", e);
            }
            return handle(method, uri, response);
        }
        throw new SchemaRegistryException.Unavailable("no schema registry answered at " + UserInfo.mask(urls) + ": "
                + UserInfo.mask(lastFailure), lastFailure);
    }

    private JsonNode handle(String method, URI uri, HttpResponse<InputStream> response) {
        String text;
        InputStream body = response.body();
        ScheduledFuture<?> deadline = BODY_DEADLINES.schedule(() -> closeQuietly(body),
                config.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new SchemaRegistryException("schema registry answer to " + method + " " + uri + " exceeds "
                        + MAX_RESPONSE_BYTES + " bytes", response.statusCode(), -1);
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SchemaRegistryException.Unavailable("reading the answer of " + method + " " + uri + " failed"
                    + (deadline.isDone() ? " (not complete within " + config.readTimeout().toMillis() + " ms)" : ""),
                    e);
        } finally {
            deadline.cancel(false);
        }
        int status = response.statusCode();
        JsonNode node = parse(text);
        if (status >= 200 && status < 300) {
            if (node == null && !text.isBlank()) {
                throw new SchemaRegistryException("schema registry answered " + method + " " + uri
                        + " with non-JSON: " + abbreviate(text), status, -1);
            }
            return node;
        }
        int code = node != null && node.hasNonNull("error_code") ? node.get("error_code").asInt(-1) : -1;
        String message = node != null && node.hasNonNull("message") ? node.get("message").asText() : abbreviate(text);
        throw SchemaRegistryException.fromResponse(status, code, method + " " + uri.getPath() + ": " + message);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            log.debug("closing a late registry answer failed", e);
        }
    }

    private JsonNode parse(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }

    /* The user info of a URL is sent as an Authorization header, never as part of the request line. */
    private static URI resolve(URI base, String path) {
        try {
            URI clean = new URI(base.getScheme(), null, base.getHost(), base.getPort(), base.getPath(), null, null);
            return URI.create(clean + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad registry URL " + UserInfo.mask(base));
        }
    }

    private static SSLContext sslContext(RegistryClientConfig.TlsSettings tls) {
        try {
            TrustManagerFactory tmf = null;
            if (tls.truststoreLocation() != null) {
                KeyStore trust = load(tls.truststoreLocation(), tls.truststorePassword(), tls.truststoreType());
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
            }
            KeyManagerFactory kmf = null;
            if (tls.keystoreLocation() != null) {
                KeyStore keys = load(tls.keystoreLocation(), tls.keystorePassword(), tls.keystoreType());
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                String keyPassword = tls.keyPassword() != null ? tls.keyPassword() : tls.keystorePassword();
                kmf.init(keys, keyPassword == null ? null : keyPassword.toCharArray());
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set up TLS for the schema registry: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String location, String password, String type) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Paths.get(location))) {
            store.load(in, password == null ? null : password.toCharArray());
        }
        return store;
    }
}
