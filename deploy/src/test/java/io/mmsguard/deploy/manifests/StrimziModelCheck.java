package io.mmsguard.deploy.manifests;

import java.io.File;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Parses Strimzi resources (one JSON file each) with the io.strimzi:api model classes and prints {@code OK FILE} or
 * {@code FAIL FILE: reason} per file; exits 1 when any failed. A main of its own because io.strimzi:api 1.x is Java 21
 * bytecode: {@link StrimziManifestsTest} runs it in a child JVM of Java 21 or later, so the model classes are named
 * here, never compiled against.
 */
public final class StrimziModelCheck {
    private static final Map<String, String> MODELS = Map.of(
            "Kafka", "io.strimzi.api.kafka.model.kafka.Kafka",
            "KafkaNodePool", "io.strimzi.api.kafka.model.nodepool.KafkaNodePool",
            "KafkaTopic", "io.strimzi.api.kafka.model.topic.KafkaTopic",
            "KafkaUser", "io.strimzi.api.kafka.model.user.KafkaUser");

    private StrimziModelCheck() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = StrictModelMapper.create();
        int failed = 0;
        for (String arg : args) {
            File file = new File(arg);
            try {
                check(mapper, mapper.readTree(file));
                System.out.println("OK " + file.getName());
            } catch (Exception e) {
                failed++;
                System.out.println("FAIL " + file.getName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    private static void check(ObjectMapper mapper, JsonNode resource) throws Exception {
        String kind = resource.path("kind").asText();
        String model = MODELS.get(kind);
        if (model == null) {
            throw new IllegalArgumentException("no io.strimzi:api model for kind '" + kind + "'");
        }
        Class<?> type = Class.forName(model);
        String group = (String) type.getField("RESOURCE_GROUP").get(null);
        List<?> served = (List<?>) type.getField("VERSIONS").get(null);
        String apiVersion = resource.path("apiVersion").asText();
        if (served.stream().noneMatch(v -> apiVersion.equals(group + "/" + v))) {
            throw new IllegalArgumentException("apiVersion " + apiVersion + " is not served for " + kind + "; served: "
                    + served.stream().map(v -> group + "/" + v).toList());
        }
        mapper.treeToValue(resource, type);
    }
}
