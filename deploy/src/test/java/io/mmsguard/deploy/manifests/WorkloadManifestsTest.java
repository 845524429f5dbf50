package io.mmsguard.deploy.manifests;

import static io.mmsguard.deploy.manifests.Manifests.K8S_BASE;
import static io.mmsguard.deploy.manifests.Manifests.baseObjects;
import static io.mmsguard.deploy.manifests.Manifests.containers;
import static io.mmsguard.deploy.manifests.Manifests.document;
import static io.mmsguard.deploy.manifests.Manifests.list;
import static io.mmsguard.deploy.manifests.Manifests.map;
import static io.mmsguard.deploy.manifests.Manifests.name;
import static io.mmsguard.deploy.manifests.Manifests.ofKind;
import static io.mmsguard.deploy.manifests.Manifests.path;
import static io.mmsguard.deploy.manifests.Manifests.podSpec;
import static io.mmsguard.deploy.manifests.Manifests.workloads;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.mmsguard.service.Settings;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes workloads of k8s/base: each mmsguard container runs one service from a ConfigMap that loads through
 * the service's real config class, probes the admin port that config names, and is locked down.
 */
class WorkloadManifestsTest {
    private final List<Map<String, Object>> objects = baseObjects();

    /** An mmsguard container of the base with its service and the ConfigMap file it runs with. */
    record ServiceContainer(Map<String, Object> workload, Map<String, Object> container, Manifests.Service service,
                            Path configFile) {
        Map<String, String> env() {
            return Manifests.env(container);
        }

        int adminPort() {
            return service.load(configFile, env());
        }

        Settings settings() {
            return service.settings(configFile, env());
        }
    }

    @Test
    void everyServiceNeedsTheAdminTokenFromItsSecretWhoseTemplateValueIsRefused() {
        for (ServiceContainer s : serviceContainers(objects)) {
            Map<String, Object> token = list(s.container().get("env")).stream().map(Manifests::map)
                    .filter(v -> "MMSGUARD_ADMIN_TOKEN".equals(v.get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError(s.service() + ": no MMSGUARD_ADMIN_TOKEN"));
            assertThat(path(token, "valueFrom", "secretKeyRef", "name")).as(s.service().toString())
                    .isEqualTo("mmsguard-admin-token");
            assertThat(s.service().adminAuth(s.configFile(), s.env()).required()).as(s.service().toString()).isTrue();
        }
        Map<String, Object> secret = Manifests.byName(objects, "Secret", "mmsguard-admin-token");
        String template = String.valueOf(path(secret, "stringData", "token"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.mmsguard.service.AdminAuth.token(template))
                .as("the template's value must be replaced before the services start")
                .isInstanceOf(io.mmsguard.service.ConfigException.class);
    }

    static List<ServiceContainer> serviceContainers(List<Map<String, Object>> objects) {
        List<ServiceContainer> out = new ArrayList<>();
        for (Map<String, Object> workload : workloads(objects)) {
            for (Map<String, Object> container : containers(workload)) {
                Manifests.service(container).ifPresent(service ->
                        out.add(new ServiceContainer(workload, container, service, configFile(workload, container))));
            }
        }
        return out;
    }

    /** The file behind {@code --config}: the mounted ConfigMap's generator entry in the base kustomization. */
    static Path configFile(Map<String, Object> workload, Map<String, Object> container) {
        Path config = Path.of(Manifests.configArgument(list(container.get("args"))));
        String volume = list(container.get("volumeMounts")).stream().map(Manifests::map)
                .filter(m -> Path.of(String.valueOf(m.get("mountPath"))).equals(config.getParent()))
                .map(m -> String.valueOf(m.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(name(workload) + ": nothing mounted at " + config.getParent()));
        String configMap = list(podSpec(workload).get("volumes")).stream().map(Manifests::map)
                .filter(v -> volume.equals(v.get("name"))).map(v -> path(v, "configMap", "name"))
                .map(String::valueOf).findFirst()
                .orElseThrow(() -> new AssertionError(name(workload) + ": volume " + volume + " is no ConfigMap"));
        for (Object generator : list(document(K8S_BASE.resolve("kustomization.yaml")).get("configMapGenerator"))) {
            if (configMap.equals(map(generator).get("name"))) {
                for (Object entry : list(map(generator).get("files"))) {
                    String[] keyAndFile = String.valueOf(entry).split("=", 2);
                    if (keyAndFile[0].equals(config.getFileName().toString())) {
                        return K8S_BASE.resolve(keyAndFile[1]);
                    }
                }
            }
        }
        throw new AssertionError(name(workload) + ": ConfigMap " + configMap + " has no key " + config.getFileName());
    }

    @Test
    void everyServiceRunsOnceFromAConfigMapThatItsConfigClassLoads() {
        List<ServiceContainer> services = serviceContainers(objects);
        assertThat(services).extracting(ServiceContainer::service)
                .containsExactlyInAnyOrder(Manifests.Service.values());
        for (ServiceContainer s : services) {
            assertThat(s.adminPort()).as(s.service() + " admin port").isPositive();
        }
    }

    /** An overlay's variables are keys of the service they reach: a typo there would fail the pods at start. */
    @Test
    void everyOverlayLoadsWithTheVariablesItAdds() {
        List<ServiceContainer> base = serviceContainers(objects);
        int patched = 0;
        for (Path file : Manifests.files(Manifests.K8S.resolve("overlays"), ".yaml")) {
            for (Object doc : Manifests.documents(file)) {
                for (Map<String, Object> container : containers(map(doc))) {
                    // A container the overlay adds with another image (production's clamd sidecar) is not ours.
                    Object image = container.get("image");
                    if (list(container.get("env")).isEmpty() || image != null && !image.equals("mmsguard")) {
                        continue;
                    }
                    ServiceContainer s = base.stream().filter(b -> name(b.workload()).equals(name(map(doc)))
                            && b.container().get("name").equals(container.get("name"))).findFirst()
                            .orElseThrow(() -> new AssertionError(file + ": patches no mmsguard container"));
                    Map<String, String> env = new java.util.HashMap<>(s.env());
                    env.putAll(Manifests.env(container));
                    assertThat(s.service().load(s.configFile(), env)).as(file + " " + name(map(doc))).isPositive();
                    patched++;
                }
            }
        }
        assertThat(patched).as("overlay containers with variables").isPositive();
    }

    @Test
    void probesAskTheAdminPortOfTheServicesConfig() {
        for (ServiceContainer s : serviceContainers(objects)) {
            int admin = s.adminPort();
            String what = name(s.workload());
            assertThat(path(s.container(), "livenessProbe", "httpGet", "path")).as(what).isEqualTo("/health/live");
            assertThat(path(s.container(), "readinessProbe", "httpGet", "path")).as(what).isEqualTo("/health/ready");
            assertThat(port(s.container(), path(s.container(), "livenessProbe", "httpGet", "port"))).as(what)
                    .isEqualTo(admin);
            assertThat(port(s.container(), path(s.container(), "readinessProbe", "httpGet", "port"))).as(what)
                    .isEqualTo(admin);
            assertThat(containerPorts(s.container())).as(what).contains(admin);
            assertThat(path(s.workload(), "spec", "template", "metadata", "annotations", "prometheus.io/port"))
                    .as(what + " scrape annotation").isEqualTo(String.valueOf(admin));
        }
    }

    @Test
    void everyMmsguardContainerUsesTheSameImageTheKustomizationSets() {
        Set<Object> images = new HashSet<>();
        serviceContainers(objects).forEach(s -> images.add(s.container().get("image")));
        assertThat(images).hasSize(1);
        assertThat(list(document(K8S_BASE.resolve("kustomization.yaml")).get("images")))
                .anySatisfy(i -> assertThat(map(i).get("name")).isEqualTo(images.iterator().next()));
    }

    @Test
    void everyContainerHasRequestsAndLimitsAndIsLockedDown() {
        for (Map<String, Object> workload : workloads(objects)) {
            Map<String, Object> pod = podSpec(workload);
            for (Map<String, Object> c : containers(workload)) {
                String what = name(workload) + "/" + c.get("name");
                for (String kind : List.of("requests", "limits")) {
                    assertThat(map(path(c, "resources", kind))).as(what + " " + kind).containsKeys("cpu", "memory");
                }
                Object nonRoot = path(c, "securityContext", "runAsNonRoot") != null
                        ? path(c, "securityContext", "runAsNonRoot") : path(pod, "securityContext", "runAsNonRoot");
                assertThat(nonRoot).as(what + " runAsNonRoot").isEqualTo(true);
                assertThat(path(c, "securityContext", "readOnlyRootFilesystem")).as(what).isEqualTo(true);
                assertThat(path(c, "securityContext", "allowPrivilegeEscalation")).as(what).isEqualTo(false);
                assertThat(list(path(c, "securityContext", "capabilities", "drop"))).as(what).contains("ALL");
                assertThat(list(c.get("volumeMounts"))).as(what + " writable /tmp")
                        .anySatisfy(m -> assertThat(map(m).get("mountPath")).isEqualTo("/tmp"));
                for (Object mount : list(c.get("volumeMounts"))) {
                    assertThat(volumeNames(workload)).as(what + " volume").contains(map(mount).get("name"));
                }
            }
        }
    }

    @Test
    void serviceTargetPortsAreContainerPortsOfTheSelectedPods() {
        for (Map<String, Object> service : ofKind(objects, "Service")) {
            Map<String, Object> selector = map(path(service, "spec", "selector"));
            List<Map<String, Object>> selected = workloads(objects).stream()
                    .filter(w -> map(path(w, "spec", "template", "metadata", "labels")).entrySet()
                            .containsAll(selector.entrySet())).toList();
            assertThat(selected).as("pods of Service " + name(service)).isNotEmpty();
            for (Object p : list(path(service, "spec", "ports"))) {
                Object target = map(p).get("targetPort") != null ? map(p).get("targetPort") : map(p).get("port");
                for (Map<String, Object> workload : selected) {
                    assertThat(containers(workload)).as("Service " + name(service) + " targetPort " + target)
                            .anySatisfy(c -> assertThat(port(c, target)).isPositive());
                }
            }
        }
    }

    @Test
    void secretsTheWorkloadsReferenceExistWithTheirKeys() {
        Map<String, Set<String>> secrets = new java.util.HashMap<>();
        ofKind(objects, "Secret").forEach(s -> secrets.put(name(s), map(s.get("stringData")).keySet()));
        // The Secrets Strimzi writes: each KafkaUser's credential (User Operator) and the cluster CA (Cluster Operator).
        ofKind(objects, "KafkaUser").forEach(u -> secrets.put(name(u), Set.of("password", "sasl.jaas.config")));
        secrets.put(KafkaSecurityManifestsTest.CLUSTER_CA, Set.of("ca.crt", "ca.p12", "ca.password"));
        for (Map<String, Object> workload : workloads(objects)) {
            for (Map<String, Object> c : containers(workload)) {
                for (Object e : list(c.get("env"))) {
                    Map<String, Object> ref = map(path(e, "valueFrom", "secretKeyRef"));
                    if (!ref.isEmpty()) {
                        assertThat(secrets).as(name(workload)).containsKey(String.valueOf(ref.get("name")));
                        assertThat(secrets.get(String.valueOf(ref.get("name")))).contains(String.valueOf(ref.get("key")));
                    }
                }
            }
            for (Object v : list(podSpec(workload).get("volumes"))) {
                Object secret = path(v, "secret", "secretName");
                if (secret != null) {
                    assertThat(secrets).as(name(workload)).containsKey(String.valueOf(secret));
                }
            }
        }
    }

    @Test
    void stateDirectoriesAndTheSecretsDirectoryAreMountedWhereTheConfigSaysAndStandbysAreOn() {
        for (ServiceContainer s : serviceContainers(objects)) {
            Map<String, String> mounts = new java.util.HashMap<>();
            list(s.container().get("volumeMounts")).forEach(m ->
                    mounts.put(String.valueOf(map(m).get("mountPath")), String.valueOf(map(m).get("name"))));
            switch (s.service()) {
                case STREAMS -> {
                    Settings settings = s.settings();
                    String state = mounts.get(settings.string("inspection.state-dir"));
                    assertThat(state).as("inspection state-dir mount").isNotNull();
                    assertThat(list(path(s.workload(), "spec", "volumeClaimTemplates")))
                            .anySatisfy(t -> assertThat(path(t, "metadata", "name")).isEqualTo(state));
                    assertThat(settings.integer("inspection.standby-replicas", 0)).isEqualTo(1);
                    assertThat(settings.string("kafka.replication.factor")).isEqualTo("3");
                }
                case NOTIFIER -> {
                    Settings settings = s.settings();
                    assertThat(mounts).containsKey(settings.string("notifier.state-dir"));
                    String secrets = mounts.get(settings.string("notifier.delivery.secrets-dir"));
                    assertThat(list(podSpec(s.workload()).get("volumes")))
                            .anySatisfy(v -> {
                                assertThat(map(v).get("name")).isEqualTo(secrets);
                                assertThat(path(v, "secret", "secretName")).isNotNull();
                            });
                }
                case GATEWAY -> assertThat(s.env()).containsKey("MMSGUARD_GATEWAY_ORDINAL");
            }
        }
    }

    @Test
    void everyWorkloadHasAPodDisruptionBudget() {
        List<Map<String, Object>> budgets = ofKind(objects, "PodDisruptionBudget");
        for (Map<String, Object> workload : workloads(objects)) {
            Map<String, Object> labels = map(path(workload, "spec", "template", "metadata", "labels"));
            assertThat(budgets).as("PDB of " + name(workload)).anySatisfy(b -> assertThat(labels.entrySet())
                    .containsAll(map(path(b, "spec", "selector", "matchLabels")).entrySet()));
        }
    }

    @Test
    void adminPortsAreOpenOnlyToTheMonitoringNamespaceAndTheProtocolPortsToEveryone() {
        List<Integer> adminPorts = serviceContainers(objects).stream().map(ServiceContainer::adminPort).toList();
        Map<String, Object> admin = Manifests.byName(objects, "NetworkPolicy", "mmsguard-admin-from-monitoring");
        List<Object> rules = list(path(admin, "spec", "ingress"));
        assertThat(rules).hasSize(1);
        assertThat(list(map(rules.get(0)).get("from"))).singleElement().satisfies(f -> assertThat(
                path(f, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name")).isEqualTo("monitoring"));
        assertThat(list(map(rules.get(0)).get("ports"))).extracting(p -> map(p).get("port"))
                .containsExactlyInAnyOrderElementsOf(adminPorts);

        Map<String, Object> protocols = Manifests.byName(objects, "NetworkPolicy", "mmsguard-gateway-protocols");
        List<Object> open = list(path(protocols, "spec", "ingress"));
        Set<Object> openPorts = new HashSet<>();
        open.forEach(r -> {
            assertThat(map(r)).doesNotContainKey("from");
            list(map(r).get("ports")).forEach(p -> openPorts.add(map(p).get("port")));
        });
        assertThat(openPorts).doesNotContainAnyElementsOf(adminPorts).contains(8080, 8081, 2525, 2526);

        assertThat(list(path(Manifests.byName(objects, "Kafka", "mmsguard"), "spec", "kafka", "listeners")))
                .allSatisfy(l -> assertThat(list(map(l).get("networkPolicyPeers"))).singleElement().satisfies(p ->
                        assertThat(path(p, "podSelector", "matchLabels", "app.kubernetes.io/part-of"))
                                .isEqualTo("mmsguard")));
        assertThat(workloads(objects)).allSatisfy(w -> assertThat(
                path(w, "spec", "template", "metadata", "labels", "app.kubernetes.io/part-of")).isEqualTo("mmsguard"));
    }

    @Test
    void kafkaIsKraftWithNodePoolsAndThreeReplicatedDualRoleNodes() {
        Map<String, Object> kafka = Manifests.byName(objects, "Kafka", "mmsguard");
        assertThat(map(path(kafka, "spec", "kafka", "config")))
                .containsEntry("default.replication.factor", 3).containsEntry("min.insync.replicas", 2);
        Map<String, Object> pool = ofKind(objects, "KafkaNodePool").get(0);
        assertThat(path(pool, "metadata", "labels", "strimzi.io/cluster")).isEqualTo("mmsguard");
        assertThat(path(pool, "spec", "replicas")).isEqualTo(3);
        assertThat(list(path(pool, "spec", "roles"))).containsExactlyInAnyOrder("controller", "broker");
        assertThat(list(path(pool, "spec", "storage", "volumes")))
                .allSatisfy(v -> assertThat(map(v).get("type")).isEqualTo("persistent-claim"));
    }

    private static Set<Object> volumeNames(Map<String, Object> workload) {
        Set<Object> names = new HashSet<>();
        list(podSpec(workload).get("volumes")).forEach(v -> names.add(map(v).get("name")));
        list(path(workload, "spec", "volumeClaimTemplates")).forEach(t -> names.add(path(t, "metadata", "name")));
        return names;
    }

    static List<Integer> containerPorts(Map<String, Object> container) {
        return list(container.get("ports")).stream().map(p -> Manifests.integer(map(p).get("containerPort"))).toList();
    }

    /** A port number, or a named port resolved against the container's ports; -1 when it names none of them. */
    static int port(Map<String, Object> container, Object port) {
        if (port instanceof Integer n) {
            return containerPorts(container).contains(n) ? n : -1;
        }
        return Stream.of(list(container.get("ports")).toArray()).map(Manifests::map)
                .filter(p -> String.valueOf(port).equals(p.get("name")))
                .map(p -> Manifests.integer(p.get("containerPort"))).findFirst().orElse(-1);
    }
}
