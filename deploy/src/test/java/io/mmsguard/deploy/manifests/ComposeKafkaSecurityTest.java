package io.mmsguard.deploy.manifests;

import static io.mmsguard.deploy.manifests.Manifests.COMPOSE;
import static io.mmsguard.deploy.manifests.Manifests.document;
import static io.mmsguard.deploy.manifests.Manifests.list;
import static io.mmsguard.deploy.manifests.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mmsguard.deploy.AccessPlan;
import io.mmsguard.service.Settings;
import org.junit.jupiter.api.Test;

/**
 * compose runs Kafka locked as Kubernetes does: brokers with a SASL_SSL (SCRAM-SHA-512) client listener, mTLS among
 * themselves, ACLs by the StandardAuthorizer; the topic step creates a SCRAM user per AccessPlan principal, the acls
 * step applies the plan, the schemas step registers the contracts; every service connects as its principal with the
 * password from the environment, and the registry publishes no port.
 */
class ComposeKafkaSecurityTest {
    private static final Pattern JAAS = Pattern.compile(
            "ScramLoginModule required username=\"([^\"]+)\"\\s+password=\"\\$\\{(KAFKA_[A-Z]+_PASSWORD):\\?[^}]*}\";");
    private final Map<String, Object> services = map(document(COMPOSE.resolve("compose.yaml")).get("services"));

    @Test
    void theBrokersServeClientsOnSaslSslWithScramAndAuthorizeByAcls() {
        for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            Map<String, Object> env = map(map(services.get(broker)).get("environment"));
            assertThat(String.valueOf(env.get("KAFKA_ADVERTISED_LISTENERS"))).as(broker)
                    .startsWith("SASL_SSL://" + broker + ":9092").doesNotContain("PLAINTEXT");
            assertThat(String.valueOf(env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"))).as(broker)
                    .doesNotContain("PLAINTEXT");
            assertThat(env).containsEntry("KAFKA_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_AUTHORIZER_CLASS_NAME",
                            "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                    .containsEntry("KAFKA_SUPER_USERS", "User:CN=kafka-broker")
                    .containsEntry("KAFKA_LISTENER_NAME_CONTROLLER_SSL_CLIENT_AUTH", "required")
                    .containsEntry("KAFKA_LISTENER_NAME_INTERNAL_SSL_CLIENT_AUTH", "required");
        }
    }

    @Test
    void theTopicStepCreatesAScramUserForEveryPrincipalAndTheAclStepAppliesThePlan() throws IOException {
        String script = Files.readString(COMPOSE.resolve("create-topics.sh"));
        Matcher user = Pattern.compile("^user (\\S+) (KAFKA_[A-Z]+_PASSWORD)$", Pattern.MULTILINE).matcher(script);
        List<String> users = new java.util.ArrayList<>();
        Map<String, Object> topicsEnv = map(map(services.get("topics")).get("environment"));
        while (user.find()) {
            users.add(user.group(1));
            assertThat(topicsEnv).as("topics environment").containsKey(user.group(2));
        }
        assertThat(users).containsExactlyElementsOf(
                AccessPlan.principals().stream().map(AccessPlan.Principal::name).toList());
        assertThat(list(map(services.get("acls")).get("command"))).startsWith("acl", "apply");
        assertThat(list(map(services.get("schemas")).get("command"))).startsWith("schemas", "register");
    }

    @Test
    void everyServiceConnectsAsItsPrincipalWithThePasswordFromTheEnvironmentAndOnlyReadsTheRegistry()
            throws IOException {
        for (ComposeManifestsTest.ComposeService s : ComposeManifestsTest.mmsguardServices(services).values()) {
            Settings settings = s.service().settings(s.configFile(), s.env());
            KafkaSecurityManifestsTest.assertSaslSsl(settings, s.name());
            KafkaSecurityManifestsTest.assertNoCredentialIn(s.configFile());
            // as written in compose.yaml, before interpolation: the password is the operator's variable
            Matcher jaas = JAAS.matcher(String.valueOf(map(s.definition().get("environment"))
                    .get(KafkaSecurityManifestsTest.JAAS_VARIABLE)));
            assertThat(jaas.find()).as(s.name() + " " + KafkaSecurityManifestsTest.JAAS_VARIABLE).isTrue();
            assertThat(jaas.group(1)).as(s.name()).isEqualTo(KafkaSecurityManifestsTest.principal(s.service()));
            Path ca = Path.of(settings.under("kafka.").get("ssl.truststore.location")).getParent();
            assertThat(list(s.definition().get("volumes"))).as(s.name()).contains("kafka-ca:" + ca + ":ro");
            assertThat(map(s.definition().get("depends_on"))).as(s.name()).containsKeys("acls", "schemas");
        }
    }

    @Test
    void theRegistryConnectsAsItsPrincipalAndPublishesNoPort() {
        Map<String, Object> registry = map(services.get("registry"));
        assertThat(registry).doesNotContainKey("ports");
        Matcher jaas = JAAS.matcher(String.valueOf(map(registry.get("environment")).get("KAFKA_SASL_JAAS_CONFIG")));
        assertThat(jaas.find()).isTrue();
        assertThat(jaas.group(1)).isEqualTo(AccessPlan.REGISTRY);
        assertThat(list(registry.get("volumes"))).contains(
                "../../k8s/base/config/registry-kafka.properties:/etc/registry/kafka.properties:ro");
    }
}
