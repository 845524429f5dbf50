package io.mmsguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mmsguard.schemas.Contracts;
import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.EmbeddedKafka;
import io.mmsguard.testkit.KafkaSecurity;
import io.mmsguard.testkit.tls.TestPki;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry as compose and Kubernetes run it: Apicurio's kafkasql storage on SASL_SSL with SCRAM-SHA-512 as
 * principal mmsguard-registry, configured by k8s/base/config/registry-kafka.properties (QUARKUS_CONFIG_LOCATIONS)
 * and the JAAS configuration in KAFKA_SASL_JAAS_CONFIG, with AccessPlan's ACLs on; the schemas step registers the
 * contracts through it.
 */
class RegistryOnSecuredKafkaIntegrationTest {
    private static final Path PROPERTIES = Path.of("..", "k8s", "base", "config", "registry-kafka.properties")
            .toAbsolutePath().normalize();

    @Test
    void theRegistryStoresTheContractsInKafkaAsItsPrincipal(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        KafkaSecurity security = KafkaSecurity.scram(List.of(AccessPlan.REGISTRY), Optional.of(pki));
        try (EmbeddedKafka kafka = EmbeddedKafka.secured(dir.resolve("kafka"), security).start()) {
            Map<String, Object> admin = new java.util.HashMap<>(security.clientProperties(KafkaSecurity.ADMIN));
            admin.put("bootstrap.servers", kafka.bootstrapServers());
            try (Admin client = Admin.create(admin)) {
                KafkaAcls.apply(client, AccessPlan.principals());
            }
            try (ApicurioRegistry registry = ApicurioRegistry.startOnKafka(dir.resolve("registry"),
                    kafka.bootstrapServers(),
                    // The one setting the test moves: where the CA is (the containers mount it elsewhere).
                    List.of("-Dapicurio.kafka.common.ssl.truststore.location=" + pki.caPem()),
                    Map.of("QUARKUS_CONFIG_LOCATIONS", PROPERTIES.toString(),
                            "KAFKA_SASL_JAAS_CONFIG", KafkaSecurity.jaas(AccessPlan.REGISTRY,
                                    security.password(AccessPlan.REGISTRY))),
                    Duration.ofMinutes(3))) {
                SchemaRegistryClient client = SchemaRegistryClient.create(Map.of("schema.registry.url", registry.url()));
                Map<String, Integer> ids = ContractSchemas.registerAll(client);

                assertThat(ids).hasSize(Contracts.ALL.size());
                assertThat(client.subjects()).containsAll(ids.keySet());
                try (Admin client2 = Admin.create(admin)) {
                    assertThat(client2.listTopics().names().get()).containsAll(AccessPlan.REGISTRY_TOPICS);
                }
            }
        }
    }
}
