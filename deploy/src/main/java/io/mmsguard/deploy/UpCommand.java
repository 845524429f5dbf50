package io.mmsguard.deploy;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

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
            "Today the inspection topology, the gateways and the notifier are not built yet: with --demo it writes a"
                + " sample MmsEnvelope through the registry-backed Avro serde to mms.inbound, reads it back, prints the"
                + " result and exits. Without --demo it keeps Kafka and the registry running until interrupted (Ctrl-C)."})
public final class UpCommand implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "data", description = "Kafka and registry data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "19092", description = "Kafka client port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--kafka-controller-port", defaultValue = "19093", description = "KRaft controller port (default: ${DEFAULT-VALUE}).")
    int kafkaControllerPort;

    @Option(names = "--registry-port", defaultValue = "18081", description = "Schema registry HTTP port (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--demo", description = "Run the sample round trip, print what happened, and exit.")
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
                RoundTripCheck.Result result = RoundTripCheck.run(stack.bootstrapServers(), stack.registryUrl());
                out.println(result.describe());
                out.println("Not built yet: inspection topology, gateways, notifier (see README, Status).");
                return result.ok() ? 0 : 1;
            }
            out.println("Running; press Ctrl-C to stop.");
            out.flush();
            awaitShutdown(stack);
            return 0;
        } finally {
            stack.close();
        }
    }

    private static void awaitShutdown(EmbeddedStack stack) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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
