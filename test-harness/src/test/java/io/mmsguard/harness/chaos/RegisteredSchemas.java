package io.mmsguard.harness.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

/**
 * What the registry holds, read through the Confluent-compatible API the services use: every subject with its
 * versions, and the schema of a version.
 */
final class RegisteredSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RegisteredSchemas() {
    }

    /** Subject to its versions, in order. */
    static Map<String, List<Integer>> versions(String registryUrl) {
        Map<String, List<Integer>> out = new TreeMap<>();
        for (JsonNode subject : get(registryUrl, "/subjects")) {
            List<Integer> versions = new ArrayList<>();
            get(registryUrl, "/subjects/" + encode(subject.asText()) + "/versions")
                    .forEach(v -> versions.add(v.asInt()));
            out.put(subject.asText(), List.copyOf(versions));
        }
        return out;
    }

    static Schema schema(String registryUrl, String subject, int version) {
        String text = get(registryUrl, "/subjects/" + encode(subject) + "/versions/" + version).path("schema")
                .asText();
        return new Schema.Parser().parse(text);
    }

    private static JsonNode get(String registryUrl, String path) {
        URI uri = URI.create(registryUrl + path);
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: GET " + uri, e);
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
