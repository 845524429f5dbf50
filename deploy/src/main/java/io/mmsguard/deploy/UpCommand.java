package io.mmsguard.deploy;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.gateway.GatewayService;
import io.mmsguard.inspection.service.InspectionConfig;
import io.mmsguard.inspection.service.InspectionService;
import io.mmsguard.service.Settings;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mmsguard up}: the all-in-one embedded mode. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {
            "Start the all-in-one embedded mode on loopback: a real single-node KRaft Kafka inside this process and the"
                + " Apicurio schema registry as a child process, with the mmsguard topics created and every contract"
                + " schema registered. Data survives restarts under --data-dir.",
            "",
            "It also runs the inspection service (Kafka Streams topology, admin HTTP on --inspection-port with"
                + " /metrics, /health/ready and /state/flood), the MM1 gateway on --mm1-port and a demo upstream MMSC"
                + " that accepts whatever the gateway forwards. With --demo it publishes a demo profile, POSTs sample"
                + " m-send.req PDUs to the MM1 gateway as handsets do (clean, virus, banned file, spam, a flood, a"
                + " duplicate campaign), prints what each handset was answered and whether the MMSC got the message,"
                + " and exits. Without --demo it runs until interrupted (Ctrl-C).",
            "",
            "The MM3/MM4 gateways and the notifier are not built yet."})
public final class UpCommand implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "data", description = "Kafka and registry data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "19092", description = "Kafka client port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--kafka-controller-port", defaultValue = "19093", description = "KRaft controller port (default: ${DEFAULT-VALUE}).")
    int kafkaControllerPort;

    @Option(names = "--registry-port", defaultValue = "18081", description = "Schema registry HTTP port (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--inspection-port", defaultValue = "18091", description = "Inspection service admin HTTP port (default: ${DEFAULT-VALUE}).")
    int inspectionPort;

    @Option(names = "--mm1-port", defaultValue = "18080", description = "MM1 gateway port for handset HTTP (default: ${DEFAULT-VALUE}).")
    int mm1Port;

    @Option(names = "--demo", description = "Send sample traffic through the inspection topology, print every decision and why, and exit.")
    boolean demo;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("--kafka-port", kafkaPort);
        ports.put("--kafka-controller-port", kafkaControllerPort);
        ports.put("--registry-port", registryPort);
        ports.put("--inspection-port", inspectionPort);
        ports.put("--mm1-port", mm1Port);
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
            if (!free(port.getValue())) {
                err.printf("mmsguard up: port %d on 127.0.0.1 is already in use; choose another with %s%n",
                        port.getValue(), port.getKey());
                return 2;
            }
        }
        out.printf("Starting Kafka and the schema registry (data in %s) ...%n", dataDir.toAbsolutePath());
        out.flush();
        EmbeddedStack stack = EmbeddedStack.start(new EmbeddedStack.Settings(dataDir, kafkaPort, kafkaControllerPort, registryPort));
        try {
            out.printf("  Kafka            %s%n", stack.bootstrapServers());
            out.printf("  Schema registry  %s (Confluent API; PID %d)%n", stack.registryUrl(), stack.registryPid());
            out.printf("  Schemas          %s%n", stack.schemaIds());
            out.flush();
            if (demo) {
                InspectionDemo.publishProfile(stack.bootstrapServers(), stack.registryUrl());
            }
            try (InspectionService inspection = InspectionService.start(inspectionConfig(stack));
                 DemoMmsc mmsc = new DemoMmsc(0);
                 GatewayService gateway = GatewayService.start(gatewayConfig(stack, mmsc))) {
                out.printf("  Inspection       http://127.0.0.1:%d (/metrics, /health/ready, /state/flood)%n",
                        inspection.httpPort());
                out.printf("  MM1 gateway      http://127.0.0.1:%d/mms -> demo MMSC %s (admin port %d)%n",
                        gateway.port("mm1"), mmsc.mm1Uri(), gateway.httpPort());
                out.flush();
                if (!inspection.awaitRunning(Duration.ofMinutes(2))) {
                    err.println("mmsguard up: the inspection service did not reach RUNNING: "
                            + inspection.streams().state());
                    return 1;
                }
                if (demo) {
                    InspectionDemo.Result result = InspectionDemo.run(
                            URI.create("http://127.0.0.1:" + gateway.port("mm1") + "/mms"), mmsc, Duration.ofSeconds(60));
                    out.println();
                    out.print(result.describe());
                    out.println();
                    out.println("Not built yet: the MM3/MM4 gateways and the notifier.");
                    return result.complete() ? 0 : 1;
                }
                out.println("Running; press Ctrl-C to stop.");
                out.flush();
                awaitShutdown(gateway, inspection, stack);
                return 0;
            }
        } finally {
            stack.close();
        }
    }

    private GatewayConfig gatewayConfig(EmbeddedStack stack, DemoMmsc mmsc) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("kafka.bootstrap.servers", stack.bootstrapServers());
        s.put("serde.schema.registry.url", stack.registryUrl());
        s.put("gateway.id", "embedded");
        s.put("gateway.reply-partitions", "0");
        s.put("gateway.http-host", "127.0.0.1");
        s.put("gateway.http-port", "0");
        s.put("mm1.listen", "127.0.0.1:" + mm1Port);
        s.put("mm1.upstream", mmsc.mm1Uri().toString());
        s.put("mm1.profile", demo ? InspectionDemo.PROFILE : "default");
        return GatewayConfig.from(Settings.of(s));
    }

    private InspectionConfig inspectionConfig(EmbeddedStack stack) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("kafka.bootstrap.servers", stack.bootstrapServers());
        s.put("serde.schema.registry.url", stack.registryUrl());
        s.put("inspection.state-dir", dataDir.resolve("streams").toString());
        s.put("inspection.http-host", "127.0.0.1");
        s.put("inspection.http-port", Integer.toString(inspectionPort));
        // One broker: Kafka Streams' internal topics cannot have more replicas than that.
        s.put("kafka.replication.factor", "1");
        return InspectionConfig.from(Settings.of(s));
    }

    /**
     * Ctrl-C: the gateway first (no new sessions), then the inspection service (it commits its last transaction),
     * then Kafka and the registry.
     */
    private static void awaitShutdown(GatewayService gateway, InspectionService inspection, EmbeddedStack stack)
            throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            inspection.close();
            stack.close();
            stopped.countDown();
        }, "mmsguard-shutdown"));
        stopped.await();
    }

    private static boolean free(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return probe.isBound();
        } catch (IOException e) {
            return false;
        }
    }
}
