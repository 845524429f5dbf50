package io.mmsguard.deploy.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.inspection.service.InspectionConfig;
import io.mmsguard.notifier.app.NotifierConfig;
import io.mmsguard.service.AdminAuth;
import io.mmsguard.service.ConfigKeys;
import io.mmsguard.service.Settings;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the deployment files of the repository (k8s/, deploy/compose, deploy/prometheus, deploy/grafana) for the
 * contract tests. Surefire runs in deploy/, so the repository root is its parent.
 */
final class Manifests {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path K8S = REPO.resolve("k8s");
    static final Path K8S_BASE = K8S.resolve("base");
    static final Path COMPOSE = REPO.resolve("deploy/compose");
    static final Path PROMETHEUS = REPO.resolve("deploy/prometheus");
    static final Path GRAFANA = REPO.resolve("deploy/grafana");

    private Manifests() {
    }

    /** Every document of a YAML file (multi-document files included); a parse error fails with the file name. */
    static List<Object> documents(Path file) {
        try {
            return documentsOf(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a YAML text, e.g. a tool's output; a parse error fails naming {@code where}. */
    static List<Object> documentsOf(String text, String where) {
        try {
            List<Object> docs = new ArrayList<>();
            for (Object doc : strict().loadAll(text)) {
                if (doc != null) {
                    docs.add(doc);
                }
            }
            return docs;
        } catch (RuntimeException e) {
            throw new AssertionError(where + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    /** The one YAML document of a string. */
    static Object yaml(String text) {
        return strict().load(text);
    }

    /**
     * A key twice in one mapping is an error, as kubectl and compose report it: SnakeYAML's default keeps the last
     * one silently, which once hid a container's first {@code env:} list.
     */
    private static Yaml strict() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    static Map<String, Object> document(Path file) {
        List<Object> docs = documents(file);
        if (docs.size() != 1) {
            throw new AssertionError(file + ": expected one YAML document, found " + docs.size());
        }
        return map(docs.get(0));
    }

    static List<Path> files(Path dir, String... suffixes) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Kubernetes objects of the base: every document of every file its kustomization lists in resources. */
    static List<Map<String, Object>> baseObjects() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object resource : list(document(K8S_BASE.resolve("kustomization.yaml")).get("resources"))) {
            documents(K8S_BASE.resolve(String.valueOf(resource))).forEach(d -> out.add(map(d)));
        }
        return out;
    }

    /**
     * The objects an overlay renders from the base as far as its patchesJson6902 change them (its strategic merge
     * patches are not applied here); {@code RenderedManifestsTest} holds the Strimzi objects equal to kubectl's.
     */
    static List<Map<String, Object>> overlayObjects(String overlay, List<Map<String, Object>> base) {
        List<Kustomization.Json6902> patches = Kustomization.overlay(overlay).json6902Patches();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> object : base) {
            Map<String, Object> copy = deepCopy(object);
            for (Kustomization.Json6902 patch : patches) {
                if (patch.targets(object)) {
                    copy = jsonPatch(copy, patch.operations(), overlay);
                }
            }
            out.add(copy);
        }
        return out;
    }

    /** RFC 6902 add, replace and remove, as kustomize applies them; a path that does not resolve fails. */
    static Map<String, Object> jsonPatch(Map<String, Object> object, List<Object> operations, String where) {
        Map<String, Object> result = deepCopy(object);
        for (Object o : operations) {
            Map<String, Object> op = map(o);
            String[] tokens = String.valueOf(op.get("path")).substring(1).split("/");
            Object parent = result;
            for (int i = 0; i < tokens.length - 1; i++) {
                parent = parent instanceof List<?> l ? l.get(Integer.parseInt(tokens[i])) : map(parent).get(tokens[i]);
                if (parent == null) {
                    throw new AssertionError(where + ": " + op.get("path") + " does not resolve in " + name(object));
                }
            }
            String last = tokens[tokens.length - 1];
            String kind = String.valueOf(op.get("op"));
            if (parent instanceof List<?>) {
                List<Object> list = list(parent);
                switch (kind) {
                    case "add" -> list.add(last.equals("-") ? list.size() : Integer.parseInt(last), op.get("value"));
                    case "replace" -> list.set(Integer.parseInt(last), op.get("value"));
                    case "remove" -> list.remove(Integer.parseInt(last));
                    default -> throw new AssertionError(where + ": op " + kind + " is not read here");
                }
            } else {
                Map<String, Object> map = map(parent);
                if (!kind.equals("add") && !map.containsKey(last)) {
                    throw new AssertionError(where + ": " + op.get("path") + " does not exist in " + name(object));
                }
                switch (kind) {
                    case "add", "replace" -> map.put(last, op.get("value"));
                    case "remove" -> map.remove(last);
                    default -> throw new AssertionError(where + ": op " + kind + " is not read here");
                }
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> object) {
        return (Map<String, Object>) yaml(new Yaml(new SafeConstructor(new LoaderOptions())).dump(object));
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    static String name(Map<String, Object> object) {
        return string(path(object, "metadata", "name"));
    }

    static Map<String, Object> byName(List<Map<String, Object>> objects, String kind, String name) {
        return ofKind(objects, kind).stream().filter(o -> name.equals(name(o))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /** The workloads (Deployment, StatefulSet) of the base. */
    static List<Map<String, Object>> workloads(List<Map<String, Object>> objects) {
        return objects.stream().filter(o -> "Deployment".equals(o.get("kind")) || "StatefulSet".equals(o.get("kind")))
                .toList();
    }

    static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(path(workload, "spec", "template", "spec"));
    }

    static List<Map<String, Object>> containers(Map<String, Object> workload) {
        return list(podSpec(workload).get("containers")).stream().map(Manifests::map).toList();
    }

    /** The mmsguard service a container runs: the launcher subcommand, its first argument. */
    static Optional<Service> service(Map<String, Object> container) {
        List<Object> args = list(container.get("args"));
        return args.isEmpty() ? Optional.empty() : Service.of(String.valueOf(args.get(0)));
    }

    /** The value after {@code --config} in a container's args or a compose command. */
    static String configArgument(List<Object> args) {
        int i = args.indexOf("--config");
        if (i < 0 || i + 1 >= args.size()) {
            throw new AssertionError("no --config FILE in " + args);
        }
        return String.valueOf(args.get(i + 1));
    }

    /** What a Secret's value (Kubernetes) or an operator's variable (compose) stands for when a file is loaded. */
    static final String SECRET_VALUE = "operator-provided-secret-0123456789abcdef";

    /**
     * Compose's interpolation of an environment value: {@code ${NAME:-default}} is its default, a value the operator
     * must give ({@code ${NAME:?message}}, {@code ${NAME}}) is {@link #SECRET_VALUE}.
     */
    static String composeValue(String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{[A-Z0-9_]+(?::-([^}]*)|:\\?[^}]*)?}")
                .matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(m.group(1) != null ? m.group(1)
                    : SECRET_VALUE));
        }
        return m.appendTail(out).toString();
    }

    /**
     * The environment a container gets with placeholders for what Kubernetes fills in at run time: a pod label or
     * field (the gateway's ordinal: "0") and Secret values.
     */
    static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Object e : list(container.get("env"))) {
            Map<String, Object> var = map(e);
            Object value = var.get("value");
            if (value == null) {
                String field = Objects.toString(path(var, "valueFrom", "fieldRef", "fieldPath"), "");
                value = field.contains("pod-index") ? "0" : field.isEmpty() ? SECRET_VALUE : "pod-0";
            }
            env.put(string(var.get("name")), String.valueOf(value));
        }
        return env;
    }

    /** The mmsguard services: the launcher subcommand, the config class and its admin port. */
    enum Service {
        GATEWAY("gateway", GatewayConfig.KEYS, s -> GatewayConfig.from(s).httpPort(),
                s -> GatewayConfig.from(s).adminAuth()),
        STREAMS("streams", InspectionConfig.KEYS, s -> InspectionConfig.from(s).httpPort(),
                s -> InspectionConfig.from(s).adminAuth()),
        NOTIFIER("notifier", NotifierConfig.KEYS, s -> NotifierConfig.from(s).httpPort(),
                s -> NotifierConfig.from(s).adminAuth());

        final String command;
        final ConfigKeys keys;
        private final Function<Settings, Integer> adminPort;
        private final Function<Settings, AdminAuth> adminAuth;

        Service(String command, ConfigKeys keys, Function<Settings, Integer> adminPort,
                Function<Settings, AdminAuth> adminAuth) {
            this.command = command;
            this.keys = keys;
            this.adminPort = adminPort;
            this.adminAuth = adminAuth;
        }

        static Optional<Service> of(String command) {
            return Stream.of(values()).filter(s -> s.command.equals(command)).findFirst();
        }

        /** The YAML file with the environment, checked against the service's keys. */
        Settings settings(Path file, Map<String, String> env) {
            return Settings.load(Optional.of(file), env, keys);
        }

        /** Loads the YAML file with the environment through the service's real config class; its admin port. */
        int load(Path file, Map<String, String> env) {
            return adminPort.apply(settings(file, env));
        }

        /** Who may use the admin routes under that file and environment. */
        AdminAuth adminAuth(Path file, Map<String, String> env) {
            return adminAuth.apply(settings(file, env));
        }
    }

    static Object path(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> ? (Map<String, Object>) node : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        return node instanceof List<?> ? (List<Object>) node : List.of();
    }

    static String string(Object node) {
        return node == null ? null : String.valueOf(node);
    }

    static int integer(Object node) {
        return Integer.parseInt(String.valueOf(node));
    }
}
