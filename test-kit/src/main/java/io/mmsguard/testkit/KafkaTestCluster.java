package io.mmsguard.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real KRaft cluster inside the test JVM, built on Kafka's own {@link KafkaClusterTestKit}: one combined node,
 * or three combined nodes that survive the loss of one. Nodes cannot be killed with a signal here; use
 * {@link BrokerProcessCluster} for that.
 */
public final class KafkaTestCluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaTestCluster.class);

    private final KafkaClusterTestKit kit;
    private final int size;
    private boolean closed;

    private KafkaTestCluster(KafkaClusterTestKit kit, int size) {
        this.kit = kit;
        this.size = size;
    }

    /** One broker+controller node; internal topics with one replica. About 2 s to start. */
    public static KafkaTestCluster singleNode() {
        return start(1, Map.of(
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "transaction.state.log.num.partitions", "1",
                "share.coordinator.state.topic.replication.factor", "1",
                "share.coordinator.state.topic.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0"));
    }

    /**
     * Three combined nodes, replication factor 3 and min ISR 2 by default, so that {@code acks=all} keeps
     * working with one node down.
     */
    public static KafkaTestCluster threeNodes() {
        return start(3, Map.of(
                "default.replication.factor", "3",
                "min.insync.replicas", "2",
                "offsets.topic.replication.factor", "3",
                "offsets.topic.num.partitions", "3",
                "transaction.state.log.replication.factor", "3",
                "transaction.state.log.min.isr", "2",
                "transaction.state.log.num.partitions", "3",
                "group.initial.rebalance.delay.ms", "0"));
    }

    private static KafkaTestCluster start(int nodes, Map<String, String> props) {
        long t0 = System.nanoTime();
        TestKitNodes kitNodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(nodes)
                .setNumControllerNodes(nodes)
                // The kit would otherwise format with the unreleased "latest testing" metadata version.
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(kitNodes);
        props.forEach(builder::setConfigProp);
        KafkaClusterTestKit kit = null;
        try {
            kit = builder.build();
            kit.format();
            startControllersFirst(kit);
            kit.waitForReadyBrokers();
        } catch (Exception e) {
            closeQuietly(kit);
            throw new IllegalStateException("cannot start a " + nodes + "-node Kafka test cluster", e);
        }
        KafkaTestCluster cluster = new KafkaTestCluster(kit, nodes);
        log.info("{}-node Kafka test cluster up at {} in {} ms", nodes, cluster.bootstrapServers(),
                (System.nanoTime() - t0) / 1_000_000);
        return cluster;
    }

    /*
     * The kit's own startup() starts the controller and broker of a combined node concurrently; when the broker
     * wins, the shared Raft client starts without controller endpoints and a follower dies about 5 s later with
     * "Received unexpected invalid request error". Kafka's real server starts the controller first; so do we.
     */
    private static void startControllersFirst(KafkaClusterTestKit kit) throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (ControllerServer controller : kit.controllers().values()) {
                pending.add(pool.submit(controller::startup));
            }
            awaitAll(pending);
            for (BrokerServer broker : kit.brokers().values()) {
                pending.add(pool.submit(broker::startup));
            }
            awaitAll(pending);
        } finally {
            pool.shutdown();
        }
    }

    private static void awaitAll(List<Future<?>> pending) throws Exception {
        for (Future<?> f : pending) {
            f.get();
        }
        pending.clear();
    }

    public String bootstrapServers() {
        return kit.bootstrapServers();
    }

    public int size() {
        return size;
    }

    public Set<Integer> nodeIds() {
        return kit.brokers().keySet();
    }

    /** A new admin client; the caller closes it. */
    public Admin admin() {
        return kit.admin();
    }

    /** The id of the node whose controller is the active one (the Raft leader). */
    public int activeControllerId() {
        return kit.controllers().entrySet().stream()
                .filter(e -> e.getValue().controller().isActive())
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no active controller"));
    }

    /** Controlled shutdown of one combined node (broker, then its controller). */
    public void stopNode(int nodeId) {
        BrokerServer broker = kit.brokers().get(nodeId);
        ControllerServer controller = kit.controllers().get(nodeId);
        if (broker == null || controller == null) {
            throw new IllegalArgumentException("no node " + nodeId + " in " + nodeIds());
        }
        broker.shutdown();
        controller.shutdown();
        log.info("stopped node {}", nodeId);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(kit);
    }

    private static void closeQuietly(KafkaClusterTestKit kit) {
        if (kit == null) {
            return;
        }
        try {
            kit.close();
        } catch (Exception e) {
            log.warn("closing the Kafka test cluster: {}", e.toString());
        }
    }
}
