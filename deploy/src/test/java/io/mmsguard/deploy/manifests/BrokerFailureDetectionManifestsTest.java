package io.mmsguard.deploy.manifests;

import static io.mmsguard.deploy.manifests.Manifests.COMPOSE;
import static io.mmsguard.deploy.manifests.Manifests.document;
import static io.mmsguard.deploy.manifests.Manifests.map;
import static io.mmsguard.deploy.manifests.Manifests.path;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.mmsguard.testkit.BrokerProcessCluster;
import org.junit.jupiter.api.Test;

/**
 * The brokers of compose and of the Kubernetes cluster notice a killed node as fast as the chaos suite's brokers
 * do, so that the suite's figures (docs/reliability.md) are what an operator gets; and Strimzi passes every one of
 * those keys on instead of dropping it with a warning in its operator's log.
 */
class BrokerFailureDetectionManifestsTest {
    private static final String KAFKA_CLUSTER_SPEC = "io/strimzi/api/kafka/model/kafka/KafkaClusterSpec.class";

    @Test
    void composeBrokersDetectFailuresAsTheChaosSuiteDoes() {
        Map<String, Object> services = map(document(COMPOSE.resolve("compose.yaml")).get("services"));
        List<String> brokers = services.keySet().stream().filter(s -> s.matches("kafka-\\d+")).toList();
        assertThat(brokers).hasSize(3);
        for (String broker : brokers) {
            Map<String, Object> env = map(map(services.get(broker)).get("environment"));
            BrokerProcessCluster.FAILURE_DETECTION.forEach((key, value) -> {
                String variable = "KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
                assertThat(String.valueOf(env.get(variable))).as(broker + " " + variable).isEqualTo(value);
            });
        }
    }

    @Test
    void strimziBrokersDetectFailuresAsTheChaosSuiteDoes() {
        Map<String, Object> kafka = Manifests.byName(Manifests.baseObjects(), "Kafka", "mmsguard");
        Map<String, Object> config = map(path(kafka, "spec", "kafka", "config"));
        BrokerProcessCluster.FAILURE_DETECTION.forEach((key, value) ->
                assertThat(String.valueOf(config.get(key))).as("Strimzi " + key).isEqualTo(value));
    }

    /**
     * Strimzi's own lists, KafkaClusterSpec.FORBIDDEN_PREFIXES and FORBIDDEN_PREFIX_EXCEPTIONS, read from the class
     * file's constant pool: io.strimzi:api 1.x is Java 21 bytecode, which this JVM cannot load.
     */
    @Test
    void strimziLetsEveryFailureDetectionKeyThrough() throws IOException {
        List<String> constants = ClassFileStrings.of(KAFKA_CLUSTER_SPEC);
        List<String> forbidden = split(only(constants, "listeners, advertised."));
        List<String> exceptions = split(only(constants, "zookeeper.connection.timeout.ms, "));
        assertThat(forbidden).contains("broker.", "controller.");
        assertThat(BrokerProcessCluster.FAILURE_DETECTION.keySet()).allSatisfy(key ->
                assertThat(exceptions.contains(key) || forbidden.stream().noneMatch(key::startsWith))
                        .as(key + " reaches the brokers").isTrue());
    }

    private static String only(List<String> constants, String prefix) {
        List<String> found = constants.stream().filter(c -> c.startsWith(prefix)).toList();
        assertThat(found).as("a constant of KafkaClusterSpec starting " + prefix).hasSize(1);
        return found.get(0);
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).toList();
    }
}
