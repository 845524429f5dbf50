package io.mmsguard.deploy.manifests;

import static io.mmsguard.deploy.manifests.Manifests.COMPOSE;
import static io.mmsguard.deploy.manifests.Manifests.GRAFANA;
import static io.mmsguard.deploy.manifests.Manifests.K8S;
import static io.mmsguard.deploy.manifests.Manifests.PROMETHEUS;
import static io.mmsguard.deploy.manifests.Manifests.documents;
import static io.mmsguard.deploy.manifests.Manifests.files;
import static io.mmsguard.deploy.manifests.Manifests.list;
import static io.mmsguard.deploy.manifests.Manifests.map;
import static io.mmsguard.deploy.manifests.Manifests.path;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Every deployment file parses, every Kubernetes object is well formed, every file a kustomization names exists. */
class ManifestFilesTest {

    @Test
    void everyYamlDocumentParses() {
        List<Path> yaml = new ArrayList<>();
        for (Path dir : List.of(K8S, COMPOSE, PROMETHEUS, GRAFANA)) {
            yaml.addAll(files(dir, ".yaml", ".yml"));
        }
        assertThat(yaml).hasSizeGreaterThan(20);
        for (Path file : yaml) {
            assertThat(documents(file)).as(file.toString()).isNotEmpty();
        }
    }

    /** No shipped password: a placeholder left in a deployment is how a listener ends up open (docs/security.md). */
    @Test
    void noDeploymentFileShipsAPlaceholderPassword() throws IOException {
        for (Path dir : List.of(K8S, COMPOSE)) {
            for (Path file : files(dir, ".yaml", ".yml", ".env")) {
                String text = Files.readString(file).toLowerCase(java.util.Locale.ROOT);
                for (String placeholder : List.of("change-me", "changeme", "changeit", ":-admin}", ":-password}")) {
                    assertThat(text).as(file + " ships a placeholder password").doesNotContain(placeholder);
                }
                assertThat(text).as(file + ": a secret variable with a default")
                        .doesNotContainPattern("password:-");
            }
        }
    }

    @Test
    void everyGrafanaDashboardIsJson() throws IOException {
        List<Path> dashboards = files(GRAFANA.resolve("dashboards"), ".json");
        assertThat(dashboards).isNotEmpty();
        for (Path file : dashboards) {
            Map<?, ?> dashboard = new ObjectMapper().readValue(file.toFile(), Map.class);
            assertThat(dashboard.get("uid")).as(file + " uid").isNotNull();
            assertThat((List<?>) dashboard.get("panels")).as(file + " panels").isNotEmpty();
        }
    }

    @Test
    void everyKubernetesObjectHasApiVersionKindAndName() {
        List<Path> jsonPatches = kustomizations().stream()
                .flatMap(k -> k.json6902Patches().stream().map(Kustomization.Json6902::file)).toList();
        assertThat(jsonPatches).isNotEmpty();
        for (Path file : files(K8S, ".yaml")) {
            if (file.getFileName().toString().equals("kustomization.yaml") || file.getParent().endsWith("config")
                    || jsonPatches.contains(file)) {
                continue;
            }
            for (Object doc : documents(file)) {
                Map<String, Object> object = map(doc);
                assertThat(object.get("apiVersion")).as(file + " apiVersion").isNotNull();
                assertThat(object.get("kind")).as(file + " kind").isNotNull();
                assertThat(path(object, "metadata", "name")).as(file + " metadata.name").isNotNull();
            }
        }
    }

    @Test
    void everyFileAKustomizationNamesExists() {
        List<Kustomization> kustomizations = kustomizations();
        assertThat(kustomizations).extracting(k -> K8S.relativize(k.dir()).toString())
                .contains("base", "overlays/dev", "overlays/production");
        for (Kustomization k : kustomizations) {
            for (Path base : k.bases()) {
                assertThat(base.resolve("kustomization.yaml")).as(k.dir() + " base").isRegularFile();
            }
            List<Path> files = new ArrayList<>(k.resources());
            files.addAll(k.strategicMergePatchFiles());
            k.json6902Patches().forEach(p -> files.add(p.file()));
            for (Path file : files) {
                assertThat(file).as(k.dir() + ": a file it names").isRegularFile();
            }
            for (Object generator : list(k.fields().get("configMapGenerator"))) {
                for (Object entry : list(map(generator).get("files"))) {
                    String source = String.valueOf(entry).substring(String.valueOf(entry).indexOf('=') + 1);
                    assertThat(k.dir().resolve(source)).as(k.dir() + " configMapGenerator").isRegularFile();
                }
            }
        }
    }

    /**
     * Every kustomization is one that kustomize v2.0.3 (CI's kubectl 1.20) and current kustomize render alike: only
     * fields v2.0.3 reads, files (not directories) in resources, and JSON patches that name their one target by
     * group, version, kind and name (v2.0.3 finds no target by kind alone). RenderedManifestsTest renders them;
     * this says why a rendering would fail where no kubectl is installed.
     */
    @Test
    void everyKustomizationUsesOnlyWhatKustomize203Reads() {
        for (Kustomization k : kustomizations()) {
            assertThat(k.fields().keySet()).as(k.dir() + " fields")
                    .isSubsetOf(Kustomization.KUSTOMIZE_2_0_3_FIELDS);
            for (Path resource : k.resources()) {
                assertThat(resource).as(k.dir() + " resource (a directory goes in bases)").isRegularFile();
            }
            for (Kustomization.Json6902 patch : k.json6902Patches()) {
                assertThat(Arrays.asList(patch.version(), patch.kind(), patch.name()))
                        .as(k.dir() + " patchesJson6902 target of " + patch.file()).doesNotContainNull();
                assertThat(patch.operations()).as(patch.file().toString()).isNotEmpty();
            }
        }
    }

    @Test
    void overlayPatchesTargetObjectsOfTheBase() {
        List<Map<String, Object>> base = Manifests.baseObjects();
        for (String overlay : List.of("dev", "production")) {
            Kustomization k = Kustomization.overlay(overlay);
            for (Map<String, Object> patch : k.strategicMergePatches()) {
                assertThat(base).as(overlay + " patch target " + patch.get("kind") + " " + Manifests.name(patch))
                        .anyMatch(o -> o.get("kind").equals(patch.get("kind"))
                                && o.get("apiVersion").equals(patch.get("apiVersion"))
                                && Manifests.name(o).equals(Manifests.name(patch)));
            }
            for (Kustomization.Json6902 patch : k.json6902Patches()) {
                assertThat(base).as(overlay + " patch target " + patch.kind() + " " + patch.name())
                        .anyMatch(patch::targets);
            }
        }
    }

    /** A JSON patch names one object: the dev overlay has one for every topic, so each has the one Kafka node. */
    @Test
    void theDevOverlayGivesEveryTopicOneReplica() {
        List<Map<String, Object>> topics = Manifests.ofKind(Manifests.overlayObjects("dev", Manifests.baseObjects()),
                "KafkaTopic");
        assertThat(topics).isNotEmpty().allSatisfy(t -> {
            assertThat(path(t, "spec", "replicas")).as(Manifests.name(t) + " replicas").isEqualTo(1);
            assertThat(path(t, "spec", "config", "min.insync.replicas")).as(Manifests.name(t) + " min ISR")
                    .isEqualTo(1);
        });
    }

    private static List<Kustomization> kustomizations() {
        return files(K8S, "kustomization.yaml").stream().map(p -> Kustomization.of(p.getParent())).toList();
    }
}
