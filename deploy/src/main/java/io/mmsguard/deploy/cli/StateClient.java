package io.mmsguard.deploy.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmsguard.service.log.UserInfo;

/**
 * Asks the inspection service's {@code /state/flood} or {@code /state/duplicate} endpoint (FEATURES.md C3), or
 * {@code /state/top}. Any instance answers: one that does not own the key forwards the question to the owner; for
 * the top, the instance asked merges every instance's own.
 */
final class StateClient {
    /** The admin bearer token when no --token-file is given; the services read the same variable. */
    static final String TOKEN_VARIABLE = "MMSGUARD_ADMIN_TOKEN";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Kind { FLOOD, DUPLICATE }

    /** The answer as sent, and parsed. */
    record Answer(String body, JsonNode json) {
    }

    private final URI base;
    private final Optional<String> token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** @param token the admin bearer token, if the service requires one */
    StateClient(URI base, Optional<String> token) {
        this.base = base;
        this.token = token;
    }

    /**
     * @param mmsInterface null for every interface
     * @param profile      null for every profile in force; one that is not in force is a usage error (exit 2) that
     *                     lists those that are
     */
    Answer query(Kind kind, String mmsInterface, String key, String profile) {
        return get("/state/" + kind.name().toLowerCase(), "key=" + enc(key)
                + (mmsInterface == null ? "" : "&interface=" + enc(mmsInterface))
                + (profile == null ? "" : "&profile=" + enc(profile)), profile);
    }

    /** {@code /state/top}: the keys with the highest counts across every instance, best first. */
    Answer top(Kind kind, String mmsInterface, int limit, String profile) {
        return get("/state/top", "kind=" + kind.name().toLowerCase() + "&interface=" + enc(mmsInterface)
                + "&limit=" + limit + (profile == null ? "" : "&profile=" + enc(profile)), profile);
    }

    /** @param profile the {@code --profile} asked for, named when the service does not know it */
    private Answer get(String route, String query, String profile) {
        String path = (base.getPath() == null || base.getPath().equals("/") ? "" : base.getPath()) + route;
        URI uri = base.resolve(path + "?" + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        String where = UserInfo.mask(base);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw CliException.unreachable("cannot reach the inspection service at " + where + " within "
                    + TIMEOUT.toSeconds() + "s", e);
        } catch (HttpTimeoutException e) {
            throw CliException.unreachable("the inspection service at " + where + " did not answer within "
                    + TIMEOUT.toSeconds() + "s", e);
        } catch (IOException e) {
            throw CliException.unreachable("cannot reach the inspection service at " + where + ": "
                    + UserInfo.mask(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, "interrupted", e);
        }
        if (response.statusCode() == 401) {
            throw new CliException(ExitCodes.FAILED, "the inspection service at " + where + " answered HTTP 401: "
                    + (token.isEmpty() ? "it requires the admin token: give --token-file FILE or " + TOKEN_VARIABLE
                    : "the admin token given is not the service's"));
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, UserInfo.mask(uri) + " answered HTTP " + response.statusCode()
                    + " without JSON: " + response.body().strip(), e);
        }
        if (response.statusCode() == 404 && json.has("profiles")) {
            throw new CliException(ExitCodes.USAGE, "--profile " + profile + ": " + json.path("error").asText());
        }
        if (response.statusCode() != 200) {
            throw new CliException(ExitCodes.FAILED, "the inspection service answered HTTP " + response.statusCode()
                    + ": " + json.path("error").asText(response.body().strip()));
        }
        return new Answer(response.body(), json);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
