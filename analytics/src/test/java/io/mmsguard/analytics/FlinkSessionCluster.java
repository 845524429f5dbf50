package io.mmsguard.analytics;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/**
 * Flink's MiniCluster with its REST endpoint on loopback, used as a session cluster: table environments submit their
 * jobs to it with {@code execution.target: remote}, as a SQL client or an application does to a real cluster. One
 * cluster for all the queries of a test class: a local environment would start a MiniCluster per query.
 */
final class FlinkSessionCluster implements AutoCloseable {
    private final MiniCluster cluster;
    private final URI rest;

    private FlinkSessionCluster(MiniCluster cluster, URI rest) {
        this.cluster = cluster;
        this.rest = rest;
    }

    static FlinkSessionCluster start() throws Exception {
        Configuration c = new Configuration();
        c.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        c.set(RestOptions.ADDRESS, "127.0.0.1");
        c.set(RestOptions.PORT, 0);
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(c)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(2).build());
        cluster.start();
        try {
            return new FlinkSessionCluster(cluster, cluster.getRestAddress().get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    /** A batch table environment whose jobs run on this cluster, one task each. */
    TableEnvironment batchEnvironment() {
        Configuration c = new Configuration();
        c.set(DeploymentOptions.TARGET, "remote");
        c.set(RestOptions.ADDRESS, rest.getHost());
        c.set(RestOptions.PORT, rest.getPort());
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.newInstance().inBatchMode()
                .withConfiguration(c).build());
        env.getConfig().set("parallelism.default", "1");
        env.getConfig().set("table.local-time-zone", "UTC");
        return env;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
