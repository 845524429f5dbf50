package io.mmsguard.harness.containers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.mmsguard.harness.Deployment;
import io.mmsguard.harness.DeploymentNodes;
import io.mmsguard.harness.Node;
import io.mmsguard.harness.ServiceProcess;
import io.mmsguard.harness.load.Endpoints;
import io.mmsguard.harness.mmsc.MmscStub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Deployment} whose services run from the image: the process path starts what is not ours (the brokers,
 * the registry, clamd, the MMSC stub), creates the topics, applies the profiles and writes every service's YAML
 * file, and each inspection instance, gateway and the notifier then runs in a container of the image built from
 * deploy/docker/Dockerfile on that same file ({@link ServiceContainer}). A fault on a service is a fault on its
 * container ({@code docker kill}, {@code docker stop}, {@code docker pause}); on the brokers, the registry and clamd
 * it is the process path's, unless the registry is a {@link SchemaRegistryContainer}.
 */
public final class ContainerDeployment implements DeploymentNodes {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerDeployment.class);
    private static final Duration READY_WITHIN = Duration.ofMinutes(4);

    private final Deployment processes;
    private final SchemaRegistryContainer registry;
    private final List<ServiceContainer> inspections = new ArrayList<>();
    private final List<ServiceContainer> gateways = new ArrayList<>();
    private ServiceContainer notifier;

    private ContainerDeployment(Deployment processes, SchemaRegistryContainer registry) {
        this.processes = processes;
        this.registry = registry;
    }

    /** Starts {@code shape}'s deployment with its services from {@code image}, each awaited ready. */
    public static ContainerDeployment start(Deployment.Builder shape, String image) {
        return start(shape.servicesAsProcesses(false).start(), null, image);
    }

    /** As {@link #start(Deployment.Builder, String)}, with {@code registry} instead of the harness's Apicurio. */
    public static ContainerDeployment start(Deployment.Builder shape, SchemaRegistryContainer registry, String image) {
        Objects.requireNonNull(registry, "registry");
        Deployment processes;
        try {
            processes = shape.servicesAsProcesses(false).registry(registry::start).start();
        } catch (RuntimeException | Error e) {
            registry.close();
            throw e;
        }
        return start(processes, registry, image);
    }

    private static ContainerDeployment start(Deployment processes, SchemaRegistryContainer registry, String image) {
        ContainerDeployment d = new ContainerDeployment(processes, registry);
        try {
            for (ServiceProcess spec : processes.services()) {
                ServiceContainer c = new ServiceContainer(spec, image, processes.dir(), READY_WITHIN);
                switch (spec.kind()) {
                    case INSPECTION -> d.inspections.add(c);
                    case GATEWAY -> d.gateways.add(c);
                    case NOTIFIER -> d.notifier = c;
                }
            }
            d.services().forEach(ServiceContainer::start);
            d.services().forEach(ServiceContainer::awaitReady);
            LOG.info("container deployment ready under {}: {}", processes.dir(), d.services());
            return d;
        } catch (RuntimeException | Error e) {
            LOG.error("container deployment in {} failed to start; its files stay there", processes.dir());
            d.close();
            throw e;
        }
    }

    /** The inspection instances, the gateways and the notifier, in that order. */
    private List<ServiceContainer> services() {
        List<ServiceContainer> all = new ArrayList<>(inspections);
        all.addAll(gateways);
        if (notifier != null) {
            all.add(notifier);
        }
        return all;
    }

    @Override
    public MmscStub mmsc() {
        return processes.mmsc();
    }

    @Override
    public List<Endpoints> endpoints() {
        return processes.endpoints();
    }

    @Override
    public String bootstrapServers() {
        return processes.bootstrapServers();
    }

    @Override
    public String registryUrl() {
        return processes.registryUrl();
    }

    @Override
    public Node broker(int id) {
        return processes.broker(id);
    }

    @Override
    public void killAllBrokers() {
        processes.killAllBrokers();
    }

    @Override
    public void startAllBrokers() {
        processes.startAllBrokers();
    }

    @Override
    public Node registry() {
        return registry != null ? registry : processes.registry();
    }

    @Override
    public Node clamd() {
        return processes.clamd();
    }

    @Override
    public Node inspection(int i) {
        return inspections.get(i);
    }

    @Override
    public Node gateway(int i) {
        return gateways.get(i);
    }

    @Override
    public Node notifier() {
        if (notifier == null) {
            throw new IllegalStateException("this deployment runs no notifier");
        }
        return notifier;
    }

    @Override
    public long floodCount(String mmsInterface, String sender, String profile) {
        return processes.floodCount(mmsInterface, sender, profile, runningInspections());
    }

    @Override
    public Node floodOwner(String mmsInterface, String sender, String profile) {
        ServiceProcess owner = processes.floodOwner(mmsInterface, sender, profile, runningInspections());
        return inspections.stream().filter(c -> c.spec() == owner).findFirst().orElseThrow();
    }

    /** The inspection instances whose container runs, as the process path describes them (their admin ports). */
    private List<ServiceProcess> runningInspections() {
        return inspections.stream().filter(ServiceContainer::isRunning).map(ServiceContainer::spec).toList();
    }

    /** Removes the gateways' containers first (no new sessions), then the others'; then the process path's parts. */
    @Override
    public void close() {
        List<ServiceContainer> order = new ArrayList<>(gateways);
        if (notifier != null) {
            order.add(notifier);
        }
        order.addAll(inspections);
        for (ServiceContainer c : order) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.warn("removing {}: {}", c, e.toString());
            }
        }
        try {
            processes.close();
        } finally {
            if (registry != null) {
                registry.close();
            }
        }
    }
}
