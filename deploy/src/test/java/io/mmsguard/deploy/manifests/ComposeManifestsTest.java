package io.mmsguard.deploy.manifests;

import static io.mmsguard.deploy.manifests.Manifests.COMPOSE;
import static io.mmsguard.deploy.manifests.Manifests.GRAFANA;
import static io.mmsguard.deploy.manifests.Manifests.PROMETHEUS;
import static io.mmsguard.deploy.manifests.Manifests.document;
import static io.mmsguard.deploy.manifests.Manifests.list;
import static io.mmsguard.deploy.manifests.Manifests.map;
import static io.mmsguard.deploy.manifests.Manifests.path;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.service.Settings;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

/** The compose stack: a KRaft cluster of three, the registry, the topics, the services, Prometheus and Grafana. */
class ComposeManifestsTest {
    /** The broker image of the Kafka version every mmsguard client uses (kafka.version in the parent pom). */
    private static final String KAFKA_IMAGE = "apache/kafka:" + AppInfoParser.getVersion();
    private final Map<String, Object> compose = document(COMPOSE.resolve("compose.yaml"));
    private final Map<String, Object> services = map(compose.get("services"));

    /** A compose service that runs mmsguard: its subcommand, config file (on this machine) and environment. */
    record ComposeService(String name, Manifests.Service service, Path configFile, Map<String, String> env,
                          Map<String, Object> definition) {
        int adminPort() {
            return service.load(configFile, env);
        }
    }

    private Map<String, ComposeService> mmsguardServices() {
        Map<String, ComposeService> out = new TreeMap<>();
        services.forEach((name, definition) -> {
            List<Object> command = list(map(definition).get("command"));
            if (command.isEmpty()) {
                return;
            }
            Manifests.service(Map.of("args", command)).ifPresent(service -> {
                String config = Manifests.configArgument(command);
                Path file = list(map(definition).get("volumes")).stream().map(String::valueOf)
                        .map(v -> v.split(":")).filter(v -> v.length >= 2 && v[1].equals(config))
                        .map(v -> COMPOSE.resolve(v[0]).normalize()).findFirst()
                        .orElseThrow(() -> new AssertionError(name + ": " + config + " is not mounted"));
                Map<String, String> env = new LinkedHashMap<>();
                // ${VAR:?message}: compose refuses to start without VAR; here the operator has set it
                map(map(definition).get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)
                        .replaceAll("\\$\\{[A-Z_]+:\\?[^}]*}", "value-the-operator-sets")));
                out.put(name, new ComposeService(name, service, file, env, map(definition)));
            });
        });
        return out;
    }

    @Test
    void everyKafkaContainerRunsTheKafkaVersionOfTheBuild() {
        List<Object> kafkaImages = services.values().stream().map(d -> map(d).get("image"))
                .filter(i -> String.valueOf(i).startsWith("apache/kafka")).toList();
        assertThat(kafkaImages).hasSize(4).allSatisfy(i -> assertThat(i).isEqualTo(KAFKA_IMAGE));
    }

    @Test
    void threeKraftNodesShareOneClusterIdAndReplicateThreeTimes() {
        Map<String, Map<String, Object>> brokers = new TreeMap<>();
        services.forEach((name, d) -> {
            if (KAFKA_IMAGE.equals(map(d).get("image")) && map(map(d).get("environment")).containsKey("KAFKA_NODE_ID")) {
                brokers.put(name, map(map(d).get("environment")));
            }
        });
        assertThat(brokers).hasSize(3);
        Set<Object> ids = new HashSet<>();
        Set<Object> clusterIds = new HashSet<>();
        for (Map.Entry<String, Map<String, Object>> b : brokers.entrySet()) {
            Map<String, Object> env = b.getValue();
            ids.add(env.get("KAFKA_NODE_ID"));
            clusterIds.add(env.get("CLUSTER_ID"));
            assertThat(String.valueOf(env.get("KAFKA_PROCESS_ROLES"))).contains("controller", "broker");
            assertThat(String.valueOf(env.get("KAFKA_ADVERTISED_LISTENERS"))).contains(b.getKey() + ":9092");
            assertThat(String.valueOf(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")))
                    .contains(env.get("KAFKA_NODE_ID") + "@" + b.getKey() + ":9093");
            assertThat(env).containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", 3)
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", 2)
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", 3)
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", 3)
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", 2);
        }
        assertThat(ids).hasSize(3);
        assertThat(clusterIds).hasSize(1);
        // A KRaft cluster id is a base64url UUID: 16 bytes.
        assertThat(java.util.Base64.getUrlDecoder().decode(String.valueOf(clusterIds.iterator().next()))).hasSize(16);
    }

    @Test
    void theTopicsServiceRunsTheScriptAndTheRegistryIsApicurioOnKafka() {
        Map<String, Object> topics = map(services.get("topics"));
        assertThat(list(topics.get("volumes"))).anySatisfy(v -> assertThat(String.valueOf(v))
                .startsWith("./create-topics.sh:/create-topics.sh"));
        assertThat(list(topics.get("entrypoint"))).contains("/create-topics.sh");
        assertThat(COMPOSE.resolve("create-topics.sh")).isRegularFile();
        Map<String, Object> registry = map(services.get("registry"));
        assertThat(registry.get("image")).isEqualTo("apicurio/apicurio-registry:3.0.9");
        assertThat(map(registry.get("environment"))).containsEntry("APICURIO_STORAGE_KIND", "kafkasql");
    }

    @Test
    void everyMmsguardServiceLoadsItsMountedConfigWithItsEnvironment() {
        Map<String, ComposeService> mmsguard = mmsguardServices();
        assertThat(mmsguard.values()).extracting(ComposeService::service).containsExactlyInAnyOrder(
                Manifests.Service.STREAMS, Manifests.Service.STREAMS, Manifests.Service.GATEWAY,
                Manifests.Service.NOTIFIER);
        Set<Object> images = new HashSet<>();
        for (ComposeService s : mmsguard.values()) {
            assertThat(s.configFile()).as(s.name()).isRegularFile().startsWith(COMPOSE.resolve("config"));
            assertThat(s.adminPort()).as(s.name()).isPositive();
            images.add(s.definition().get("image"));
            assertThat(map(s.definition().get("depends_on"))).as(s.name()).containsKeys("topics", "registry");
        }
        assertThat(images).as("one image for every service").hasSize(1);
    }

    @Test
    void theInspectionInstancesHaveTheirOwnStateAndAdvertisedHost() {
        Map<String, Set<String>> stateVolumes = new HashMap<>();
        for (ComposeService s : mmsguardServices().values()) {
            if (s.service() != Manifests.Service.STREAMS) {
                continue;
            }
            Settings settings = s.service().settings(s.configFile(), s.env());
            assertThat(settings.string("inspection.advertised-host")).isEqualTo(s.name());
            String stateDir = settings.string("inspection.state-dir");
            list(s.definition().get("volumes")).stream().map(String::valueOf).map(v -> v.split(":"))
                    .filter(v -> v[1].equals(stateDir))
                    .forEach(v -> stateVolumes.computeIfAbsent(v[0], k -> new HashSet<>()).add(s.name()));
            assertThat(map(compose.get("volumes"))).containsKey(stateVolumes.keySet().stream()
                    .filter(v -> stateVolumes.get(v).contains(s.name())).findFirst().orElseThrow());
        }
        assertThat(stateVolumes).hasSize(2).allSatisfy((volume, users) -> assertThat(users).hasSize(1));
    }

    @Test
    void theGatewayOwnsPartitionsThatMmsDecisionsHas() throws Exception {
        ComposeService gateway = mmsguardServices().values().stream()
                .filter(s -> s.service() == Manifests.Service.GATEWAY).findFirst().orElseThrow();
        GatewayConfig config = GatewayConfig.from(gateway.service().settings(gateway.configFile(), gateway.env()));
        int decisions = TopicManifestsTest.composeTopics().get(io.mmsguard.schemas.Topics.DECISIONS).partitions();
        assertThat(config.replyPartitions()).startsWith(0).allSatisfy(p -> assertThat(p).isLessThan(decisions));
        assertThat(config.mm1()).isPresent();
        assertThat(config.mm7()).isPresent();
    }

    @Test
    void prometheusScrapesEveryServiceOnItsAdminPortAndNothingElse() {
        Map<String, Integer> adminPorts = new TreeMap<>();
        mmsguardServices().values().forEach(s -> adminPorts.put(s.name(), s.adminPort()));
        Map<String, Integer> targets = new TreeMap<>();
        for (Object job : list(document(PROMETHEUS.resolve("prometheus.yml")).get("scrape_configs"))) {
            assertThat(map(job).getOrDefault("metrics_path", "/metrics")).isEqualTo("/metrics");
            for (Object config : list(map(job).get("static_configs"))) {
                for (Object target : list(map(config).get("targets"))) {
                    String[] hostPort = String.valueOf(target).split(":");
                    assertThat(services).as("scrape target " + target + " names a compose service")
                            .containsKey(hostPort[0]);
                    targets.put(hostPort[0], Integer.parseInt(hostPort[1]));
                }
            }
        }
        assertThat(targets).isEqualTo(adminPorts);
    }

    @Test
    void grafanaIsProvisionedWithPrometheusAndTheDashboards() {
        Map<String, Object> grafana = map(services.get("grafana"));
        for (Object volume : list(grafana.get("volumes"))) {
            Path source = COMPOSE.resolve(String.valueOf(volume).split(":")[0]).normalize();
            assertThat(Files.isDirectory(source) || Files.isRegularFile(source)).as(String.valueOf(volume)).isTrue();
        }
        Map<String, Object> datasources = document(GRAFANA.resolve("provisioning/datasources/prometheus.yaml"));
        assertThat(list(datasources.get("datasources"))).singleElement().satisfies(d -> {
            assertThat(map(d).get("url")).isEqualTo("http://prometheus:9090");
            assertThat(services).containsKey("prometheus");
        });
        Map<String, Object> providers = document(GRAFANA.resolve("provisioning/dashboards/mmsguard.yaml"));
        String dashboardsPath = String.valueOf(path(list(providers.get("providers")).get(0), "options", "path"));
        assertThat(list(grafana.get("volumes"))).anySatisfy(v -> assertThat(String.valueOf(v))
                .isEqualTo("../grafana/dashboards:" + dashboardsPath + ":ro"));
    }
}
