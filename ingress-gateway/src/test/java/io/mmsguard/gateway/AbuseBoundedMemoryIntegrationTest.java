package io.mmsguard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mmsguard.avro.MmsProfile;
import io.mmsguard.codec.mm1.ContentType;
import io.mmsguard.codec.mm1.FromAddress;
import io.mmsguard.codec.mm1.Mm1Decoder;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPart;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm1.MmsPdus;
import io.mmsguard.codec.mm1.StatusCodes;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.JavaProcess;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded memory under abuse (docs/security.md): the gateway runs as a child JVM with a {@value #HEAP} heap (exiting
 * on an OutOfMemoryError) and a {@value #BUDGET}-byte {@code gateway.max-pending-bytes}, on the real broker and
 * inspection topology of {@link GatewayStack}. For {@value #ATTACK_SECONDS} s, from loopback addresses of their own,
 * attackers open what the old limits let through: hundreds of connections sending their headers a byte at a time,
 * connections pipelining 16 bodies at the size limit each, one address opening far more connections than its cap,
 * and bodies that stop half-way. Meanwhile a legitimate client (127.0.0.2, the operator's WAP gateway, in
 * {@code mm1.msisdn.trusted-proxies}) sends well-formed m-send.req one after another. Checked: the gateway lives and
 * its log has no OutOfMemoryError, the buffered-bytes gauge sampled from /metrics never exceeds the budget (a hard
 * cap: {@code BufferedBytes}), and every legitimate request is answered with its decision (PASS: m-send.conf Ok, the
 * MMSC got it).
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class AbuseBoundedMemoryIntegrationTest {
    private static final String HEAP = "96m";
    private static final int BUDGET = 8 << 20;
    private static final int MAX_BODY = 2 << 20;
    private static final int ATTACK_SECONDS = 15;
    private static final int PER_ADDRESS = 256;
    private static final String LEGITIMATE = "127.0.0.2";
    private static final int PIPELINING = 2;
    private static final int STALLING = 20;

    @TempDir
    Path dir;

    private final AtomicBoolean attacking = new AtomicBoolean(true);
    private final List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Every client socket, closed when the attack ends (a thread blocked in a socket ignores interrupts). */
    private final java.util.Set<Socket> sockets = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicInteger slowHeaderConnections = new AtomicInteger();
    private final AtomicInteger floodConnections = new AtomicInteger();
    private final AtomicInteger pipelinedRequests = new AtomicInteger();
    private final AtomicInteger stalledBodies = new AtomicInteger();

    @Test
    void attacksOnMm1KeepTheBufferedBytesWithinTheBudgetAndALegitimateClientIsServed(KafkaTestCluster kafka,
                                                                                    ApicurioRegistry registry)
            throws Exception {
        try (GatewayStack stack = GatewayStack.startWithoutGateway(kafka, registry, dir, "abuse")) {
            stack.publishProfile(MmsProfile.newBuilder().setName("default").build());
            stack.mmsc().respond("/mms", r -> new StubMmsc.Response(200, "application/vnd.wap.mms-message",
                    Mm1Encoder.encode(MmsPdus.sendConf(new Mm1Decoder().decode(r.body()).transactionId(),
                            MmsPdus.MMS_1_2, 0x80, (String) null, "msg-1"))));
            Map<String, String> settings = stack.gatewaySettings(Map.of(
                    "gateway.max-pending-bytes", Integer.toString(BUDGET),
                    "mm1.max-body-bytes", Integer.toString(MAX_BODY),
                    "mm1.head-deadline", "2s", "mm1.request-deadline", "6s", "mm1.idle-timeout", "10s",
                    "mm1.msisdn.trusted-proxies", LEGITIMATE, "gateway.decision-timeout", "20s"));
            try (ChildGateway.Started child = ChildGateway.start("gateway-abuse", HEAP, settings, dir)) {
                JavaProcess gateway = child.process();
                Path log = gateway.logFile();
                int mm1 = child.mm1Port();
                URI metrics = child.metrics();
                HttpClient http = HttpClient.newHttpClient();

                AtomicLong peak = new AtomicLong();
                AtomicInteger samples = new AtomicInteger();
                Thread sampler = start("gauge", () -> {
                    while (attacking.get()) {
                        String scraped = http.send(HttpRequest.newBuilder(metrics).build(),
                                HttpResponse.BodyHandlers.ofString()).body();
                        peak.accumulateAndGet((long) metric(scraped, "mmsguard_gateway_pending_bytes"), Math::max);
                        samples.incrementAndGet();
                        Thread.sleep(20);
                    }
                });
                for (int group = 0; group < 4; group++) {
                    String from = "127.0.0." + (10 + group);
                    start("slow-headers-" + from, () -> slowHeaders(from, mm1, 100));
                }
                start("flood", () -> flood("127.0.0.20", mm1, 600));
                for (int c = 0; c < PIPELINING; c++) {
                    start("pipelined-" + c, () -> pipelined("127.0.0.40", mm1));
                }
                for (int c = 0; c < STALLING; c++) {
                    start("stalled-" + c, () -> stalled("127.0.0.50", mm1));
                }

                long end = System.nanoTime() + Duration.ofSeconds(ATTACK_SECONDS).toNanos();
                int served = 0;
                try (Socket legitimate = connect(LEGITIMATE, mm1, Duration.ofSeconds(90))) {
                    do {
                        assertAnsweredWithItsDecision(legitimate, served, gateway);
                        served++;
                    } while (System.nanoTime() < end);
                } finally {
                    attacking.set(false);
                    sockets.forEach(AbuseBoundedMemoryIntegrationTest::closeQuietly);
                    for (Thread t : threads) {
                        t.interrupt();
                        t.join(Duration.ofSeconds(30).toMillis());
                    }
                }
                sampler.join();

                assertThat(gateway.isAlive()).as("no OutOfMemoryError: " + gateway.logTail(40)).isTrue();
                assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
                String scraped = http.send(HttpRequest.newBuilder(metrics).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                double refused = metric(scraped,
                        "mmsguard_gateway_connections_rejected_total{limit=\"max-connections-per-address\"");
                double heads = metric(scraped, "mmsguard_gateway_requests_timed_out_total{deadline=\"head\"");
                double requests = metric(scraped, "mmsguard_gateway_requests_timed_out_total{deadline=\"request\"");
                System.out.printf("abuse: -Xmx%s, gateway.max-pending-bytes %d, peak pending bytes %d over %d samples"
                                + " (%.2f of the budget); attacks: %d slow-header connections (%d cut off by the head"
                                + " deadline), %d connections from one address (%d refused at accept), %d pipelined"
                                + " %d-byte requests, %d half-sent bodies (%d cut off by the request deadline);"
                                + " legitimate m-send.req answered with their decision: %d of %d%n",
                        HEAP, BUDGET, peak.get(), samples.get(), peak.get() / (double) BUDGET,
                        slowHeaderConnections.get(), (long) heads, floodConnections.get(), (long) refused,
                        pipelinedRequests.get(), MAX_BODY, stalledBodies.get(), (long) requests, served, served);
                assertThat(peak.get()).as("buffered bytes at every sample").isLessThanOrEqualTo(BUDGET);
                assertThat(refused).as("the flood over its address's cap").isGreaterThanOrEqualTo(600 - PER_ADDRESS);
                assertThat(heads).as("slow headers cut off").isPositive();
                assertThat(requests).as("stalled bodies cut off").isPositive();
                assertThat(stack.mmsc().received()).as("every legitimate message reached the MMSC")
                        .hasSize(served);
            }
        }
    }

    /** One well-formed m-send.req on the legitimate connection, answered m-send.conf Ok after its PASS decision. */
    private void assertAnsweredWithItsDecision(Socket s, int i, JavaProcess gateway) throws IOException {
        MmsPdu pdu = MmsPdus.sendReq("legit-" + i, MmsPdus.MMS_1_2, FromAddress.insertAddress(),
                List.of("+436641000001/TYPE=PLMN"), "hello", ContentType.of(ContentType.MULTIPART_MIXED),
                List.of(MmsPart.of(ContentType.of("text/plain"), "t", "t.txt",
                        ("hello " + i).getBytes(StandardCharsets.US_ASCII))));
        byte[] body = Mm1Encoder.encode(pdu);
        OutputStream out = s.getOutputStream();
        out.write(("POST /mms HTTP/1.1\r\nHost: mms\r\nContent-Type: application/vnd.wap.mms-message\r\n"
                + "x-up-calling-line-id: 436641002000\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        String head = head(s.getInputStream());
        assertThat(head).as(gateway.logTail(20)).startsWith("HTTP/1.1 200 ");
        MmsPdu conf = new Mm1Decoder().decode(s.getInputStream().readNBytes(contentLength(head)));
        assertThat(conf.transactionId()).isEqualTo("legit-" + i);
        assertThat(conf.responseStatus()).isEqualTo(StatusCodes.OK);
    }

    /** {@code connections} connections sending their request head a byte every half second; reopened when cut. */
    private void slowHeaders(String from, int port, int connections) throws Exception {
        Socket[] held = new Socket[connections];
        while (attacking.get()) {
            for (int i = 0; i < connections; i++) {
                try {
                    if (held[i] == null) {
                        held[i] = connect(from, port, Duration.ofSeconds(1));
                        slowHeaderConnections.incrementAndGet();
                        held[i].getOutputStream().write("POST /mms HTTP/1.1\r\nX-Slow: ".getBytes(
                                StandardCharsets.US_ASCII));
                    }
                    held[i].getOutputStream().write('a');
                } catch (IOException e) {
                    closeQuietly(held[i]);
                    held[i] = null;
                }
            }
            Thread.sleep(500);
        }
        Arrays.stream(held).forEach(AbuseBoundedMemoryIntegrationTest::closeQuietly);
    }

    /** {@code connections} connections from one address at once, held open. */
    private void flood(String from, int port, int connections) throws Exception {
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < connections && attacking.get(); i++) {
                open.add(connect(from, port, Duration.ofSeconds(1)));
                floodConnections.incrementAndGet();
            }
            while (attacking.get()) {
                Thread.sleep(200);
            }
        } finally {
            open.forEach(AbuseBoundedMemoryIntegrationTest::closeQuietly);
        }
    }

    /**
     * Connections each pipelining 16 m-send.req of the body limit whose content is cut short (malformed: answered
     * at once with m-send.conf, the connection kept), the answers drained by a reader of their own.
     */
    private void pipelined(String from, int port) throws Exception {
        byte[] image = new byte[MAX_BODY - 4096];
        MmsPdu pdu = MmsPdus.sendReq("pipelined", MmsPdus.MMS_1_2, FromAddress.insertAddress(),
                List.of("+436641000001/TYPE=PLMN"), "big", ContentType.of(ContentType.MULTIPART_MIXED),
                List.of(MmsPart.of(ContentType.of("image/jpeg"), "img", "img.jpg", image)));
        byte[] body = Arrays.copyOf(Mm1Encoder.encode(pdu), MAX_BODY - 4096 - 16);
        byte[] head = ("POST /mms HTTP/1.1\r\nHost: mms\r\nContent-Type: application/vnd.wap.mms-message\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        while (attacking.get()) {
            try (Socket s = connect(from, port, Duration.ofSeconds(30))) {
                Thread drain = start("drain", () -> s.getInputStream().transferTo(OutputStream.nullOutputStream()));
                OutputStream out = s.getOutputStream();
                for (int i = 0; i < 16 && attacking.get(); i++) {
                    out.write(head);
                    out.write(body);
                    pipelinedRequests.incrementAndGet();
                }
                out.flush();
                s.shutdownOutput();
                drain.join();
            } catch (IOException e) {
                // cut off (deadline, close at the end): next connection
            }
        }
    }

    /** A body announced at the limit, half of it sent, then nothing: held until the request deadline cuts it. */
    private void stalled(String from, int port) throws Exception {
        byte[] half = new byte[MAX_BODY / 2];
        while (attacking.get()) {
            try (Socket s = connect(from, port, Duration.ofSeconds(30))) {
                s.getOutputStream().write(("POST /mms HTTP/1.1\r\nHost: mms\r\nContent-Length: " + MAX_BODY
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().write(half);
                stalledBodies.incrementAndGet();
                s.getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // cut off, or closed at the end: again
            }
        }
    }

    private interface Attack {
        void run() throws Exception;
    }

    private Thread start(String name, Attack attack) {
        Thread t = new Thread(() -> {
            try {
                attack.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                if (attacking.get()) {
                    throw new IllegalStateException(name, e);
                }
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return t;
    }

    private Socket connect(String from, int port, Duration readTimeout) throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        s.setSoTimeout((int) readTimeout.toMillis());
        return s;
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private static String head(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while (!b.toString().endsWith("\r\n\r\n") && (c = in.read()) >= 0) {
            b.append((char) c);
        }
        return b.toString();
    }

    private static int contentLength(String head) {
        Matcher m = Pattern.compile("(?i)content-length: *([0-9]+)").matcher(head);
        assertThat(m.find()).as(head).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** The value of the first series whose name (and labels, up to the text given) starts with {@code series}. */
    private static double metric(String scraped, String series) {
        String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
        String labels = series.contains("{") ? series.substring(series.indexOf('{') + 1) : "";
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{([^}]*)\\})? ([0-9.Ee+-]+)$")
                .matcher(scraped);
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            if (labels.isEmpty() || (m.group(1) != null && m.group(1).contains(labels))) {
                sum += Double.parseDouble(m.group(2));
                found = true;
            }
        }
        return found ? sum : 0;
    }
}
