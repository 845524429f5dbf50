package io.mmsguard.harness;

import java.util.List;

import io.mmsguard.harness.load.Endpoints;
import io.mmsguard.harness.mmsc.MmscStub;

/**
 * What a fault scenario needs of a whole deployment, however it runs: its nodes to kill, stop, pause and restart,
 * the gateways' listeners the load goes to, the MMSC stub that sees what was delivered, and the inspection
 * service's flood state. {@link Deployment} runs every node as a process; the container tier (test-harness's
 * {@code containers} package) runs the services from the image. The chaos suite's passes are written against this.
 */
public interface DeploymentNodes extends AutoCloseable {

    MmscStub mmsc();

    /** The listeners of every gateway, in gateway order: what a {@code LoadDriver} spreads its traffic over. */
    List<Endpoints> endpoints();

    /** The listeners of gateway {@code i}. */
    default Endpoints endpoints(int i) {
        return endpoints().get(i);
    }

    String bootstrapServers();

    /** The Confluent-compatible registry API the services use. */
    String registryUrl();

    /** Broker with node id {@code id} (1..n). */
    Node broker(int id);

    /** Every broker killed (SIGKILL): a whole Kafka outage. */
    void killAllBrokers();

    /** Every broker that is down started on its data; returns once all are registered and unfenced. */
    void startAllBrokers();

    Node registry();

    /** The clamd the inspection instances scan with, when the deployment has one. */
    Node clamd();

    Node inspection(int i);

    Node gateway(int i);

    Node notifier();

    /** The count of {@code sender}'s first flood threshold on {@code mmsInterface} under {@code profile}. */
    long floodCount(String mmsInterface, String sender, String profile);

    /** The inspection instance whose active task owns {@code sender}'s flood state. */
    Node floodOwner(String mmsInterface, String sender, String profile);

    /** Stops everything; files stay for the post-mortem. */
    @Override
    void close();
}
