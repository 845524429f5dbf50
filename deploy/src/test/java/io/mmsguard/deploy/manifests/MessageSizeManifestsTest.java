package io.mmsguard.deploy.manifests;

import static io.mmsguard.deploy.manifests.Manifests.COMPOSE;
import static io.mmsguard.deploy.manifests.Manifests.K8S_BASE;
import static io.mmsguard.deploy.manifests.Manifests.document;
import static io.mmsguard.deploy.manifests.Manifests.map;
import static io.mmsguard.deploy.manifests.Manifests.path;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.mmsguard.codec.DecodeLimits;
import io.mmsguard.deploy.TopicPlan;
import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.schemas.MessageSize;
import io.mmsguard.schemas.Topics;
import org.junit.jupiter.api.Test;

/**
 * Every size setting of every deployment agrees with the one figure, {@link MessageSize}: the content-carrying
 * topics (TopicPlan, Strimzi, compose), the brokers (Strimzi, compose), the gateway's defaults and the decoders'
 * limit, and no configuration file sets a size of its own. A hop that refuses what the one before it accepted turns
 * a large message into a temporary failure the handset retries for ever (issue 15).
 */
class MessageSizeManifestsTest {
    private static final String RECORD = Integer.toString(MessageSize.MAX_RECORD_BYTES);
    private static final Set<String> CONTENT_TOPICS = Set.of(Topics.INBOUND, Topics.ARCHIVE);

    @Test
    void theFiguresAreDerivedFromSixteenMebibytesOfContent() {
        assertThat(MessageSize.MAX_CONTENT_BYTES).isEqualTo(16 * 1024 * 1024);
        assertThat(MessageSize.MAX_RECORD_BYTES).isGreaterThan(MessageSize.MAX_CONTENT_BYTES);
        // 16 MiB as base64 in lines of 76 characters plus CRLF, and room for the headers.
        assertThat(MessageSize.base64LinesBytes(MessageSize.MAX_CONTENT_BYTES)).isEqualTo(22_958_300);
        assertThat(MessageSize.base64LinesBytes(57)).isEqualTo(78);
        assertThat(MessageSize.MAX_WIRE_BYTES).isGreaterThan(MessageSize.base64LinesBytes(MessageSize.MAX_CONTENT_BYTES));
        assertThat(DecodeLimits.MAX_WIRE_BYTES).as("mms-codec's copy").isEqualTo(MessageSize.MAX_WIRE_BYTES);
        assertThat(DecodeLimits.DEFAULT.maxMessageBytes()).isEqualTo(MessageSize.MAX_WIRE_BYTES);
    }

    @Test
    void topicPlanGivesTheContentCarryingTopicsTheRecordSize() {
        Map<String, String> limits = TopicPlan.embedded().stream()
                .filter(t -> t.configs().containsKey(MessageSize.TOPIC_MAX_MESSAGE_BYTES))
                .collect(Collectors.toMap(TopicPlan.TopicSpec::name,
                        t -> t.configs().get(MessageSize.TOPIC_MAX_MESSAGE_BYTES)));
        assertThat(limits).isEqualTo(CONTENT_TOPICS.stream().collect(Collectors.toMap(t -> t, t -> RECORD)));
    }

    @Test
    void strimziAndComposeTopicsAgree() throws Exception {
        for (Map<String, TopicManifestsTest.Clustered> topics :
                List.of(TopicManifestsTest.kafkaTopics(), TopicManifestsTest.composeTopics())) {
            for (String topic : CONTENT_TOPICS) {
                assertThat(topics.get(topic).configs()).as(topic)
                        .containsEntry(MessageSize.TOPIC_MAX_MESSAGE_BYTES, RECORD);
            }
        }
    }

    @Test
    void theBrokersAcceptAndReplicateTheRecordSize() {
        Map<String, Object> kafka = Manifests.byName(Manifests.baseObjects(), "Kafka", "mmsguard");
        Map<String, Object> config = map(path(kafka, "spec", "kafka", "config"));
        MessageSize.brokerConfigs().forEach((key, value) ->
                assertThat(String.valueOf(config.get(key))).as("Strimzi " + key).isEqualTo(value));

        Map<String, Object> services = map(document(COMPOSE.resolve("compose.yaml")).get("services"));
        List<String> brokers = services.keySet().stream().filter(s -> s.matches("kafka-\\d+")).toList();
        assertThat(brokers).hasSize(3);
        for (String broker : brokers) {
            Map<String, Object> env = map(map(services.get(broker)).get("environment"));
            MessageSize.brokerConfigs().forEach((key, value) -> {
                String variable = "KAFKA_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
                assertThat(String.valueOf(env.get(variable))).as(broker + " " + variable).isEqualTo(value);
            });
        }
    }

    @Test
    void theGatewayDefaultsAreTheFigure() {
        Map<String, String> defaults = GatewayConfig.KEYS.defaults();
        String wire = Integer.toString(MessageSize.MAX_WIRE_BYTES);
        String content = Integer.toString(MessageSize.MAX_CONTENT_BYTES);
        for (String listener : List.of("mm1", "mm7")) {
            assertThat(defaults).containsEntry(listener + ".max-body-bytes", wire)
                    .containsEntry(listener + ".inline-limit", content);
        }
        for (String listener : List.of("mm3", "mm4")) {
            assertThat(defaults).containsEntry(listener + ".max-message-bytes", wire)
                    .containsEntry(listener + ".inline-limit", content);
        }
        assertThat(defaults).containsEntry("gateway.upstream-max-response-bytes", wire);
    }

    /** Sizes come from the code's defaults; a deployment file that sets one would drift from the figure. */
    @Test
    void noConfigurationFileSetsASizeOfItsOwn() {
        List<Path> files = Stream.concat(Manifests.files(K8S_BASE.resolve("config"), ".yaml").stream(),
                Manifests.files(COMPOSE.resolve("config"), ".yaml").stream()).toList();
        assertThat(files).isNotEmpty();
        List<String> sizeKeys = new ArrayList<>();
        for (Path file : files) {
            flatten("", document(file)).keySet().stream()
                    .filter(k -> k.matches(".*(max-body-bytes|max-message-bytes|inline-limit|max-response-bytes"
                            + "|max\\.request\\.size|max\\.message\\.bytes|message\\.max\\.bytes).*"))
                    .forEach(k -> sizeKeys.add(file.getFileName() + ": " + k));
        }
        assertThat(sizeKeys).isEmpty();
    }

    private static Map<String, Object> flatten(String prefix, Map<String, Object> node) {
        Map<String, Object> out = new TreeMap<>();
        node.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                out.putAll(flatten(prefix + k + ".", map(m)));
            } else {
                out.put(prefix + k, v);
            }
        });
        return out;
    }
}
