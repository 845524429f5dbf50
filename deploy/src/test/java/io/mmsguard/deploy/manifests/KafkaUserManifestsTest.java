package io.mmsguard.deploy.manifests;

import static io.mmsguard.deploy.manifests.Manifests.K8S_BASE;
import static io.mmsguard.deploy.manifests.Manifests.name;
import static io.mmsguard.deploy.manifests.Manifests.path;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import io.mmsguard.deploy.AccessPlan;
import io.mmsguard.deploy.KafkaUserManifest;
import org.junit.jupiter.api.Test;

/**
 * k8s/base/kafka-users.yaml is AccessPlan rendered ({@code ./mmsguard acl strimzi}), listed in the kustomization;
 * StrimziManifestsTest parses its resources with the Strimzi model.
 */
class KafkaUserManifestsTest {

    @Test
    void theCommittedKafkaUsersAreTheRenderingOfTheAccessPlan() throws IOException {
        String committed = Files.readString(K8S_BASE.resolve("kafka-users.yaml"));
        assertThat(committed).as("k8s/base/kafka-users.yaml; regenerate with ./mmsguard acl strimzi")
                .isEqualTo(KafkaUserManifest.render(AccessPlan.principals()));
    }

    @Test
    void everyPrincipalIsAScramUserWithSimpleAuthorizationOfTheCluster() {
        List<Map<String, Object>> users = Manifests.ofKind(Manifests.baseObjects(), "KafkaUser");
        assertThat(users).extracting(Manifests::name).containsExactlyElementsOf(
                AccessPlan.principals().stream().map(AccessPlan.Principal::name).toList());
        assertThat(users).allSatisfy(u -> {
            assertThat(path(u, "spec", "authentication", "type")).as(name(u)).isEqualTo("scram-sha-512");
            assertThat(path(u, "spec", "authorization", "type")).as(name(u)).isEqualTo("simple");
            assertThat(path(u, "metadata", "labels", "strimzi.io/cluster")).as(name(u)).isEqualTo("mmsguard");
        });
    }
}
