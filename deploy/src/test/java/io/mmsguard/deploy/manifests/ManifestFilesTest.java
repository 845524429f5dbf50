package io.mmsguard.deploy.manifests;

import static io.mmsguard.deploy.manifests.Manifests.COMPOSE;
import static io.mmsguard.deploy.manifests.Manifests.GRAFANA;
import static io.mmsguard.deploy.manifests.Manifests.K8S;
import static io.mmsguard.deploy.manifests.Manifests.PROMETHEUS;
import static io.mmsguard.deploy.manifests.Manifests.document;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
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
        for (Path file : files(K8S, ".yaml")) {
            if (file.getFileName().toString().equals("kustomization.yaml") || file.getParent().endsWith("config")) {
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
        List<Path> kustomizations = files(K8S, "kustomization.yaml");
        assertThat(kustomizations).extracting(p -> K8S.relativize(p).toString())
                .contains("base/kustomization.yaml", "overlays/dev/kustomization.yaml",
                        "overlays/production/kustomization.yaml");
        for (Path kustomization : kustomizations) {
            Path dir = kustomization.getParent();
            Map<String, Object> k = document(kustomization);
            for (Object resource : list(k.get("resources"))) {
                Path target = dir.resolve(String.valueOf(resource)).normalize();
                assertThat(Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml")))
                        .as(kustomization + " resource " + resource).isTrue();
            }
            for (Object patch : list(k.get("patches"))) {
                Object file = map(patch).get("path");
                if (file != null) {
                    assertThat(dir.resolve(String.valueOf(file))).as(kustomization + " patch").isRegularFile();
                }
            }
            for (Object generator : list(k.get("configMapGenerator"))) {
                for (Object entry : list(map(generator).get("files"))) {
                    String source = String.valueOf(entry).substring(String.valueOf(entry).indexOf('=') + 1);
                    assertThat(dir.resolve(source)).as(kustomization + " configMapGenerator").isRegularFile();
                }
            }
        }
    }

    /** Where kubectl is installed (it is not required), the base and both overlays render with its kustomize. */
    @Test
    void kubectlKustomizeRendersTheBaseAndTheOverlaysWhereKubectlIsInstalled() throws Exception {
        Path kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(kubectl != null, "kubectl is not installed");
        for (String dir : List.of("base", "overlays/dev", "overlays/production")) {
            Process p = new ProcessBuilder(kubectl.toString(), "kustomize", K8S.resolve(dir).toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(dir).isTrue();
            assertThat(p.exitValue()).as(dir + ": " + out).isZero();
            assertThat(out).as(dir).contains("kind: KafkaTopic", "kind: StatefulSet");
        }
    }

    @Test
    void overlayPatchesTargetObjectsOfTheBase() {
        List<Map<String, Object>> base = Manifests.baseObjects();
        for (String overlay : List.of("dev", "production")) {
            Path dir = K8S.resolve("overlays").resolve(overlay);
            Map<String, Object> k = document(dir.resolve("kustomization.yaml"));
            for (Object patch : list(k.get("patches"))) {
                Map<String, Object> p = map(patch);
                List<Map<String, Object>> targets = new ArrayList<>();
                if (p.get("path") != null) {
                    documents(dir.resolve(String.valueOf(p.get("path")))).forEach(d -> targets.add(map(d)));
                } else {
                    targets.add(Map.of("kind", path(p, "target", "kind"),
                            "metadata", map(path(p, "target")).containsKey("name")
                                    ? Map.of("name", path(p, "target", "name")) : Map.of()));
                }
                for (Map<String, Object> target : targets) {
                    Object name = path(target, "metadata", "name");
                    assertThat(base).as(overlay + " patch target " + target.get("kind") + " " + name)
                            .anyMatch(o -> o.get("kind").equals(target.get("kind"))
                                    && (name == null || name.equals(path(o, "metadata", "name"))));
                }
            }
            for (Object replicas : list(k.get("replicas"))) {
                Object name = map(replicas).get("name");
                assertThat(Manifests.workloads(base)).as(overlay + " replicas of " + name)
                        .anyMatch(w -> name.equals(Manifests.name(w)));
            }
        }
    }
}
