package io.mmsguard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka (broker and controller in one) inside this JVM: the embedded default of the
 * all-in-one mode. The data directory is formatted once and survives restarts, so topics, offsets and
 * Streams changelogs are still there the next time.
 *
 * <p>Kafka wires a process-terminating handler for fatal metadata faults into {@link KafkaRaftServer}: such a
 * fault halts the whole JVM, which is acceptable for the all-in-one mode and is why production deployments
 * run brokers as their own processes.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final Path dataDir;
    private final String host;
    private final int brokerPort;
    private final int controllerPort;
    private final Map<String, String> overrides;
    private final Optional<KafkaSecurity> security;
    private KafkaRaftServer server;

    /**
     * @param dataDir        log and metadata directory; formatted on first start, reused afterwards
     * @param host           address to listen on and advertise (loopback for the embedded mode)
     * @param brokerPort     client port; 0 picks a free one
     * @param controllerPort KRaft controller port; 0 picks a free one
     * @param overrides      broker properties applied last (e.g. {@code num.partitions})
     */
    public EmbeddedKafka(Path dataDir, String host, int brokerPort, int controllerPort, Map<String, String> overrides) {
        this(dataDir, host, brokerPort, controllerPort, overrides, Optional.empty());
    }

    /**
     * As the other constructor, with SASL (SSL when the security has a PKI), SCRAM-SHA-512 and ACLs on the client
     * listener ({@link KafkaSecurity}); clients add {@link KafkaSecurity#clientProperties(String)}.
     */
    public EmbeddedKafka(Path dataDir, String host, int brokerPort, int controllerPort, Map<String, String> overrides,
                         Optional<KafkaSecurity> security) {
        this.security = Objects.requireNonNull(security, "security");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.host = Objects.requireNonNull(host, "host");
        this.brokerPort = brokerPort == 0 ? FreePorts.next() : brokerPort;
        this.controllerPort = controllerPort == 0 ? FreePorts.next() : controllerPort;
        this.overrides = Map.copyOf(overrides);
    }

    /** A broker on free loopback ports with the given data directory and no overrides. */
    public static EmbeddedKafka onFreePorts(Path dataDir) {
        return new EmbeddedKafka(dataDir, "127.0.0.1", 0, 0, Map.of());
    }

    /** A broker on free loopback ports whose clients authenticate and are authorized as {@code security} says. */
    public static EmbeddedKafka secured(Path dataDir, KafkaSecurity security) {
        return new EmbeddedKafka(dataDir, "127.0.0.1", 0, 0, Map.of(), Optional.of(security));
    }

    public synchronized EmbeddedKafka start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        long t0 = System.nanoTime();
        KafkaConfig config = new KafkaConfig(brokerProperties(), false);
        boolean formatted = formatOnce();
        server = new KafkaRaftServer(config, Time.SYSTEM);
        // startup() returns once the broker answers requests: topics can be created right after.
        server.startup();
        log.info("embedded Kafka up at {} (data {}, {}) in {} ms", bootstrapServers(), dataDir,
                formatted ? "formatted now" : "existing data", (System.nanoTime() - t0) / 1_000_000);
        return this;
    }

    Properties brokerProperties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        String listener = security.map(KafkaSecurity::protocol).orElse("PLAINTEXT");
        p.put("listeners", listener + "://" + host + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        p.put("advertised.listeners", listener + "://" + host + ":" + brokerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        security.ifPresent(s -> p.putAll(s.brokerProperties(CONTROLLER_LISTENER, host)));
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put("log.dirs", dataDir.toString());
        // A single node can only hold one replica of each internal topic.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The 128 MB default dedupe buffer is most of an idle broker's heap; 2 MB suffices for our compacted topics.
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        p.putAll(overrides);
        return p;
    }

    private boolean formatOnce() {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return false;
        }
        try {
            Files.createDirectories(dataDir);
            new Formatter()
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dataDir.toString()))
                    .setMetadataLogDirectory(dataDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setScramArguments(security.map(KafkaSecurity::scramArguments).orElse(List.of()))
                    // The formatter narrates to stdout; our own log line says the directory was formatted.
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .run();
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka data directory " + dataDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka data directory " + dataDir, e);
        }
    }

    public String bootstrapServers() {
        return host + ":" + brokerPort;
    }

    public int brokerPort() {
        return brokerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        log.info("embedded Kafka at {} stopped", bootstrapServers());
    }
}
