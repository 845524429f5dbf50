package io.mmsguard.deploy.manifests;

import static io.mmsguard.deploy.manifests.Manifests.baseObjects;
import static io.mmsguard.deploy.manifests.Manifests.documents;
import static io.mmsguard.deploy.manifests.Manifests.list;
import static io.mmsguard.deploy.manifests.Manifests.map;
import static io.mmsguard.deploy.manifests.Manifests.name;
import static io.mmsguard.deploy.manifests.Manifests.path;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.mmsguard.gateway.GatewayConfig;
import org.junit.jupiter.api.Test;

/**
 * The reply-partition contract: gateway pod i owns mms.decisions partitions i*n .. i*n+n-1, so the topic needs
 * (most gateways that can run) x n partitions, in the base, in every overlay and at the HPA's maximum.
 */
class GatewayManifestsTest {
    private static final String GATEWAY = "mmsguard-gateway";
    private final List<Map<String, Object>> objects = baseObjects();

    private WorkloadManifestsTest.ServiceContainer gateway() {
        return WorkloadManifestsTest.serviceContainers(objects).stream()
                .filter(s -> s.service() == Manifests.Service.GATEWAY).findFirst().orElseThrow();
    }

    @Test
    void theOrdinalIsThePodIndexAndTheIdThePodName() {
        WorkloadManifestsTest.ServiceContainer gateway = gateway();
        assertThat(gateway.workload().get("kind")).isEqualTo("StatefulSet");
        Map<String, Map<String, Object>> env = new java.util.HashMap<>();
        list(gateway.container().get("env")).forEach(e -> env.put(String.valueOf(map(e).get("name")), map(e)));
        assertThat(path(env.get("MMSGUARD_GATEWAY_ORDINAL"), "valueFrom", "fieldRef", "fieldPath"))
                .isEqualTo("metadata.labels['apps.kubernetes.io/pod-index']");
        assertThat(path(env.get("MMSGUARD_GATEWAY_ID"), "valueFrom", "fieldRef", "fieldPath"))
                .isEqualTo("metadata.name");
        // The env names are the ones Settings maps to the keys.
        assertThat(io.mmsguard.service.Settings.envName("gateway.ordinal")).isEqualTo("MMSGUARD_GATEWAY_ORDINAL");
        assertThat(io.mmsguard.service.Settings.envName("gateway.id")).isEqualTo("MMSGUARD_GATEWAY_ID");
    }

    @Test
    void mmsDecisionsHasAPartitionForEveryGatewayThatCanRun() {
        int perGateway = partitionsPerGateway();
        int decisions = TopicManifestsTest.decisionsPartitions();
        int most = Manifests.integer(path(Manifests.byName(objects, "StatefulSet", GATEWAY), "spec", "replicas"));
        for (String overlay : List.of("dev", "production")) {
            Kustomization k = Kustomization.overlay(overlay);
            for (Map<String, Object> patch : k.strategicMergePatches()) {
                Object replicas = path(patch, "spec", "replicas");
                if ("StatefulSet".equals(patch.get("kind")) && GATEWAY.equals(name(patch)) && replicas != null) {
                    most = Math.max(most, Manifests.integer(replicas));
                }
            }
            for (Path file : k.resources()) {
                for (Object doc : documents(file)) {
                    if ("HorizontalPodAutoscaler".equals(map(doc).get("kind"))) {
                        assertThat(path(doc, "spec", "scaleTargetRef", "name")).as("only the gateway scales")
                                .isEqualTo(GATEWAY);
                        most = Math.max(most, Manifests.integer(path(doc, "spec", "maxReplicas")));
                    }
                }
            }
        }
        assertThat(most * perGateway).as("gateways x partitions-per-gateway").isLessThanOrEqualTo(decisions);
        assertThat(Manifests.ofKind(objects, "HorizontalPodAutoscaler")).as("no HPA in the base").isEmpty();
    }

    @Test
    void podIOwnsItsOwnPartitions() {
        WorkloadManifestsTest.ServiceContainer gateway = gateway();
        int perGateway = partitionsPerGateway();
        for (int ordinal = 0; ordinal < 4; ordinal++) {
            Map<String, String> env = new java.util.HashMap<>(gateway.env());
            env.put("MMSGUARD_GATEWAY_ORDINAL", String.valueOf(ordinal));
            GatewayConfig config = GatewayConfig.from(gateway.service().settings(gateway.configFile(), env));
            int first = ordinal * perGateway;
            assertThat(config.replyPartitions()).as("pod " + ordinal)
                    .isEqualTo(java.util.stream.IntStream.range(first, first + perGateway).boxed().toList());
        }
    }

    private int partitionsPerGateway() {
        return gateway().settings().integer("gateway.partitions-per-gateway", 1);
    }
}
