package io.mmsguard.deploy.manifests;

import static io.mmsguard.deploy.manifests.Manifests.K8S;
import static io.mmsguard.deploy.manifests.Manifests.list;
import static io.mmsguard.deploy.manifests.Manifests.map;
import static io.mmsguard.deploy.manifests.Manifests.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl's kustomize renders the base and both overlays (CI: Debian bookworm's kubectl 1.20 with kustomize v2.0.3,
 * the oldest kustomize the overlays are written for), and every object it renders parses strictly with the model of
 * its kind: fabric8's Kubernetes model for the built-in kinds, the pinned Strimzi release's io.strimzi:api for
 * Strimzi's. Skipped without kubectl, failed under MMSGUARD_REQUIRE_ORACLES=true.
 */
class RenderedManifestsTest {
    private static final List<String> DIRS = List.of("base", "overlays/dev", "overlays/production");
    private static final Map<String, List<Map<String, Object>>> RENDERED = new LinkedHashMap<>();
    private static String kubectlVersion;

    @BeforeAll
    static void render() throws Exception {
        Kubectl kubectl = Kubectl.require();
        kubectlVersion = kubectl.version();
        for (String dir : DIRS) {
            RENDERED.put(dir, kubectl.kustomize(K8S.resolve(dir)));
        }
    }

    /** The objects of the base and of the overlay's own resources, and one ConfigMap per generator, nothing else. */
    @Test
    void everyDirectoryRendersTheObjectsItAndItsBasesName() {
        for (String dir : DIRS) {
            Kustomization k = Kustomization.of(K8S.resolve(dir));
            List<Map<String, Object>> expected = new ArrayList<>(Manifests.baseObjects());
            if (!dir.equals("base")) {
                k.resources().forEach(f -> Manifests.documents(f).forEach(d -> expected.add(map(d))));
            }
            List<Map<String, Object>> rendered = RENDERED.get(dir);
            assertThat(kindsAndNames(rendered)).as(kubectlVersion + ": " + dir).isEqualTo(kindsAndNames(expected));
            int generators = list(Kustomization.of(Manifests.K8S_BASE).fields().get("configMapGenerator")).size();
            assertThat(Manifests.ofKind(rendered, "ConfigMap")).as(dir + " generated ConfigMaps").hasSize(generators);
        }
    }

    @Test
    void everyRenderedKubernetesObjectParsesStrictlyWithFabric8sModel() {
        for (String dir : DIRS) {
            List<Map<String, Object>> builtIn = RENDERED.get(dir).stream()
                    .filter(o -> !StrimziManifestsTest.isStrimzi(o)).toList();
            assertThat(builtIn).extracting(o -> o.get("kind")).as(dir)
                    .contains("Namespace", "ConfigMap", "Secret", "Service", "StatefulSet", "Deployment", "Job",
                            "PodDisruptionBudget", "NetworkPolicy");
            for (Map<String, Object> object : builtIn) {
                HasMetadata parsed = (HasMetadata) KubernetesModel.parse(object);
                assertThat(parsed.getMetadata().getName()).as(dir).isEqualTo(name(object));
            }
        }
        assertThat(RENDERED.get("overlays/production")).extracting(o -> o.get("kind"))
                .contains("HorizontalPodAutoscaler", "PersistentVolumeClaim");
    }

    @Test
    void everyRenderedStrimziObjectParsesStrictlyWithTheModelOfThePinnedRelease(@TempDir Path tmp) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String dir : DIRS) {
            List<Map<String, Object>> strimzi = StrimziManifestsTest.strimzi(RENDERED.get(dir));
            assertThat(strimzi).extracting(o -> o.get("kind")).as(dir)
                    .contains("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser");
            files.addAll(StrimziManifestsTest.write(tmp, dir.replace('/', '-'), strimzi));
        }
        StrimziManifestsTest.ModelCheck check = StrimziManifestsTest.modelCheck(files);
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output().lines().filter(l -> l.startsWith("OK "))).as(check.output()).hasSize(files.size());
    }

    /**
     * The Strimzi objects the other tests read from k8s/ (the base's, and the overlays' through Manifests' own
     * application of their JSON patches) are the ones kubectl renders, but for the namespace kustomize sets.
     */
    @Test
    void theStrimziObjectsTheOtherTestsReadAreTheOnesKubectlRenders() {
        List<Map<String, Object>> base = Manifests.baseObjects();
        for (String dir : DIRS) {
            List<Map<String, Object>> read = StrimziManifestsTest.strimzi(dir.equals("base") ? base
                    : Manifests.overlayObjects(Path.of(dir).getFileName().toString(), base));
            List<Map<String, Object>> rendered = StrimziManifestsTest.strimzi(RENDERED.get(dir)).stream()
                    .map(RenderedManifestsTest::withoutNamespace).toList();
            assertThat(rendered).as(kubectlVersion + ": " + dir).containsExactlyInAnyOrderElementsOf(read);
        }
    }

    /** The strict parse fails on a misspelled field of a rendered object and on an apiVersion no model has. */
    @Test
    void theStrictParseRejectsAMisspelledFieldAndAnApiVersionWithoutModel() {
        List<Map<String, Object>> production = RENDERED.get("overlays/production");
        Map<String, Object> inspection = Manifests.byName(production, "StatefulSet", "mmsguard-inspection");
        assertThatThrownBy(() -> KubernetesModel.parse(Manifests.jsonPatch(inspection, List.of(Map.of("op", "add",
                "path", "/spec/template/spec/containers/0/imagePullPolicyy", "value", "Always")), "test")))
                .hasMessageContaining("Unrecognized field \"imagePullPolicyy\"");
        Map<String, Object> hpa = Manifests.ofKind(production, "HorizontalPodAutoscaler").get(0);
        assertThatThrownBy(() -> KubernetesModel.parse(Manifests.jsonPatch(hpa, List.of(Map.of("op", "add",
                "path", "/spec/behavior/scaleDown/stabilizationWindow", "value", 600)), "test")))
                .hasMessageContaining("Unrecognized field \"stabilizationWindow\"");
        Map<String, Object> pdb = Manifests.ofKind(production, "PodDisruptionBudget").get(0);
        assertThatThrownBy(() -> KubernetesModel.parse(Manifests.jsonPatch(pdb, List.of(Map.of("op", "replace",
                "path", "/apiVersion", "value", "policy/v2")), "test")))
                .hasMessageContaining("has no class for this apiVersion and kind");
    }

    private static Set<String> kindsAndNames(List<Map<String, Object>> objects) {
        Set<String> out = new TreeSet<>();
        objects.stream().filter(o -> !"ConfigMap".equals(o.get("kind")))
                .forEach(o -> out.add(o.get("apiVersion") + " " + o.get("kind") + " " + name(o)));
        return out;
    }

    private static Map<String, Object> withoutNamespace(Map<String, Object> object) {
        Map<String, Object> copy = new LinkedHashMap<>(object);
        Map<String, Object> metadata = new LinkedHashMap<>(map(object.get("metadata")));
        metadata.remove("namespace");
        copy.put("metadata", metadata);
        return copy;
    }
}
