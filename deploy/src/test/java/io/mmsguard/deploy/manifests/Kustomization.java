package io.mmsguard.deploy.manifests;

import static io.mmsguard.deploy.manifests.Manifests.documents;
import static io.mmsguard.deploy.manifests.Manifests.list;
import static io.mmsguard.deploy.manifests.Manifests.map;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One kustomization.yaml of k8s/ and the files it names, read the way kustomize v2.0.3 reads it: the kustomize built
 * into Debian bookworm's kubectl 1.20, the only kubectl CI can install, which current kustomize still agrees with.
 */
record Kustomization(Path dir, Map<String, Object> fields) {
    /**
     * The fields kustomize v2.0.3 reads (it fails on any other: {@code replicas}, {@code components},
     * {@code labels}...), less {@code patches}, which v2.0.3 reads as a list of strategic merge patch files and
     * current kustomize as patches with targets: one file cannot mean the same to both.
     */
    static final Set<String> KUSTOMIZE_2_0_3_FIELDS = Set.of("apiVersion", "kind", "namePrefix", "nameSuffix",
            "namespace", "commonLabels", "commonAnnotations", "patchesStrategicMerge", "patchesJson6902", "crds",
            "resources", "bases", "configMapGenerator", "secretGenerator", "generatorOptions", "vars", "imageTags",
            "images", "configurations");

    static Kustomization of(Path dir) {
        return new Kustomization(dir, Manifests.document(dir.resolve("kustomization.yaml")));
    }

    /** The kustomizations of the overlays, by name. */
    static Kustomization overlay(String name) {
        return of(Manifests.K8S.resolve("overlays").resolve(name));
    }

    /** Other kustomization directories this one builds on. */
    List<Path> bases() {
        return paths("bases");
    }

    /** Files of objects (v2.0.3 takes no directory here). */
    List<Path> resources() {
        return paths("resources");
    }

    List<Path> strategicMergePatchFiles() {
        return paths("patchesStrategicMerge");
    }

    /** Every document of every strategic merge patch file: partial objects, merged into the base's. */
    List<Map<String, Object>> strategicMergePatches() {
        List<Map<String, Object>> out = new ArrayList<>();
        strategicMergePatchFiles().forEach(f -> documents(f).forEach(d -> out.add(map(d))));
        return out;
    }

    List<Json6902> json6902Patches() {
        return list(fields.get("patchesJson6902")).stream().map(Manifests::map).map(p -> {
            Map<String, Object> target = map(p.get("target"));
            return new Json6902(Manifests.string(target.get("group")), Manifests.string(target.get("version")),
                    Manifests.string(target.get("kind")), Manifests.string(target.get("name")),
                    dir.resolve(String.valueOf(p.get("path"))).normalize());
        }).toList();
    }

    private List<Path> paths(String field) {
        return list(fields.get(field)).stream().map(f -> dir.resolve(String.valueOf(f)).normalize()).toList();
    }

    /** A patchesJson6902 entry: the one object it targets and the file of its RFC 6902 operations. */
    record Json6902(String group, String version, String kind, String name, Path file) {
        /** The target's apiVersion: {@code group/version}, or {@code version} for the core group. */
        String apiVersion() {
            return group == null ? version : group + "/" + version;
        }

        boolean targets(Map<String, Object> object) {
            return kind.equals(object.get("kind")) && apiVersion().equals(object.get("apiVersion"))
                    && java.util.Objects.equals(name, Manifests.name(object));
        }

        List<Object> operations() {
            List<Object> docs = documents(file);
            if (docs.size() != 1) {
                throw new AssertionError(file + ": expected one list of JSON patch operations");
            }
            return list(docs.get(0));
        }
    }
}
