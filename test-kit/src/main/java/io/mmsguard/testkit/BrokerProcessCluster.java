package io.mmsguard.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KRaft cluster of combined broker+controller nodes, each its own JVM ({@code kafka.Kafka} on this JVM's
 * classpath), so that a test can {@code kill -9} a node by PID and restart it on the same data.
 * Failure detection is tuned down ({@link #FAILURE_DETECTION}) so that a killed node is fenced in about 3-4 s
 * instead of 8-13 s.
 */
public final class BrokerProcessCluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BrokerProcessCluster.class);
    private static final List<String> NODE_JVM_ARGS = List.of(
            // C1 only, as the harness's services: a test broker's load is light, and C2's compilations take the CPU
            // that its start-up and the tests beside it need on two cores.
            "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.showDateTime=true");

    /**
     * How fast a killed node is noticed, the same as compose's brokers (and, where Strimzi lets them be set, the
     * Kubernetes cluster's; a deploy test holds them equal): the controller fences a broker whose heartbeats stop
     * after 3 s instead of Kafka's 9 s, and only then do its partitions get new leaders, so every producer and
     * coordinator request to it fails until then; a dead active controller is replaced after 0.5-1 s instead of
     * 1-2 s; a follower that stops fetching leaves the ISR after 5 s instead of 30 s, so acks=all writes stop
     * waiting for it sooner. Measured in docs/reliability.md.
     */
    public static final Map<String, String> FAILURE_DETECTION = Map.of(
            "broker.heartbeat.interval.ms", "500",
            "broker.session.timeout.ms", "3000",
            "controller.quorum.fetch.timeout.ms", "1000",
            "controller.quorum.election.timeout.ms", "500",
            "replica.lag.time.max.ms", "5000");

    private final Path baseDir;
    private final SortedMap<Integer, Node> nodes;
    private final String classpath;
    private final int replication;
    private final int minIsr;
    private final Optional<KafkaSecurity> security;

    private record Node(int id, int brokerPort, int controllerPort, Path dir, Path config) {
    }

    private final Map<Integer, JavaProcess> running = new TreeMap<>();

    private BrokerProcessCluster(Path baseDir, SortedMap<Integer, Node> nodes, String classpath, int replication,
                                 int minIsr, Optional<KafkaSecurity> security) {
        this.security = security;
        this.baseDir = baseDir;
        this.nodes = nodes;
        this.classpath = classpath;
        this.replication = replication;
        this.minIsr = minIsr;
    }

    /**
     * Formats and starts {@code size} nodes (ids 1..size) under {@code baseDir}, and waits until all are ready; the
     * default replication factor is min(3, size) and min.insync.replicas one less (at least 1).
     */
    public static BrokerProcessCluster start(Path baseDir, int size) {
        int replication = Math.min(3, size);
        return start(baseDir, size, replication, Math.max(1, replication - 1));
    }

    /**
     * As {@link #start(Path, int)} with the brokers' default replication factor and min.insync.replicas (also those
     * of the offsets and transaction state topics) given.
     */
    public static BrokerProcessCluster start(Path baseDir, int size, int replication, int minIsr) {
        return start(baseDir, size, replication, minIsr, Optional.empty());
    }

    /**
     * As {@link #start(Path, int, int, int)}, with the clients' listener secured as {@code security} says (SASL,
     * SSL with a PKI, SCRAM-SHA-512, ACLs); clients add {@link #clientProperties(String)}.
     */
    public static BrokerProcessCluster start(Path baseDir, int size, int replication, int minIsr,
                                             Optional<KafkaSecurity> security) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1");
        }
        if (replication < 1 || replication > size || minIsr < 1 || minIsr > replication) {
            throw new IllegalArgumentException("need 1 <= min.insync.replicas (" + minIsr + ") <= replication ("
                    + replication + ") <= size (" + size + ")");
        }
        SortedMap<Integer, Node> nodes = new TreeMap<>();
        for (int id = 1; id <= size; id++) {
            Path dir = baseDir.resolve("node" + id);
            nodes.put(id, new Node(id, FreePorts.next(), FreePorts.next(), dir, baseDir.resolve("node" + id + ".properties")));
        }
        BrokerProcessCluster cluster = new BrokerProcessCluster(baseDir, nodes, JvmClasspath.current(), replication,
                minIsr, security);
        try {
            cluster.writeConfigsAndFormat();
            for (int id : nodes.keySet()) {
                cluster.startNode(id);
            }
            cluster.awaitBrokers(size, Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void writeConfigsAndFormat() {
        String clusterId = Uuid.randomUuid().toString();
        String voters = nodes.values().stream()
                .map(n -> n.id() + "@127.0.0.1:" + n.controllerPort())
                .collect(Collectors.joining(","));
        for (Node n : nodes.values()) {
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", Integer.toString(n.id()));
            String listener = security.map(KafkaSecurity::protocol).orElse("PLAINTEXT");
            p.put("listeners", listener + "://127.0.0.1:" + n.brokerPort() + ",CONTROLLER://127.0.0.1:" + n.controllerPort());
            p.put("advertised.listeners", listener + "://127.0.0.1:" + n.brokerPort());
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            security.ifPresent(sec -> p.putAll(sec.brokerProperties("CONTROLLER", "127.0.0.1")));
            p.put("controller.listener.names", "CONTROLLER");
            p.put("controller.quorum.voters", voters);
            p.put("log.dirs", n.dir().toString());
            p.put("num.partitions", "3");
            p.put("default.replication.factor", Integer.toString(replication));
            p.put("min.insync.replicas", Integer.toString(minIsr));
            p.put("offsets.topic.replication.factor", Integer.toString(replication));
            p.put("offsets.topic.num.partitions", "3");
            p.put("transaction.state.log.replication.factor", Integer.toString(replication));
            p.put("transaction.state.log.min.isr", Integer.toString(minIsr));
            p.put("share.coordinator.state.topic.replication.factor", Integer.toString(replication));
            p.put("share.coordinator.state.topic.min.isr", Integer.toString(minIsr));
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("log.cleaner.dedupe.buffer.size", "2097152");
            p.put("num.network.threads", "1");
            p.put("num.io.threads", "2");
            p.put("background.threads", "2");
            p.putAll(FAILURE_DETECTION);
            try {
                Files.createDirectories(n.dir());
                try (OutputStream out = Files.newOutputStream(n.config())) {
                    p.store(out, "mmsguard test-kit node " + n.id());
                }
                new Formatter()
                        .setNodeId(n.id())
                        .setClusterId(clusterId)
                        .setDirectories(List.of(n.dir().toString()))
                        .setMetadataLogDirectory(n.dir().toString())
                        .setControllerListenerName("CONTROLLER")
                        .setScramArguments(security.map(KafkaSecurity::scramArguments).orElse(List.of()))
                        .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                        .run();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare node " + n.id(), e);
            } catch (Exception e) {
                throw new IllegalStateException("cannot format node " + n.id(), e);
            }
        }
    }

    /** Starts (or restarts, on the same data) one node's JVM. */
    public synchronized void startNode(int id) {
        Node n = node(id);
        JavaProcess old = running.get(id);
        if (old != null && old.isAlive()) {
            throw new IllegalStateException("node " + id + " is already running as " + old);
        }
        running.put(id, JavaProcess.start("kafka-node-" + id, NODE_JVM_ARGS,
                List.of("-cp", classpath, "kafka.Kafka", n.config().toString()),
                baseDir, baseDir.resolve("node" + id + ".log")));
    }

    /** SIGKILL of one node's JVM: no controlled shutdown, unflushed data as after a crash. */
    public synchronized void kill(int id) {
        process(id).kill();
    }

    /** SIGTERM of one node's JVM: a controlled shutdown. */
    public synchronized void stop(int id) {
        process(id).stop(Duration.ofSeconds(30));
    }

    public synchronized long pid(int id) {
        return process(id).pid();
    }

    public synchronized boolean isRunning(int id) {
        JavaProcess p = running.get(id);
        return p != null && p.isAlive();
    }

    public List<Integer> nodeIds() {
        return new ArrayList<>(nodes.keySet());
    }

    /** Bootstrap list of every node, so clients find a live one whichever is down. */
    public String bootstrapServers() {
        return nodes.values().stream().map(n -> "127.0.0.1:" + n.brokerPort()).collect(Collectors.joining(","));
    }

    /**
     * bootstrap.servers and, on a secured cluster, what a client of {@code user} needs to connect as that user (the
     * admin, {@link KafkaSecurity#ADMIN}, is a super user); only bootstrap.servers on a plain one.
     */
    public Map<String, Object> clientProperties(String user) {
        Map<String, Object> p = new java.util.HashMap<>(security.map(s -> s.clientProperties(user)).orElse(Map.of()));
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return p;
    }

    public Optional<KafkaSecurity> security() {
        return security;
    }

    public String bootstrapServers(int id) {
        return "127.0.0.1:" + node(id).brokerPort();
    }

    /** Waits until {@code expected} brokers are registered and unfenced, as seen by a client. */
    public void awaitBrokers(int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        Map<String, Object> props = new java.util.HashMap<>(clientProperties(KafkaSecurity.ADMIN));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                checkNoNodeDied();
                try {
                    int seen = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
                    if (seen == expected) {
                        log.info("{} Kafka node process(es) ready at {}", expected, bootstrapServers());
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
                sleep(200);
            }
        }
        throw new IllegalStateException("Kafka node processes not ready within " + timeout + " (last error: " + last
                + ")\n" + tails());
    }

    private void checkNoNodeDied() {
        for (Map.Entry<Integer, JavaProcess> e : running.entrySet()) {
            if (!e.getValue().isAlive()) {
                throw new IllegalStateException("Kafka node " + e.getKey() + " exited during startup:\n" + e.getValue().logTail(40));
            }
        }
    }

    private String tails() {
        StringBuilder sb = new StringBuilder();
        running.forEach((id, p) -> sb.append("--- node ").append(id).append(" ---\n").append(p.logTail(20)).append('\n'));
        return sb.toString();
    }

    private Node node(int id) {
        Node n = nodes.get(id);
        if (n == null) {
            throw new IllegalArgumentException("no node " + id + " in " + nodes.keySet());
        }
        return n;
    }

    private JavaProcess process(int id) {
        node(id);
        JavaProcess p = running.get(id);
        if (p == null) {
            throw new IllegalStateException("node " + id + " was never started");
        }
        return p;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public synchronized void close() {
        // Stop all at once: one by one, the survivors would keep re-electing and slow the shutdown down.
        running.values().forEach(p -> {
            if (p.isAlive()) {
                ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroy);
            }
        });
        running.values().forEach(JavaProcess::close);
        running.clear();
    }
}
