package io.mmsguard.harness.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.mmsguard.harness.Deployment;
import io.mmsguard.harness.ServiceProcess;
import io.mmsguard.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The data a release leaves to the next, by name: what an upgrade must take over without renaming anything.
 *
 * @param topics                every topic but Kafka's own ({@code __consumer_offsets}, {@code __transaction_state}):
 *                              the planned ones and Kafka Streams' changelog and repartition topics
 * @param stores                per stateful service, its state directory's stores as {@code <application id>/<store>}
 *                              (task directories left out: which tasks an instance holds changes with every rebalance)
 * @param subjects              every registry subject with its versions
 * @param inboundTimestampType  mms.inbound's {@code message.timestamp.type}
 */
record DeploymentData(Set<String> topics, Map<String, Set<String>> stores, Map<String, List<Integer>> subjects,
                      String inboundTimestampType) {

    static DeploymentData of(Deployment d) {
        Map<String, Set<String>> stores = new TreeMap<>();
        for (ServiceProcess s : d.services()) {
            if (s.kind() != ServiceProcess.Kind.GATEWAY) {
                stores.put(s.name(), stores(d.stateDir(s)));
            }
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, d.bootstrapServers()))) {
            ConfigResource inbound = new ConfigResource(ConfigResource.Type.TOPIC, Topics.INBOUND);
            String timestampType = admin.describeConfigs(List.of(inbound)).all().get(30, TimeUnit.SECONDS)
                    .get(inbound).get(Topics.TIMESTAMP_TYPE).value();
            return new DeploymentData(new TreeSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS)), stores,
                    RegisteredSchemas.versions(d.registryUrl()), timestampType);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe the topics of " + d.bootstrapServers() + ": " + e, e);
        }
    }

    /**
     * {@code <state dir>/<application id>/<task>/rocksdb/<store>} for key-value stores,
     * {@code <state dir>/<application id>/<task>/<store>/} (segments inside) for window stores.
     */
    static Set<String> stores(Path stateDir) {
        Set<String> out = new TreeSet<>();
        for (Path app : directories(stateDir)) {
            for (Path task : directories(app)) {
                if (!task.getFileName().toString().matches("\\d+_\\d+")) {
                    continue;
                }
                for (Path store : directories(task)) {
                    List<Path> named = store.getFileName().toString().equals("rocksdb") ? directories(store)
                            : List.of(store);
                    named.forEach(n -> out.add(app.getFileName() + "/" + n.getFileName()));
                }
            }
        }
        return out;
    }

    private static List<Path> directories(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
