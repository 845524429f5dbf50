package io.mmsguard.embedded;

import io.mmsguard.gateway.GatewayConfig;
import io.mmsguard.gateway.GatewayService;
import io.mmsguard.inspection.service.InspectionConfig;
import io.mmsguard.inspection.service.InspectionService;
import io.mmsguard.notifier.app.NotifierApp;
import io.mmsguard.notifier.app.NotifierConfig;
import io.mmsguard.notifier.delivery.DeliveryWorker;
import io.mmsguard.notifier.stream.NoticeTopics;
import io.mmsguard.notifier.stream.NotifierService;
import io.mmsguard.service.AdminAuth;
import io.mmsguard.service.Settings;
import io.mmsguard.service.log.LogFormat;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every mmsguard service on top of an {@link EmbeddedStack}, on loopback: the inspection service, one gateway with
 * the MM1, MM3, MM4 and MM7 listeners, the notifier, and the demo MMSC they forward to. Each service is configured
 * through the same {@link Settings} keys an operator's YAML file uses (docs/configuration.md).
 */
final class EmbeddedServices implements AutoCloseable {

    /**
     * Listening ports on 127.0.0.1; 0 picks a free one.
     *
     * @param mmsc the demo MMSC's HTTP port (MM1, MM7 and the notifier's notices)
     */
    record Ports(int inspection, int gatewayAdmin, int notifierAdmin, int mm1, int mm7, int mm3, int mm4, int mmsc) {
        static Ports any() {
            return new Ports(0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    private final DemoMmsc mmsc;
    private final InspectionService inspection;
    private final GatewayService gateway;
    private final NotifierApp notifier;
    private final String profileNote;

    private EmbeddedServices(DemoMmsc mmsc, InspectionService inspection, GatewayService gateway,
                             NotifierApp notifier, String profileNote) {
        this.profileNote = profileNote;
        this.mmsc = mmsc;
        this.inspection = inspection;
        this.gateway = gateway;
        this.notifier = notifier;
    }

    /**
     * Starts everything; what started is closed again when a later service fails to start. With a
     * {@code publishProfile} mode the demo profile (whose notices go to this demo MMSC) is written, if that mode
     * says so, before the services start, so the inspection service has it when it reports RUNNING.
     */
    static EmbeddedServices start(EmbeddedStack stack, Path dataDir, Ports ports,
                                  Optional<DemoProfile.Publish> publishProfile) throws Exception {
        DemoMmsc mmsc = new DemoMmsc(ports.mmsc());
        InspectionService inspection = null;
        GatewayService gateway = null;
        try {
            // The first service to choose the log format names the process: here the embedded mode as a whole.
            LogFormat.use(LogFormat.from(Settings.of(common(stack))), "embedded");
            String profileNote = publishProfile.map(mode -> DemoProfile.publish(stack.bootstrapServers(),
                    stack.registryUrl(), mmsc.noticesUri(), mode)).orElse("Profile demo: not published");
            inspection = InspectionService.start(InspectionConfig.from(
                    Settings.of(inspection(stack, dataDir, ports), InspectionConfig.KEYS)));
            gateway = GatewayService.start(GatewayConfig.from(
                    Settings.of(gateway(stack, mmsc, ports), GatewayConfig.KEYS)));
            NotifierApp notifier = NotifierApp.start(NotifierConfig.from(
                    Settings.of(notifier(stack, dataDir, ports), NotifierConfig.KEYS)), Clock.systemUTC());
            return new EmbeddedServices(mmsc, inspection, gateway, notifier, profileNote);
        } catch (Exception e) {
            if (gateway != null) {
                gateway.close();
            }
            if (inspection != null) {
                inspection.close();
            }
            mmsc.close();
            throw e;
        }
    }

    private static Map<String, String> common(EmbeddedStack stack) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("kafka.bootstrap.servers", stack.bootstrapServers());
        s.put("serde.schema.registry.url", stack.registryUrl());
        // Every admin server is on loopback, open to this host's users unless MMSGUARD_ADMIN_TOKEN is set; then
        // /state and /status need it, and `mmsguard explain` reads the same variable.
        String token = System.getenv(Settings.envName(AdminAuth.TOKEN));
        if (token != null && !token.isBlank()) {
            s.put(AdminAuth.TOKEN, token);
        }
        String logFormat = System.getenv(Settings.envName(LogFormat.KEY));
        if (logFormat != null && !logFormat.isBlank()) {
            s.put(LogFormat.KEY, logFormat);
        }
        // As in compose and Kubernetes: the services only read the registry; EmbeddedStack registered the contracts.
        s.put("serde.auto.register.schemas", "false");
        return s;
    }

    private static Map<String, String> inspection(EmbeddedStack stack, Path dataDir, Ports ports) {
        return streamsService(stack, "inspection", dataDir.resolve("streams"), ports.inspection());
    }

    /** A Kafka Streams service: its state directory and its admin port on loopback, with one replica. */
    private static Map<String, String> streamsService(EmbeddedStack stack, String prefix, Path stateDir, int port) {
        Map<String, String> s = common(stack);
        s.put(prefix + ".state-dir", stateDir.toString());
        s.put(prefix + ".http-host", "127.0.0.1");
        s.put(prefix + ".http-port", Integer.toString(port));
        // One broker: Kafka Streams' internal topics cannot have more replicas than that.
        s.put("kafka.replication.factor", "1");
        return s;
    }

    /** The VASP id the demo submits as, and its password for this run (never a fixed one). */
    static final String DEMO_VASP = "demo-vasp";
    private static final String DEMO_VASP_PASSWORD = randomPassword();

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The gateway's settings (all four listeners, forwarding to {@code mmsc}); a test starts a second from them. */
    static Map<String, String> gateway(EmbeddedStack stack, DemoMmsc mmsc, Ports ports) {
        Map<String, String> s = common(stack);
        s.put("gateway.id", "embedded");
        s.put("gateway.reply-partitions", "0");
        s.put("gateway.http-host", "127.0.0.1");
        s.put("gateway.http-port", Integer.toString(ports.gatewayAdmin()));
        s.put("mm1.listen", "127.0.0.1:" + ports.mm1());
        s.put("mm1.upstream", mmsc.mm1Uri().toString());
        // everything runs on this host: the handsets' and VASPs' MSISDN headers come from loopback
        s.put("mm1.msisdn.trusted-proxies", "127.0.0.0/8, ::1/128");
        s.put("mm7.msisdn.trusted-proxies", "127.0.0.0/8, ::1/128");
        s.put("mm7.enabled", "true");
        s.put("mm7.listen", "127.0.0.1:" + ports.mm7());
        s.put("mm7.upstream", mmsc.mm7Uri().toString());
        // the demo VASP's password: generated per run, shared only with the demo client (endpoints())
        s.put("mm7.vasp." + DEMO_VASP, DEMO_VASP_PASSWORD);
        s.put("mm3.enabled", "true");
        s.put("mm3.listen", "127.0.0.1:" + ports.mm3());
        s.put("mm3.upstream", mmsc.smtpAddress());
        s.put("mm3.hostname", "mms.demo.example");
        s.put("mm3.local-domains", "mms.demo.example");
        s.put("mm4.enabled", "true");
        s.put("mm4.listen", "127.0.0.1:" + ports.mm4());
        s.put("mm4.upstream", mmsc.smtpAddress());
        s.put("mm4.hostname", "mms.demo.example");
        s.put("mm4.system-address", "system-user@mms.demo.example");
        // the demo's peer MMSC sends from loopback
        s.put("mm4.peers.demo-peer.networks", "127.0.0.0/8, ::1/128");
        s.put("mm4.peers.demo-peer.domains", Demo.PEER_DOMAIN);
        for (String iface : new String[] {"mm1", "mm3", "mm4", "mm7"}) {
            s.put(iface + ".profile", DemoProfile.NAME);
        }
        return s;
    }

    private static Map<String, String> notifier(EmbeddedStack stack, Path dataDir, Ports ports) {
        return streamsService(stack, "notifier", dataDir.resolve("notifier"), ports.notifierAdmin());
    }

    boolean awaitRunning(Duration timeout) throws InterruptedException {
        return inspection.awaitRunning(timeout);
    }

    /** What happened to the demo profile at start: published, kept as the operator left it, or reset. */
    String profileNote() {
        return profileNote;
    }

    DemoMmsc mmsc() {
        return mmsc;
    }

    InspectionService inspection() {
        return inspection;
    }

    int inspectionPort() {
        return inspection.httpPort();
    }

    int gatewayAdminPort() {
        return gateway.httpPort();
    }

    int notifierAdminPort() {
        return notifier.httpPort();
    }

    Demo.Endpoints endpoints() {
        return new Demo.Endpoints(URI.create("http://127.0.0.1:" + gateway.port("mm1") + "/mms"),
                URI.create("http://127.0.0.1:" + gateway.port("mm7") + "/mm7"),
                new InetSocketAddress("127.0.0.1", gateway.port("mm3")),
                new InetSocketAddress("127.0.0.1", gateway.port("mm4")),
                "Basic " + java.util.Base64.getEncoder().encodeToString((DEMO_VASP + ":" + DEMO_VASP_PASSWORD)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** What the demo reads back: the inspection log and the notifier's progress. */
    DemoObserver observer(EmbeddedStack stack) {
        return new DemoObserver(stack.bootstrapServers(), stack.registryUrl(), NotifierService.APPLICATION_ID,
                DeliveryWorker.GROUP_ID, NoticeTopics.NOTICES.name());
    }

    /** The gateway first (no new sessions), then the notifier, then the inspection service, then the MMSC. */
    @Override
    public void close() {
        gateway.close();
        notifier.close();
        inspection.close();
        mmsc.close();
    }
}
