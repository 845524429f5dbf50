package io.mmsguard.harness;

import io.mmsguard.harness.load.Traffic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmsguard.harness.load.Endpoints;
import io.mmsguard.harness.mmsc.MmscStub;
import io.mmsguard.schemas.Topics;
import io.mmsguard.testkit.BrokerProcessCluster;
import io.mmsguard.testkit.FreePorts;
import io.mmsguard.testkit.KafkaSecurity;
import io.mmsguard.testkit.tls.TestPki;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole mmsguard deployment on loopback, every part its own process: Kafka brokers (KRaft), the Apicurio
 * registry, optionally clamd, N inspection instances, N gateways with all four listeners, and the notifier, each
 * service started by the {@code mmsguard} launcher from a YAML file written here; plus the {@link MmscStub} every
 * gateway forwards to. Every file (YAML, logs, Kafka and registry data, state directories) stays under {@link #dir()} after
 * {@link #close()}, for the post-mortem of a failed test.
 *
 * <p>Start-up order: MMSC stub, clamd (when the inspection scans with it), brokers, registry, topics, profiles
 * ({@code mmsguard config apply}), then all services at once, each awaited on {@code /health/ready}. Ports are fixed
 * at build time, so a restarted process is found where it was.
 */
public final class Deployment implements DeploymentNodes {
    private static final Logger LOG = LoggerFactory.getLogger(Deployment.class);
    private static final String JAAS_VARIABLE = "MMSGUARD_KAFKA_SASL_JAAS_CONFIG";
    private static final String HOSTNAME = "mms.harness.invalid";

    private final Builder spec;
    private final Path dir;
    private final MmscStub mmsc;
    private final AdminToken adminToken;
    private final StateQuery stateQuery;
    private BrokerProcessCluster cluster;
    private final List<BrokerNode> brokers = new ArrayList<>();
    private RegistryProcess registry;
    /** The registry's Confluent-compatible API: the harness's Apicurio, or the caller's ({@link Builder#registry}). */
    private String registryUrl;
    private ClamdNode clamd;
    private final List<ServiceProcess> inspections = new ArrayList<>();
    private final List<ServiceProcess> gateways = new ArrayList<>();
    private final List<Endpoints> endpoints = new ArrayList<>();
    private ServiceProcess notifier;

    /** The Kafka principal of each service, and the operator's, which applies the profiles. */
    public record Principals(String inspection, String gateway, String notifier, String operator) {
        String of(ServiceProcess.Kind kind) {
            return switch (kind) {
                case INSPECTION -> inspection;
                case GATEWAY -> gateway;
                case NOTIFIER -> notifier;
            };
        }
    }

    private Deployment(Builder spec, MmscStub mmsc) {
        this.spec = spec;
        this.dir = spec.dir.toAbsolutePath();
        this.mmsc = mmsc;
        this.adminToken = AdminToken.create(dir.resolve("admin-token"));
        this.stateQuery = new StateQuery(adminToken);
    }

    /** @param dir where everything of this deployment goes; created, and kept after {@link #close()} */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** What to start. Defaults: 1 broker, replication 1, 1 inspection instance, 1 gateway, the notifier. */
    public static final class Builder {
        private final Path dir;
        private int brokers = 1;
        private int replication = 1;
        private int minInsync = 1;
        private int inspections = 1;
        private int gateways = 1;
        private boolean notifier = true;
        private boolean clamd;
        private List<NewTopic> topics;
        private Function<MmscStub, String> profiles;
        private final Map<ServiceProcess.Kind, Map<String, String>> settings = new EnumMap<>(ServiceProcess.Kind.class);
        private Duration readyWithin = Duration.ofMinutes(4);
        private String release = Launcher.currentRelease();
        private Principals principals;
        private boolean servicesAsProcesses = true;
        private Function<String, String> externalRegistry;

        private Builder(Path dir) {
            this.dir = Objects.requireNonNull(dir, "dir");
        }

        /** Broker processes (each combined broker and controller); 3 for fault tests that kill one. */
        public Builder brokers(int n) {
            this.brokers = n;
            return this;
        }

        /** Replication factor and min.insync.replicas of every topic, internal ones included. */
        public Builder replication(int factor, int minInsync) {
            this.replication = factor;
            this.minInsync = minInsync;
            return this;
        }

        public Builder inspections(int n) {
            this.inspections = n;
            return this;
        }

        /** Each gateway gets its own id ({@code gateway-<i>}) and owns mms.decisions partition i. */
        public Builder gateways(int n) {
            this.gateways = n;
            return this;
        }

        public Builder notifier(boolean on) {
            this.notifier = on;
            return this;
        }

        /**
         * Whether the inspection instances scan with a clamd of the deployment's own ({@code antivirus.engine:
         * clamd}; its database: the load's EICAR file) instead of the built-in engine (default). Check
         * {@code ClamdProcess.requireInstalled()} first: without clamd the start fails.
         */
        public Builder clamd(boolean on) {
            this.clamd = on;
            return this;
        }

        /**
         * The project's topic plan (name, partitions, configs: deploy's {@code TopicPlan}), created with this
         * deployment's replication; mms.decisions gets at least one partition per gateway.
         */
        public Builder topics(List<NewTopic> plan) {
            this.topics = List.copyOf(plan);
            return this;
        }

        /**
         * A profile file ({@code mmsguard config apply} format, docs/configuration.md) applied before the
         * services start; a function of the stub so that notices can be delivered to it.
         */
        public Builder profiles(Function<MmscStub, String> yaml) {
            this.profiles = yaml;
            return this;
        }

        /** An extra key for every service of a kind, e.g. {@code gateway.decision-timeout}; wins over the harness's. */
        public Builder set(ServiceProcess.Kind kind, String key, String value) {
            settings.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(key, value);
            return this;
        }

        /**
         * The release every service and {@code config apply} runs: the classpath of its launcher, e.g. the jar of
         * an earlier build ({@code embedded/target/mmsguard-embedded.jar}, whose manifest names its libraries).
         * Default: this JVM's classpath, the release under test. Pass that release's own topic plan to
         * {@link #topics} too. {@link ServiceProcess#restartOn} moves a service to another release.
         */
        public Builder release(String classpath) {
            this.release = Objects.requireNonNull(classpath, "classpath");
            return this;
        }

        /** How long a service may take to become ready: a hang guard, generous for a loaded CI machine. */
        /**
         * Kafka locked as compose runs it: SASL_SSL with SCRAM-SHA-512 and ACLs ({@code mmsguard acl apply}), every
         * service as its principal with its credential in the environment, the contracts' schemas registered by
         * {@code mmsguard schemas register} and the services with {@code auto.register.schemas} off.
         */
        public Builder secured(Principals names) {
            this.principals = names;
            return this;
        }

        /**
         * {@code false}: every service's directory and YAML file are written and {@link Deployment#services()} describes them
         * ({@link ServiceProcess#config()}, {@link ServiceProcess#adminPort()}, {@link ServiceProcess#readiness()}),
         * but no service JVM is started; for a caller that runs them another way, as the container tier runs them
         * from the image on the same files. Default {@code true}.
         */
        public Builder servicesAsProcesses(boolean on) {
            this.servicesAsProcesses = on;
            return this;
        }

        /**
         * A registry of the caller's instead of the harness's Apicurio (e.g. Confluent Schema Registry in a
         * container): {@code start} is given the brokers' bootstrap servers once they are up, and returns the
         * Confluent-compatible URL that {@code config apply} and every service use. {@link Deployment#registry()} then
         * refuses: the caller controls that registry.
         */
        public Builder registry(Function<String, String> start) {
            this.externalRegistry = Objects.requireNonNull(start, "start");
            return this;
        }

        public Builder readyWithin(Duration d) {
            this.readyWithin = d;
            return this;
        }

        /** Starts everything and waits until every service is ready; on failure stops what started and throws. */
        public Deployment start() {
            if (topics == null) {
                throw new IllegalStateException("topics(...) is required: the project's topic plan");
            }
            if (brokers < 1 || inspections < 0 || gateways < 0 || replication > brokers) {
                throw new IllegalArgumentException("brokers " + brokers + ", replication " + replication
                        + ", inspections " + inspections + ", gateways " + gateways);
            }
            MmscStub stub;
            try {
                Files.createDirectories(dir);
                stub = MmscStub.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the MMSC stub in " + dir, e);
            }
            Deployment d = new Deployment(this, stub);
            try {
                d.startAll();
                return d;
            } catch (RuntimeException | Error e) {
                LOG.error("deployment in {} failed to start; its files stay there", d.dir);
                d.close();
                throw e;
            }
        }
    }

    private void startAll() {
        long t0 = System.nanoTime();
        if (spec.clamd) {
            clamd = ClamdNode.start(dir.resolve("clamd"));
        }
        Optional<KafkaSecurity> security = Optional.ofNullable(spec.principals).map(p -> KafkaSecurity.scram(
                List.of(p.inspection(), p.gateway(), p.notifier(), p.operator()),
                Optional.of(TestPki.create(dir.resolve("pki")))));
        cluster = BrokerProcessCluster.start(dir.resolve("kafka"), spec.brokers, spec.replication, spec.minInsync,
                security);
        cluster.nodeIds().forEach(id -> brokers.add(new BrokerNode(cluster, id)));
        // After the brokers, not beside them: on a saturated CI machine the two start-ups starve each other.
        if (spec.externalRegistry != null) {
            registryUrl = spec.externalRegistry.apply(cluster.bootstrapServers());
        } else {
            registry = RegistryProcess.start(dir.resolve("registry"), FreePorts.next());
            registryUrl = registry.url();
        }
        createTopics();
        if (security.isPresent()) {
            // compose's acls and schemas steps.
            Launcher.run(dir, spec.release, "acl-apply", List.of("acl", "apply", "--bootstrap-servers",
                    cluster.bootstrapServers()), kafkaEnvironment(KafkaSecurity.ADMIN));
            Launcher.run(dir, spec.release, "schemas-register", List.of("schemas", "register", "--registry-url",
                    registryUrl), Map.of());
        }
        if (spec.profiles != null) {
            applyConfig(writeFile(dir.resolve("profiles.yaml"), spec.profiles.apply(mmsc)));
        }
        for (int i = 0; i < spec.inspections; i++) {
            inspections.add(service("inspection-" + i, ServiceProcess.Kind.INSPECTION, inspectionSettings(i)));
        }
        for (int i = 0; i < spec.gateways; i++) {
            gateways.add(service("gateway-" + i, ServiceProcess.Kind.GATEWAY, gatewaySettings(i)));
        }
        if (spec.notifier) {
            notifier = service("notifier", ServiceProcess.Kind.NOTIFIER, notifierSettings());
        }
        if (spec.servicesAsProcesses) {
            services().forEach(ServiceProcess::start);
            services().forEach(ServiceProcess::awaitReady);
        }
        LOG.info("deployment ready in {} s under {}: {}", (System.nanoTime() - t0) / 1_000_000_000, dir, processes());
    }

    /**
     * The keys this release has and the previous one refuses as unknown (upgrade test): written from the start on
     * this release, and added by {@link ServiceProcess#restartOn} when a service moves to it, as the operator's
     * configuration change that goes with the upgrade.
     */
    private Map<String, String> thisReleasesSettings(ServiceProcess.Kind kind) {
        Map<String, String> s = new LinkedHashMap<>();
        // the admin routes need the token, as in compose and k8s
        s.put("admin.token-file", adminToken.file().toString());
        if (kind == ServiceProcess.Kind.GATEWAY) {
            // the harness drives inspection end to end; MM7 access control is tested in ingress-gateway
            s.put("mm7.auth", "none");
            // the MMSC's recipients' domain (the load's) and the load's peer MMSC on loopback: access control on
            s.put("mm3.local-domains", Traffic.MMSC_DOMAIN);
            s.put("mm4.peers.load-peer.networks", "127.0.0.0/8");
            s.put("mm4.peers.load-peer.domains", Traffic.PEER_DOMAIN);
        }
        return s;
    }

    private ServiceProcess service(String name, ServiceProcess.Kind kind, Map<String, String> settings) {
        settings.putAll(spec.settings.getOrDefault(kind, Map.of()));
        Map<String, String> onThisRelease = new LinkedHashMap<>(settings);
        onThisRelease.putAll(thisReleasesSettings(kind));
        onThisRelease.putAll(spec.settings.getOrDefault(kind, Map.of()));
        if (spec.release.equals(Launcher.currentRelease())) {
            settings = onThisRelease;
        }
        Path serviceDir = dir.resolve(name);
        Path yaml = ServiceYaml.write(serviceDir.resolve(name + ".yaml"), settings);
        Map<String, String> environment = spec.principals == null ? Map.of()
                : Map.of(JAAS_VARIABLE, KafkaSecurity.jaas(spec.principals.of(kind),
                        cluster.security().orElseThrow().password(spec.principals.of(kind))));
        return new ServiceProcess(name, kind, yaml, serviceDir,
                Integer.parseInt(settings.get(adminPortKey(kind))), adminToken, spec.readyWithin, spec.release,
                environment, onThisRelease);
    }

    private static String adminPortKey(ServiceProcess.Kind kind) {
        return switch (kind) {
            case INSPECTION -> "inspection.http-port";
            case GATEWAY -> "gateway.http-port";
            case NOTIFIER -> "notifier.http-port";
        };
    }

    private Map<String, String> common() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("kafka.bootstrap.servers", cluster.bootstrapServers());
        s.put("serde.schema.registry.url", registryUrl);
        // The client settings of compose's files; the credential is in the environment (service(...)).
        cluster.security().ifPresent(security -> {
            security.clientProperties(KafkaSecurity.ADMIN).forEach((k, v) -> {
                if (!k.equals("sasl.jaas.config")) {
                    s.put("kafka." + k, String.valueOf(v));
                }
            });
            s.put("serde.auto.register.schemas", "false");
        });
        return s;
    }

    private Map<String, String> inspectionSettings(int i) {
        Map<String, String> s = common();
        // Kafka Streams' own topics (changelogs, repartition) follow the deployment's replication.
        s.put("kafka.replication.factor", Integer.toString(spec.replication));
        s.put("inspection.state-dir", stateDir("inspection-" + i).toString());
        s.put("inspection.http-host", "127.0.0.1");
        s.put("inspection.http-port", Integer.toString(FreePorts.next()));
        s.put("inspection.advertised-host", "127.0.0.1");
        if (clamd != null) {
            s.put("antivirus.engine", "clamd");
            s.put("antivirus.clamd.address", clamd.address());
        } else {
            s.put("antivirus.engine", "builtin");
        }
        return s;
    }

    private Map<String, String> gatewaySettings(int i) {
        Map<String, String> s = common();
        int mm1 = FreePorts.next();
        int mm7 = FreePorts.next();
        int mm3 = FreePorts.next();
        int mm4 = FreePorts.next();
        s.put("gateway.id", "gateway-" + i);
        s.put("gateway.ordinal", Integer.toString(i));
        s.put("gateway.partitions-per-gateway", "1");
        s.put("gateway.http-host", "127.0.0.1");
        s.put("gateway.http-port", Integer.toString(FreePorts.next()));
        s.put("mm1.listen", "127.0.0.1:" + mm1);
        s.put("mm1.upstream", mmsc.mm1Uri().toString());
        // the load driver plays the operator's proxy on loopback: its MSISDN headers name the senders
        s.put("mm1.msisdn.trusted-proxies", "127.0.0.0/8");
        s.put("mm7.msisdn.trusted-proxies", "127.0.0.0/8");
        s.put("mm7.enabled", "true");
        s.put("mm7.listen", "127.0.0.1:" + mm7);
        s.put("mm7.upstream", mmsc.mm7Uri().toString());
        s.put("mm3.enabled", "true");
        s.put("mm3.listen", "127.0.0.1:" + mm3);
        s.put("mm3.upstream", mmsc.mm3Address());
        s.put("mm3.hostname", HOSTNAME);
        s.put("mm4.enabled", "true");
        s.put("mm4.listen", "127.0.0.1:" + mm4);
        // MM4_forward.RES for blocked requests go to the response relay, which defaults to this upstream.
        s.put("mm4.upstream", mmsc.mm4Address());
        s.put("mm4.hostname", HOSTNAME);
        s.put("mm4.system-address", "system-user@" + HOSTNAME);
        endpoints.add(new Endpoints(URI.create("http://127.0.0.1:" + mm1 + "/mms"),
                URI.create("http://127.0.0.1:" + mm7 + "/mm7"), new InetSocketAddress("127.0.0.1", mm3),
                new InetSocketAddress("127.0.0.1", mm4)));
        return s;
    }

    private Map<String, String> notifierSettings() {
        Map<String, String> s = common();
        s.put("kafka.replication.factor", Integer.toString(spec.replication));
        s.put("notifier.state-dir", stateDir("notifier").toString());
        s.put("notifier.http-host", "127.0.0.1");
        s.put("notifier.http-port", Integer.toString(FreePorts.next()));
        return s;
    }

    private void createTopics() {
        Map<String, String> minIsr = Map.of("min.insync.replicas", Integer.toString(spec.minInsync));
        List<NewTopic> topics = spec.topics.stream().map(t -> {
            int planned = Math.max(1, t.numPartitions());
            int partitions = t.name().equals(Topics.DECISIONS) ? Math.max(planned, spec.gateways) : planned;
            Map<String, String> configs = new HashMap<>(t.configs() == null ? Map.of() : t.configs());
            configs.putAll(minIsr);
            return new NewTopic(t.name(), partitions, (short) spec.replication).configs(configs);
        }).toList();
        try (Admin admin = Admin.create(cluster.clientProperties(KafkaSecurity.ADMIN))) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the topics " + topics + ": " + e.getMessage(), e);
        }
    }

    /** The Kafka Streams state directory of an inspection instance or the notifier. */
    public Path stateDir(ServiceProcess service) {
        if (service.kind() == ServiceProcess.Kind.GATEWAY) {
            throw new IllegalArgumentException(service.name() + " keeps no state directory");
        }
        return stateDir(service.name());
    }

    private Path stateDir(String serviceName) {
        return dir.resolve(serviceName).resolve("state");
    }

    /**
     * Runs {@code mmsguard config apply FILE} of the deployment's release ({@link Builder#release}) against this
     * deployment; throws with its output unless it exits 0.
     */
    public void applyConfig(Path file) {
        List<String> args = new ArrayList<>(List.of("config", "apply", file.toString(),
                "--bootstrap-servers", cluster.bootstrapServers(), "--registry-url", registryUrl));
        if (spec.release.equals(Launcher.currentRelease())) {
            // Applied before any inspection instance starts: nobody would report the versions in force. Earlier
            // releases neither wait nor know the option.
            args.add("--no-wait");
        }
        Launcher.run(dir, spec.release, "config-apply", args,
                spec.principals == null ? Map.of() : kafkaEnvironment(spec.principals.operator()));
    }

    /** The Kafka client settings of {@code user} as the launcher's MMSGUARD_KAFKA_* variables. */
    private Map<String, String> kafkaEnvironment(String user) {
        Map<String, String> env = new HashMap<>();
        cluster.security().orElseThrow().clientProperties(user).forEach((k, v) ->
                // docs/configuration.md: the variable of kafka.<property> (these properties have dots only).
                env.put("MMSGUARD_KAFKA_" + k.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), String.valueOf(v)));
        return env;
    }

    private static Path writeFile(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Everything of this deployment: YAML files, logs ({@code <service>/<service>.log}), data. */
    public Path dir() {
        return dir;
    }

    @Override
    public MmscStub mmsc() {
        return mmsc;
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public String registryUrl() {
        return registryUrl;
    }

    /** Broker with node id {@code id} (1..n). */
    @Override
    public ManagedProcess broker(int id) {
        return brokers.get(id - 1);
    }

    @Override
    public ManagedProcess registry() {
        if (registry == null) {
            throw new IllegalStateException("this deployment's registry is the caller's (Builder.registry)");
        }
        return registry;
    }

    /** The clamd the inspection instances scan with; only with {@link Builder#clamd(boolean)}. */
    @Override
    public ManagedProcess clamd() {
        if (clamd == null) {
            throw new IllegalStateException("this deployment's inspection scans with the built-in engine, not clamd");
        }
        return clamd;
    }

    @Override
    public ServiceProcess inspection(int i) {
        return inspections.get(i);
    }

    @Override
    public ServiceProcess gateway(int i) {
        return gateways.get(i);
    }

    @Override
    public ServiceProcess notifier() {
        if (notifier == null) {
            throw new IllegalStateException("this deployment runs no notifier");
        }
        return notifier;
    }

    /** The listeners of gateway {@code i}. */
    @Override
    public Endpoints endpoints(int i) {
        return endpoints.get(i);
    }

    /** The listeners of every gateway, in gateway order: what a {@code LoadDriver} spreads its traffic over. */
    @Override
    public List<Endpoints> endpoints() {
        return List.copyOf(endpoints);
    }

    /**
     * The count of {@code sender}'s first flood threshold on {@code mmsInterface} (MM1, MM4) under {@code profile},
     * as the inspection service's {@code /state/flood} tells it (retried on the running instances while they
     * rebalance, for at most a minute).
     */
    @Override
    public long floodCount(String mmsInterface, String sender, String profile) {
        return floodCount(mmsInterface, sender, profile, runningInspections());
    }

    /**
     * As {@link #floodCount(String, String, String)}, asked of {@code running}: the inspection instances that run
     * where this deployment does not see them as processes ({@link Builder#servicesAsProcesses}).
     */
    public long floodCount(String mmsInterface, String sender, String profile, List<ServiceProcess> running) {
        JsonNode threshold = flood(mmsInterface, sender, profile, running).path("thresholds").path(0);
        if (threshold.isMissingNode()) {
            throw new IllegalStateException("no flood threshold on " + mmsInterface + " in profile " + profile);
        }
        return threshold.path("count").asLong();
    }

    /**
     * The inspection instance whose active task owns {@code sender}'s flood state: the one to hit for a fault that
     * must meet work (an instance with standby tasks only is killed without any session noticing).
     */
    @Override
    public ServiceProcess floodOwner(String mmsInterface, String sender, String profile) {
        return floodOwner(mmsInterface, sender, profile, runningInspections());
    }

    /** As {@link #floodOwner(String, String, String)}, asked of {@code running} (see {@link #floodCount}). */
    public ServiceProcess floodOwner(String mmsInterface, String sender, String profile, List<ServiceProcess> running) {
        String owner = flood(mmsInterface, sender, profile, running).path("owner").asText();
        return inspections.stream().filter(i -> owner.equals("127.0.0.1:" + i.adminPort())).findFirst()
                .orElseThrow(() -> new IllegalStateException("owner " + owner + " is none of " + inspections));
    }

    private List<ServiceProcess> runningInspections() {
        return inspections.stream().filter(ServiceProcess::isRunning).toList();
    }

    private JsonNode flood(String mmsInterface, String sender, String profile, List<ServiceProcess> running) {
        List<Integer> ports = running.stream().map(ServiceProcess::adminPort).toList();
        return stateQuery.flood(ports, mmsInterface, sender, profile, Duration.ofMinutes(1));
    }

    /**
     * Kills every broker (SIGKILL, each checked gone): a whole Kafka outage. Not SIGTERM: a controlled shutdown
     * waits for a controller quorum that the other nodes' shutdowns take away, and ends in SIGKILL after 30 s anyway.
     */
    @Override
    public void killAllBrokers() {
        brokers.forEach(BrokerNode::kill);
    }

    /** Starts every broker that is down, on its data, and waits until all are registered and unfenced. */
    @Override
    public void startAllBrokers() {
        brokers.stream().filter(b -> !b.isRunning()).forEach(BrokerNode::start);
        cluster.awaitBrokers(brokers.size(), Duration.ofSeconds(120));
    }

    /** The inspection instances, the gateways and the notifier, in that order: a rolling upgrade's. */
    public List<ServiceProcess> services() {
        List<ServiceProcess> all = new ArrayList<>(inspections);
        all.addAll(gateways);
        if (notifier != null) {
            all.add(notifier);
        }
        return all;
    }

    /** Every process: brokers, registry, clamd, inspection instances, gateways, notifier. */
    public List<ManagedProcess> processes() {
        List<ManagedProcess> all = new ArrayList<>(brokers);
        if (registry != null) {
            all.add(registry);
        }
        if (clamd != null) {
            all.add(clamd);
        }
        all.addAll(services());
        return all;
    }

    /**
     * Stops everything: the gateways first (no new sessions), then the notifier and the inspection instances, clamd,
     * the registry, the brokers, the stub. Files stay in {@link #dir()}.
     */
    @Override
    public void close() {
        List<ServiceProcess> order = new ArrayList<>(gateways);
        if (notifier != null) {
            order.add(notifier);
        }
        order.addAll(inspections);
        for (ServiceProcess s : order) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.warn("stopping {}: {}", s.name(), e.toString());
            }
        }
        if (clamd != null) {
            clamd.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        mmsc.close();
        LOG.info("deployment stopped; files in {}", dir);
    }
}
