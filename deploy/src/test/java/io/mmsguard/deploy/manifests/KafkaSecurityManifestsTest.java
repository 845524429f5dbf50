package io.mmsguard.deploy.manifests;

import static io.mmsguard.deploy.manifests.Manifests.K8S_BASE;
import static io.mmsguard.deploy.manifests.Manifests.list;
import static io.mmsguard.deploy.manifests.Manifests.map;
import static io.mmsguard.deploy.manifests.Manifests.name;
import static io.mmsguard.deploy.manifests.Manifests.path;
import static io.mmsguard.deploy.manifests.Manifests.podSpec;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.mmsguard.deploy.AccessPlan;
import io.mmsguard.service.Settings;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes runs Kafka as compose does: a TLS listener with SCRAM-SHA-512 and simple authorization; every service
 * connects with SASL_SSL as its own AccessPlan principal, whose credential comes from the Strimzi user Secret (never
 * from the ConfigMap), trusts the cluster CA mounted from its Secret, and only reads the registry.
 */
class KafkaSecurityManifestsTest {
    static final String CLUSTER_CA = "mmsguard-cluster-ca-cert";
    static final String JAAS_VARIABLE = "MMSGUARD_KAFKA_SASL_JAAS_CONFIG";
    private final List<Map<String, Object>> objects = Manifests.baseObjects();

    /** The principal each service runs as. */
    static String principal(Manifests.Service service) {
        return switch (service) {
            case GATEWAY -> AccessPlan.GATEWAY;
            case STREAMS -> AccessPlan.INSPECTION;
            case NOTIFIER -> AccessPlan.NOTIFIER;
        };
    }

    /** The client settings every service file carries; the credential is not among them. */
    static void assertSaslSsl(Settings settings, String where) {
        Map<String, String> kafka = settings.under("kafka.");
        assertThat(kafka).as(where).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("ssl.truststore.type", "PEM")
                .containsKey("ssl.truststore.location");
        assertThat(settings.under("serde.")).as(where).containsEntry("auto.register.schemas", "false");
    }

    static void assertNoCredentialIn(Path file) throws IOException {
        assertThat(Files.readString(file)).as(file.toString()).doesNotContain("sasl.jaas.config:", "ScramLoginModule");
    }

    @Test
    void theOnlyListenerIsTlsWithScramAndTheClusterAuthorizesByAcls() {
        Map<String, Object> kafka = Manifests.byName(objects, "Kafka", "mmsguard");
        List<Object> listeners = list(path(kafka, "spec", "kafka", "listeners"));
        assertThat(listeners).isNotEmpty().allSatisfy(l -> {
            assertThat(map(l).get("tls")).isEqualTo(true);
            assertThat(path(l, "authentication", "type")).isEqualTo("scram-sha-512");
        });
        assertThat(path(kafka, "spec", "kafka", "authorization", "type")).isEqualTo("simple");
    }

    @Test
    void everyServiceConnectsWithSaslSslAsItsOwnPrincipalWithTheSecretsCredentialAndTheClusterCa()
            throws IOException {
        int port = Manifests.integer(map(list(path(Manifests.byName(objects, "Kafka", "mmsguard"), "spec", "kafka",
                "listeners")).get(0)).get("port"));
        List<String> users = Manifests.ofKind(objects, "KafkaUser").stream().map(Manifests::name).toList();
        List<WorkloadManifestsTest.ServiceContainer> services = WorkloadManifestsTest.serviceContainers(objects);
        assertThat(services).hasSizeGreaterThanOrEqualTo(3);
        for (WorkloadManifestsTest.ServiceContainer s : services) {
            String where = name(s.workload());
            Settings settings = s.settings();
            assertSaslSsl(settings, where);
            assertNoCredentialIn(s.configFile());
            assertThat(settings.under("kafka.").get("bootstrap.servers")).as(where).endsWith(":" + port);
            Map<String, Object> jaas = list(s.container().get("env")).stream().map(Manifests::map)
                    .filter(e -> JAAS_VARIABLE.equals(e.get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError(where + ": no " + JAAS_VARIABLE));
            assertThat(path(jaas, "valueFrom", "secretKeyRef", "name")).as(where).isEqualTo(principal(s.service()));
            assertThat(path(jaas, "valueFrom", "secretKeyRef", "key")).as(where).isEqualTo("sasl.jaas.config");
            assertThat(users).as("KafkaUsers").contains(principal(s.service()));
            assertMountedClusterCa(s.workload(), s.container(), settings.under("kafka.").get("ssl.truststore.location"));
        }
    }

    @Test
    void theRegistryConnectsAsItsPrincipalAndTheSchemasJobRegistersTheContracts() throws IOException {
        Map<String, Object> registry = Manifests.byName(objects, "Deployment", "mmsguard-registry");
        Map<String, Object> container = Manifests.containers(registry).get(0);
        Map<String, String> env = Manifests.env(container);
        assertThat(env.get("APICURIO_KAFKASQL_BOOTSTRAP_SERVERS")).endsWith(":9093");
        Map<String, Object> jaas = list(container.get("env")).stream().map(Manifests::map)
                .filter(e -> "KAFKA_SASL_JAAS_CONFIG".equals(e.get("name"))).findFirst().orElseThrow();
        assertThat(path(jaas, "valueFrom", "secretKeyRef", "name")).isEqualTo(AccessPlan.REGISTRY);
        String properties = Files.readString(K8S_BASE.resolve("config/registry-kafka.properties"));
        assertThat(properties).contains("apicurio.kafka.common.security.protocol=SASL_SSL",
                "apicurio.kafka.common.sasl.mechanism=SCRAM-SHA-512",
                "apicurio.kafka.common.sasl.jaas.config=${KAFKA_SASL_JAAS_CONFIG}",
                "apicurio.kafka.common.ssl.endpoint.identification.algorithm=https");
        assertMountedClusterCa(registry, container, "/var/run/mmsguard/kafka-ca/ca.crt");

        Map<String, Object> job = Manifests.byName(objects, "Job", "mmsguard-schemas");
        Map<String, Object> schemas = map(list(podSpec(job).get("containers")).get(0));
        assertThat(list(schemas.get("args"))).startsWith("schemas", "register");
        assertThat(path(job, "spec", "template", "metadata", "labels", "app.kubernetes.io/part-of"))
                .isEqualTo("mmsguard");
    }

    @Test
    void theRegistryAdmitsOnlyMmsguardPods() {
        Map<String, Object> policy = Manifests.byName(objects, "NetworkPolicy", "mmsguard-registry-clients");
        assertThat(path(policy, "spec", "podSelector", "matchLabels", "app.kubernetes.io/name"))
                .isEqualTo("mmsguard-registry");
        assertThat(list(path(policy, "spec", "ingress"))).singleElement().satisfies(rule ->
                assertThat(list(map(rule).get("from"))).singleElement().satisfies(from -> assertThat(
                        path(from, "podSelector", "matchLabels", "app.kubernetes.io/part-of")).isEqualTo("mmsguard")));
    }

    private static void assertMountedClusterCa(Map<String, Object> workload, Map<String, Object> container,
                                               String truststore) {
        Path location = Path.of(truststore);
        Map<String, Object> mount = list(container.get("volumeMounts")).stream().map(Manifests::map)
                .filter(m -> location.getParent().equals(Path.of(String.valueOf(m.get("mountPath"))))).findFirst()
                .orElseThrow(() -> new AssertionError(name(workload) + ": nothing mounted at " + location.getParent()));
        Map<String, Object> volume = list(podSpec(workload).get("volumes")).stream().map(Manifests::map)
                .filter(v -> mount.get("name").equals(v.get("name"))).findFirst().orElseThrow();
        assertThat(path(volume, "secret", "secretName")).as(name(workload)).isEqualTo(CLUSTER_CA);
        assertThat(list(path(volume, "secret", "items"))).as(name(workload)).anySatisfy(i -> assertThat(map(i))
                .containsEntry("key", "ca.crt").containsEntry("path", location.getFileName().toString()));
    }
}
