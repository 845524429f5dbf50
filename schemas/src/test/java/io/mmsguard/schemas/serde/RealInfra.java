package io.mmsguard.schemas.serde;

import java.util.Map;

import io.mmsguard.schemas.registry.SchemaRegistryClient;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;

/** The shared real broker and registry, as the serde integration tests address them. */
record RealInfra(String bootstrap, String registryUrl, SchemaRegistryClient registry) {
    static RealInfra of(KafkaTestCluster kafka, ApicurioRegistry apicurio) {
        return new RealInfra(kafka.bootstrapServers(), apicurio.url(),
                SchemaRegistryClient.create(Map.of("schema.registry.url", apicurio.url())));
    }
}
