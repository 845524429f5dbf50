package io.mmsguard.embedded;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.mmsguard.deploy.TopicPlan;
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
            "On top of them it runs the inspection service (Kafka Streams topology), one gateway with the MM1, MM3,"
                + " MM4 and MM7 listeners, the notifier, and a demo upstream MMSC (HTTP for MM1, MM7 and the"
                + " notifier's notices; SMTP for MM3 and MM4) that accepts whatever it is given, and prints the"
                + " listening endpoints. Every listener names the profile 'demo' (every scanner; flood and duplicate"
                + " limits on MM1 and MM4; administrator notices): it is published, as version 1 by 'mmsguard up',"
                + " only when mms.profiles has no 'demo', so an operator's config apply survives restarts.",
            "",
            "With --demo it first resets 'demo' to the stock profile as a new audited version (author 'mmsguard up"
                + " --demo', shown by config history) and says so, since the demo's table is exact only for it."
                + " It then sends sample traffic over every interface as handsets, VASPs, mail servers and"
                + " peer MMSCs do (clean, EICAR, a banned file, spam, a flood, a duplicate campaign), shows a progress"
                + " bar, prints a table of what was passed and blocked and why (from mms.inspection-log), lists the"
                + " notices the notifier delivered, and exits: 0 when every message was judged, 1 otherwise."
                + " Without --demo it runs until interrupted (Ctrl-C).",
            "",
            "Exit codes: 0 ok, 1 the demo or a service did not complete, 2 a port is in use."})
public final class UpCommand implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "data", description = "Kafka, registry and state data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "19092", description = "Kafka client port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--kafka-controller-port", defaultValue = "19093", description = "KRaft controller port (default: ${DEFAULT-VALUE}).")
    int kafkaControllerPort;

    @Option(names = "--registry-port", defaultValue = "18081", description = "Schema registry HTTP port (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--inspection-port", defaultValue = "18091", description = "Inspection service admin HTTP port (default: ${DEFAULT-VALUE}).")
    int inspectionPort;

    @Option(names = "--gateway-admin-port", defaultValue = "18092", description = "Gateway admin HTTP port (default: ${DEFAULT-VALUE}).")
    int gatewayAdminPort;

    @Option(names = "--notifier-port", defaultValue = "18093", description = "Notifier admin HTTP port (default: ${DEFAULT-VALUE}).")
    int notifierPort;

    @Option(names = "--mm1-port", defaultValue = "18080", description = "MM1 listener (handset HTTP) (default: ${DEFAULT-VALUE}).")
    int mm1Port;

    @Option(names = "--mm7-port", defaultValue = "18087", description = "MM7 listener (VASP SOAP) (default: ${DEFAULT-VALUE}).")
    int mm7Port;

    @Option(names = "--mm3-port", defaultValue = "12525", description = "MM3 listener (Internet SMTP) (default: ${DEFAULT-VALUE}).")
    int mm3Port;

    @Option(names = "--mm4-port", defaultValue = "12526", description = "MM4 listener (inter-MMSC SMTP) (default: ${DEFAULT-VALUE}).")
    int mm4Port;

    @Option(names = "--mmsc-port", defaultValue = "18099", description = "Demo MMSC HTTP port (default: ${DEFAULT-VALUE}).")
    int mmscPort;

    @Option(names = "--demo", description = "Send sample traffic over every interface, print what was blocked and why, and exit.")
    boolean demo;

    @Option(names = "--archive-retention-days", paramLabel = "DAYS",
            description = "How long mms.archive keeps messages, also applied to an existing archive"
                    + " (default: TopicPlan.ARCHIVE_RETENTION, 30).")
    Integer archiveRetentionDays;

    @Option(names = "--log-to-console", description = "Write the services' logs to the console instead of <data-dir>/logs/mmsguard.log.")
    boolean logToConsole;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Read by deploy's log4j2.xml: set, the log goes to this file instead of standard error. */
    private static final String LOG_FILE_PROPERTY = "mmsguard.log.file";

    /**
     * For {@code mmsguard up}: sends the services' logs to {@code <data-dir>/logs/mmsguard.log}, where they do not
     * interleave with the endpoint list, the progress bar and the demo table, unless {@code --log-to-console} is
     * given. Must run before the first logger is created; a log file set by the user wins.
     */
    static void logToFileUnlessAskedOtherwise(String[] args) {
        List<String> a = List.of(args);
        if (a.isEmpty() || !a.get(0).equals("up") || a.contains("--log-to-console") || a.contains("--help")
                || a.contains("-h") || System.getProperty(LOG_FILE_PROPERTY) != null) {
            return;
        }
        String dir = "data";
        for (int i = 1; i < a.size(); i++) {
            if (a.get(i).equals("--data-dir") && i + 1 < a.size()) {
                dir = a.get(i + 1);
            } else if (a.get(i).startsWith("--data-dir=")) {
                dir = a.get(i).substring("--data-dir=".length());
            }
        }
        try {
            Path logs = Files.createDirectories(Path.of(dir, "logs"));
            System.setProperty(LOG_FILE_PROPERTY, logs.resolve("mmsguard.log").toString());
        } catch (IOException | RuntimeException e) {
            // Not fatal: the logs then go to the console as usual.
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("--kafka-port", kafkaPort);
        ports.put("--kafka-controller-port", kafkaControllerPort);
        ports.put("--registry-port", registryPort);
        ports.put("--inspection-port", inspectionPort);
        ports.put("--gateway-admin-port", gatewayAdminPort);
        ports.put("--notifier-port", notifierPort);
        ports.put("--mm1-port", mm1Port);
        ports.put("--mm7-port", mm7Port);
        ports.put("--mm3-port", mm3Port);
        ports.put("--mm4-port", mm4Port);
        ports.put("--mmsc-port", mmscPort);
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
            if (!free(port.getValue())) {
                err.printf("mmsguard up: port %d on 127.0.0.1 is already in use; choose another with %s%n",
                        port.getValue(), port.getKey());
                return 2;
            }
        }
        String logFile = System.getProperty(LOG_FILE_PROPERTY);
        if (!logToConsole && logFile != null && !logFile.startsWith("System.")) {
            out.printf("Logs: %s (--log-to-console to see them here)%n", Path.of(logFile).toAbsolutePath());
        }
        out.printf("Starting Kafka and the schema registry (data in %s) ...%n", dataDir.toAbsolutePath());
        out.flush();
        if (archiveRetentionDays != null && archiveRetentionDays < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--archive-retention-days must be at least 1");
        }
        EmbeddedStack stack = EmbeddedStack.start(new EmbeddedStack.Settings(dataDir, kafkaPort, kafkaControllerPort,
                registryPort), archiveRetentionDays == null ? TopicPlan.ARCHIVE_RETENTION
                        : Duration.ofDays(archiveRetentionDays));
        try {
            out.printf("  Kafka              %s%n", stack.bootstrapServers());
            out.printf("  Schema registry    %s (Confluent API; PID %d)%n", stack.registryUrl(), stack.registryPid());
            out.flush();
            EmbeddedServices.Ports p = new EmbeddedServices.Ports(inspectionPort, gatewayAdminPort, notifierPort,
                    mm1Port, mm7Port, mm3Port, mm4Port, mmscPort);
            try (EmbeddedServices services = EmbeddedServices.start(stack, dataDir, p,
                    Optional.of(demo ? DemoProfile.Publish.RESET : DemoProfile.Publish.IF_ABSENT))) {
                printEndpoints(out, services);
                out.println(services.profileNote());
                out.flush();
                if (!services.awaitRunning(Duration.ofMinutes(2))) {
                    err.println("mmsguard up: the inspection service did not reach RUNNING: "
                            + services.inspection().streams().state());
                    return 1;
                }
                if (demo) {
                    return runDemo(out, stack, services);
                }
                out.println("Running; press Ctrl-C to stop.");
                out.flush();
                awaitShutdown(services, stack);
                return 0;
            }
        } finally {
            stack.close();
        }
    }

    private static void printEndpoints(PrintWriter out, EmbeddedServices s) {
        Demo.Endpoints e = s.endpoints();
        out.printf("  MM1 gateway        %s  (POST m-send.req; MSISDN in x-up-calling-line-id)%n", e.mm1());
        out.printf("  MM7 gateway        %s  (VASP SubmitReq)%n", e.mm7());
        out.printf("  MM3 gateway        smtp://127.0.0.1:%d%n", e.mm3().getPort());
        out.printf("  MM4 gateway        smtp://127.0.0.1:%d%n", e.mm4().getPort());
        out.printf("  Demo MMSC          %s (MM1), %s (MM7), smtp://%s (MM3/MM4), %s (notices)%n",
                s.mmsc().mm1Uri(), s.mmsc().mm7Uri(), s.mmsc().smtpAddress(), s.mmsc().noticesUri());
        out.printf("  Admin HTTP         inspection http://127.0.0.1:%d  gateway http://127.0.0.1:%d"
                + "  notifier http://127.0.0.1:%d  (/metrics, /health/ready)%n",
                s.inspectionPort(), s.gatewayAdminPort(), s.notifierAdminPort());
        out.flush();
    }

    private static int runDemo(PrintWriter out, EmbeddedStack stack, EmbeddedServices services) throws Exception {
        out.println();
        out.printf("Sending %d messages over MM1, MM7, MM3 and MM4 ...%n", Demo.size());
        ProgressBar bar = new ProgressBar(out, Demo.size(), System.console() != null);
        Demo.Result result = new Demo(services.endpoints(), services.mmsc(), services.observer(stack),
                Duration.ofSeconds(60)).run(bar::update);
        bar.done();
        out.println();
        out.print(result.describe());
        out.flush();
        return result.complete() ? 0 : 1;
    }

    /**
     * Ctrl-C: the services first (the gateway stops taking sessions, the inspection service commits its last
     * transaction), then Kafka and the registry.
     */
    private static void awaitShutdown(EmbeddedServices services, EmbeddedStack stack) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            services.close();
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
