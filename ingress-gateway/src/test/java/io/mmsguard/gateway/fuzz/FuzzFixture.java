package io.mmsguard.gateway.fuzz;

import static org.awaitility.Awaitility.await;

import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import io.mmsguard.avro.BannedWord;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPdus;
import io.mmsguard.codec.mm7.Mm7Decoder;
import io.mmsguard.codec.mm7.Mm7Encoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Responses;
import io.mmsguard.codec.mm7.Mm7StatusCode;
import io.mmsguard.gateway.ChildGateway;
import io.mmsguard.gateway.GatewayStack;
import io.mmsguard.gateway.StubMmsc;
import io.mmsguard.gateway.mm1.Mm1TestPdus;
import io.mmsguard.gateway.smtp.SmtpServerSettings;
import io.mmsguard.gateway.smtp.SmtpTestServer;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.JavaProcess;
import io.mmsguard.testkit.JvmClasspath;
import io.mmsguard.testkit.KafkaTestCluster;

/**
 * The gateway under fuzz: the {@link GatewayStack} (real broker, registry, inspection topology, stub MMSC) with an
 * SMTP MMSC stub, and the gateway itself as a {@link ChildGateway} JVM with a small heap that exits on an
 * OutOfMemoryError, its log in {@code target/}, its four listeners on loopback. The profile blocks the word "casino"
 * on every interface.
 *
 * <p>All of the gateway's settings for the fuzz run are in {@link #listenerSettings}: access control that a listener
 * comes to require (MM7 VASPs, MM3 local domains, MM4 peers) is added there, with the constants the seeds use.
 */
final class FuzzFixture implements AutoCloseable {
    static final String VASP_ID = "vasp1";
    static final String VASP_PASSWORD = "fz-7Qe9x-vasp-pass";
    /** The operator's domain: MM3 and MM4 recipients are in it. */
    static final String LOCAL_DOMAIN = "mms.mnc010.mcc234.gprs";
    /** The MM4 peer the fuzz client stands for (on loopback). */
    static final String PEER_DOMAIN = "mms.mnc006.mcc260.gprs";
    static final String BLOCKED_WORD = "casino";

    static final Duration REQUEST_DEADLINE = Duration.ofSeconds(3);
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(3);
    static final Duration DECISION_TIMEOUT = Duration.ofSeconds(5);
    static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(5);
    /** A shared, loaded machine: scheduling and GC pauses on top of the deadlines. */
    static final Duration SLACK = Duration.ofSeconds(30);
    static final long MAX_PENDING_BYTES = 32L << 20;
    static final String HEAP = "-Xmx256m";

    private final GatewayStack stack;
    private final SmtpTestServer smtpMmsc;
    private final JavaProcess gateway;
    private final Properties ports;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private FuzzFixture(GatewayStack stack, SmtpTestServer smtpMmsc, JavaProcess gateway, Properties ports, Path log) {
        this.stack = stack;
        this.smtpMmsc = smtpMmsc;
        this.gateway = gateway;
        this.ports = ports;
        this.log = log;
    }

    /**
     * The longest a connection may stay open after the client's last byte without an answer: idle timeout, request
     * deadline, decision and upstream timeouts one after another, plus slack.
     */
    static Duration connectionBudget() {
        return IDLE_TIMEOUT.plus(REQUEST_DEADLINE).plus(DECISION_TIMEOUT).plus(UPSTREAM_TIMEOUT).plus(SLACK);
    }

    /** The fuzz run's gateway settings over the stack's: the one place to extend. */
    static Map<String, String> listenerSettings(Path keyStore, int smtpMmscPort) {
        String smtpUpstream = "127.0.0.1:" + smtpMmscPort;
        Map<String, String> s = new HashMap<>();
        s.put("gateway.decision-timeout", DECISION_TIMEOUT.toSeconds() + "s");
        s.put("gateway.upstream-response-timeout", UPSTREAM_TIMEOUT.toSeconds() + "s");
        s.put("gateway.max-pending-bytes", String.valueOf(MAX_PENDING_BYTES));
        for (String http : List.of("mm1", "mm7")) {
            s.put(http + ".enabled", "true");
            s.put(http + ".request-deadline", REQUEST_DEADLINE.toSeconds() + "s");
            s.put(http + ".idle-timeout", IDLE_TIMEOUT.toSeconds() + "s");
            s.put(http + ".max-body-bytes", String.valueOf(1 << 20));
        }
        s.put("mm7.vasp." + VASP_ID, VASP_PASSWORD);
        for (String smtp : List.of("mm3", "mm4")) {
            s.put(smtp + ".enabled", "true");
            s.put(smtp + ".listen", "127.0.0.1:0");
            s.put(smtp + ".upstream", smtpUpstream);
            s.put(smtp + ".hostname", "gw.fuzz.test");
            s.put(smtp + ".idle-timeout", IDLE_TIMEOUT.toSeconds() + "s");
            s.put(smtp + ".command-timeout", COMMAND_TIMEOUT.toSeconds() + "s");
            s.put(smtp + ".max-message-bytes", String.valueOf(1 << 20));
            s.put(smtp + ".starttls.key-store", keyStore.toString());
            s.put(smtp + ".starttls.password", "changeit");
        }
        // both answers to a bare CR or LF in DATA get fuzzed
        s.put("mm3.bare-newlines", "normalise");
        s.put("mm4.bare-newlines", "refuse");
        s.put("mm4.system-address", "system-user@" + LOCAL_DOMAIN);
        s.put("mm3.local-domains", LOCAL_DOMAIN);
        s.put("mm4.peers.fuzzer.networks", "127.0.0.0/8");
        s.put("mm4.peers.fuzzer.domains", PEER_DOMAIN);
        s.put("mm4.peers.fuzzer.response-address", smtpUpstream);
        return s;
    }

    static FuzzFixture start(KafkaTestCluster kafka, ApicurioRegistry registry, Path dir) throws Exception {
        GatewayStack stack = GatewayStack.startWithoutGateway(kafka, registry, dir, "fuzz");
        SmtpTestServer smtpMmsc = null;
        JavaProcess gateway = null;
        try {
            InterfaceSettings closed = InterfaceSettings.newBuilder().setBannedWords(true).setFailOpen(false).build();
            stack.publishProfile(MmsProfile.newBuilder().setName("default").setMm1(closed).setMm7(closed)
                    .setMm3(closed).setMm4(closed).setBannedWordThreshold(10)
                    .setBannedWords(List.of(BannedWord.newBuilder().setPattern(BLOCKED_WORD).setScore(20).build()))
                    .build());
            answerAsMmsc(stack.mmsc());
            smtpMmsc = SmtpTestServer.accepting(SmtpServerSettings.defaults("mmsc.fuzz.test", 32 << 20));
            Path config = dir.resolve("gateway.properties");
            Properties p = new Properties();
            p.putAll(stack.gatewaySettings(listenerSettings(SmtpTestServer.keyStore(dir), smtpMmsc.port())));
            try (Writer w = Files.newBufferedWriter(config)) {
                p.store(w, "fuzzed gateway");
            }
            Path portsFile = dir.resolve("ports.properties");
            Path log = Path.of("target", "gateway-fuzz.log").toAbsolutePath();
            Files.deleteIfExists(log);
            gateway = JavaProcess.start("gateway-fuzz", List.of(HEAP, "-XX:+UseSerialGC",
                            "-XX:+ExitOnOutOfMemoryError"),
                    List.of("-cp", JvmClasspath.current(), ChildGateway.class.getName(), config.toString(),
                            portsFile.toString()), dir, log);
            JavaProcess child = gateway;
            await().atMost(Duration.ofMinutes(2)).until(() -> Files.exists(portsFile) || !child.isAlive());
            if (!gateway.isAlive()) {
                throw new IllegalStateException("the gateway did not start: " + gateway.logTail(40));
            }
            Properties ports = new Properties();
            try (var r = Files.newBufferedReader(portsFile)) {
                ports.load(r);
            }
            return new FuzzFixture(stack, smtpMmsc, gateway, ports, log);
        } catch (Exception | Error e) {
            if (gateway != null) {
                gateway.close();
            }
            if (smtpMmsc != null) {
                smtpMmsc.close();
            }
            stack.close();
            throw e;
        }
    }

    /** The stub MMSC confirms every MM1 send and answers every MM7 request with success. */
    private static void answerAsMmsc(StubMmsc mmsc) {
        mmsc.respond("/mms", r -> {
            try {
                return new StubMmsc.Response(200, Mm1TestPdus.MMS,
                        Mm1TestPdus.okConf(Mm1TestPdus.decode(r.body()).transactionId()));
            } catch (RuntimeException e) {
                return new StubMmsc.Response(200, Mm1TestPdus.MMS, Mm1Encoder.encode(MmsPdus.sendConf("x",
                        MmsPdus.MMS_1_2, 0x80, (String) null, "msg-x")));
            }
        });
        Function<StubMmsc.Request, StubMmsc.Response> mm7 = r -> {
            Mm7HttpMessage m = new Mm7Encoder().encode(Mm7Responses.response(
                    new Mm7Decoder().decode(r.body(), r.header("Content-Type")), Mm7StatusCode.SUCCESS));
            return new StubMmsc.Response(200, m.contentType(), m.body());
        };
        mmsc.respond("/mm7", mm7);
        mmsc.respond("/vasp", mm7);
    }

    int port(String listener) {
        return Integer.parseInt(ports.getProperty(listener));
    }

    boolean gatewayAlive() {
        return gateway.isAlive();
    }

    String gatewayLogTail() {
        return gateway.logTail(60);
    }

    Path log() {
        return log;
    }

    /** The gateway's /metrics. */
    String metrics() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.getProperty("http")
                + "/metrics")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The upstreams keep what they receive: forgotten now and then, so that the test's heap stays small. */
    void forgetUpstreamTraffic() {
        stack.mmsc().clear();
        smtpMmsc.received.clear();
    }

    @Override
    public void close() {
        gateway.close();
        smtpMmsc.close();
        stack.close();
    }
}
