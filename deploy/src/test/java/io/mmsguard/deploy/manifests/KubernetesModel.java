package io.mmsguard.deploy.manifests;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * fabric8's Kubernetes model (the version io.strimzi:api is built on, parent pom's fabric8.version) as the schema of
 * the built-in kinds: an object parses into the class fabric8 registers for its apiVersion and kind, and any field
 * that class does not have fails the parse, naming its path.
 */
final class KubernetesModel {
    /** Only its registry of apiVersion and kind to model class is used; its own mapper keeps unknown fields. */
    private static final KubernetesSerialization REGISTRY = new KubernetesSerialization();
    private static final ObjectMapper STRICT = StrictModelMapper.create();

    private KubernetesModel() {
    }

    /** The object as fabric8's model of its kind; an AssertionError naming the object when it does not parse. */
    static KubernetesResource parse(Map<String, Object> object) {
        String apiVersion = String.valueOf(object.get("apiVersion"));
        String kind = String.valueOf(object.get("kind"));
        String what = apiVersion + " " + kind + " " + Manifests.name(object);
        Class<? extends KubernetesResource> type = REGISTRY.getRegisteredKubernetesResource(apiVersion, kind);
        if (type == null || type == GenericKubernetesResource.class) {
            throw new AssertionError(what + ": fabric8's model has no class for this apiVersion and kind");
        }
        try {
            return STRICT.convertValue(object, type);
        } catch (IllegalArgumentException e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
    }
}
