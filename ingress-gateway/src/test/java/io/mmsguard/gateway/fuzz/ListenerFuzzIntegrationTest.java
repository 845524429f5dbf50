package io.mmsguard.gateway.fuzz;

import static io.mmsguard.gateway.mm3.SmtpTestKit.h;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.mmsguard.codec.MessagePart;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm1.StatusCodes;
import io.mmsguard.codec.mm7.Mm7Address;
import io.mmsguard.codec.mm7.Mm7ContentRef;
import io.mmsguard.codec.mm7.Mm7Decoder;
import io.mmsguard.codec.mm7.Mm7Encoder;
import io.mmsguard.codec.mm7.Mm7HttpMessage;
import io.mmsguard.codec.mm7.Mm7Message;
import io.mmsguard.codec.mm7.Mm7Namespace;
import io.mmsguard.codec.mm7.Mm7Operation;
import io.mmsguard.codec.mm7.Mm7Recipients;
import io.mmsguard.gateway.PrometheusText;
import io.mmsguard.gateway.mm1.Mm1TestPdus;
import io.mmsguard.gateway.mm3.SmtpTestKit;
import io.mmsguard.gateway.mm7.Mm7TestMessages;
import io.mmsguard.smtp.SmtpClient;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the live MM1, MM7, MM3 and MM4 listeners of a gateway in a child JVM (256 MiB heap, exits on an
 * OutOfMemoryError) with a real broker, registry and inspection topology behind it: mutated valid traffic, random
 * bytes and protocol-state abuse ({@link HttpScripts}, {@link SmtpScripts}), the four listeners at once, each over
 * {@code fuzz.parallel} connections. Checks: the gateway never exits; its log has no failure as
 * {@link GatewayLogCheck} defines it; every connection is answered or closed within
 * {@link FuzzFixture#connectionBudget()} of the client's last byte; the buffered-bytes gauge stays within its budget
 * and returns to zero, the heap's live data stays small; and afterwards a clean message on each listener passes and
 * one with the blocked word is blocked. Prints (and writes to {@code target/fuzz-figures.md}) the share of inputs
 * that reached each stage.
 *
 * <p>The CI tier is the default; the full run: {@code ./mvnw -o -B verify -pl ingress-gateway -am
 * -Dtest=ListenerFuzzIntegrationTest -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.inputs=100000}. Every input is
 * reproduced by {@code -Dfuzz.seed} and its index; a failing input is written to {@code target/fuzz-findings/}.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class ListenerFuzzIntegrationTest {
    private static final long SEED = Long.getLong("fuzz.seed", 17L);
    private static final int INPUTS = Integer.getInteger("fuzz.inputs", 1000);
    private static final int PARALLEL = Integer.getInteger("fuzz.parallel", 12);
    private static final String MM3_FROM = "alice@example.org";
    private static final String MM3_RCPT = "447700900456@" + FuzzFixture.LOCAL_DOMAIN;
    private static final String MM4_FROM = "+48600111222/TYPE=PLMN@" + FuzzFixture.PEER_DOMAIN;
    private static final String MM4_RCPT = "+447700900456/TYPE=PLMN@" + FuzzFixture.LOCAL_DOMAIN;

    @TempDir
    Path dir;

    /** One listener under fuzz: its name, interface label, generator and protocol. */
    private record Target(String listener, String mmsInterface, Function<Random, Script> inputs, Protocol protocol) {
    }

    /** What the client saw of one listener's inputs. */
    private static final class Tally {
        final AtomicLong inputs = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong answered = new AtomicLong();
        final ConcurrentLinkedQueue<String> findings = new ConcurrentLinkedQueue<>();
    }

    @Test
    void mutatedTrafficRandomBytesAndProtocolAbuseOnFourListenersLeaveTheGatewayUpBoundedAndJudgingRight(
            KafkaTestCluster kafka, ApicurioRegistry registry) throws Exception {
        System.out.printf("fuzz: seed %d, %d inputs per listener, %d connections per listener%n", SEED, INPUTS,
                PARALLEL);
        Path findings = Path.of("target", "fuzz-findings").toAbsolutePath();
        try (FuzzFixture f = FuzzFixture.start(kafka, registry, dir)) {
            List<Target> targets = targets();
            Map<String, Tally> tallies = new java.util.LinkedHashMap<>();
            targets.forEach(t -> tallies.put(t.listener(), new Tally()));
            String before = f.metrics();

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong peakHeap = new AtomicLong();
            AtomicLong peakPending = new AtomicLong();
            Thread watch = new Thread(() -> watch(f, running, peakHeap, peakPending), "fuzz-metrics");
            watch.setDaemon(true);
            watch.start();

            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(targets.size() * PARALLEL);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < targets.size(); t++) {
                Target target = targets.get(t);
                Tally tally = tallies.get(target.listener());
                ScriptRunner runner = new ScriptRunner(f.port(target.listener()), target.protocol(),
                        FuzzFixture.connectionBudget());
                AtomicInteger next = new AtomicInteger();
                long listenerSeed = SEED * 1_000_003L + t;
                for (int c = 0; c < PARALLEL; c++) {
                    workers.add(pool.submit(() -> {
                        int i;
                        while ((i = next.getAndIncrement()) < INPUTS && f.gatewayAlive()) {
                            Script script = target.inputs().apply(new Random(listenerSeed * 1_000_000_007L + i));
                            play(runner, script, target.listener(), i, tally, findings);
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> w : workers) {
                w.get();
            }
            pool.shutdown();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(f.gatewayAlive()).as("the gateway is alive: " + f.gatewayLogTail()).isTrue();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                String m = f.metrics();
                return PrometheusText.sum(m, "mmsguard_gateway_sessions_pending", Map.of()) == 0
                        && PrometheusText.sum(m, "mmsguard_gateway_pending_bytes", Map.of()) == 0;
            });
            running.set(false);
            watch.join();
            String after = f.metrics();
            String figures = figures(targets, tallies, before, after, took, peakHeap.get(), peakPending.get(),
                    PrometheusText.sum(after, "jvm_gc_live_data_size_bytes", Map.of()));
            System.out.println(figures);
            Files.writeString(Path.of("target", "fuzz-figures.md"), figures);

            String reproduce = " (reproduce: -Dfuzz.seed=" + SEED + " -Dfuzz.inputs=" + INPUTS + "; inputs in "
                    + findings + ")";
            tallies.forEach((listener, tally) -> assertThat(tally.findings)
                    .as(listener + ": connections neither answered nor closed in time, or not protocol" + reproduce)
                    .isEmpty());
            assertThat(logFailures(f.log())).as("failures in " + f.log() + reproduce).isEmpty();
            assertThat(peakPending.get()).as("buffered bytes within gateway.max-pending-bytes")
                    .isLessThanOrEqualTo(FuzzFixture.MAX_PENDING_BYTES);
            assertThat(PrometheusText.sum(after, "jvm_gc_live_data_size_bytes", Map.of()))
                    .as("live heap after the last collection").isLessThan(160.0 * (1 << 20));

            judgedRightAfterTheRun(f);
            assertThat(f.gatewayAlive()).as("the gateway is alive: " + f.gatewayLogTail()).isTrue();
        }
    }

    private static void play(ScriptRunner runner, Script script, String listener, int index, Tally tally,
                             Path findings) {
        tally.inputs.incrementAndGet();
        try {
            ScriptRunner.Seen seen = runner.play(script);
            if (seen.answered()) {
                tally.answered.incrementAndGet();
            }
            if (seen.refusedAtFirstBytes()) {
                tally.refused.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Wire.Hang | RuntimeException | java.io.IOException e) {
            String name = listener + "-" + index + ".txt";
            tally.findings.add(name + ": " + script.kind() + ": " + e);
            try {
                Files.createDirectories(findings);
                Files.writeString(findings.resolve(name), "seed " + SEED + ", listener " + listener + ", input "
                        + index + ": " + e + "\n" + script.dump());
            } catch (java.io.IOException io) {
                tally.findings.add(name + ": not written: " + io);
            }
        }
    }

    /** Samples the gateway's heap and buffered bytes every second; lets the upstream stubs forget what they got. */
    private static void watch(FuzzFixture f, AtomicBoolean running, AtomicLong peakHeap, AtomicLong peakPending) {
        int ticks = 0;
        while (running.get() && f.gatewayAlive()) {
            try {
                String m = f.metrics();
                peakHeap.accumulateAndGet((long) PrometheusText.sum(m, "jvm_memory_used_bytes",
                        Map.of("area", "heap")), Math::max);
                peakPending.accumulateAndGet((long) PrometheusText.sum(m, "mmsguard_gateway_pending_bytes",
                        Map.of()), Math::max);
                if (++ticks % 10 == 0) {
                    f.forgetUpstreamTraffic();
                }
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // a scrape that failed under load: the next one counts
            }
        }
    }

    private static List<String> logFailures(Path log) throws java.io.IOException {
        try (BufferedReader r = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
            return GatewayLogCheck.failures(r.lines()::iterator);
        }
    }

    private static String figures(List<Target> targets, Map<String, Tally> tallies, String before, String after,
                                  Duration took, long peakHeap, long peakPending, double liveHeap) {
        StringBuilder b = new StringBuilder(String.format("Fuzz run: seed %d, %d inputs per listener, %d connections "
                + "per listener, %d s; peak heap used %d MiB (of %s), live heap after the run %.0f MiB, peak "
                + "buffered bytes %d KiB (budget %d KiB)%n%n", SEED, INPUTS, PARALLEL, took.toSeconds(),
                peakHeap >> 20, FuzzFixture.HEAP, liveHeap / (1 << 20), peakPending >> 10,
                FuzzFixture.MAX_PENDING_BYTES >> 10));
        b.append("| listener | inputs | refused at the first bytes | parsed | inspected | answered |\n");
        b.append("|---|---|---|---|---|---|\n");
        for (Target t : targets) {
            Tally tally = tallies.get(t.listener());
            double n = tally.inputs.get();
            Map<String, String> iface = Map.of("interface", t.mmsInterface());
            double parsed = PrometheusText.sum(after, "mmsguard_gateway_outcomes_total", iface)
                    - PrometheusText.sum(before, "mmsguard_gateway_outcomes_total", iface);
            double inspected = PrometheusText.sum(after, "mmsguard_gateway_sessions_total", iface)
                    - PrometheusText.sum(before, "mmsguard_gateway_sessions_total", iface);
            b.append(String.format("| %s | %d | %.1f %% | %.1f %% | %.1f %% | %.1f %% |%n", t.mmsInterface(),
                    (long) n, 100 * tally.refused.get() / n, 100 * parsed / n, 100 * inspected / n,
                    100 * tally.answered.get() / n));
        }
        return b.toString();
    }

    // ---- seeds -------------------------------------------------------------------------------------------------

    private static List<Target> targets() {
        return List.of(
                new Target("mm1", "MM1", new HttpScripts(mm1Seeds())::next, new HttpProtocol()),
                new Target("mm7", "MM7", new HttpScripts(mm7Seeds())::next, new HttpProtocol()),
                new Target("mm3", "MM3", new SmtpScripts(List.of(mm3Mail("see you at noon"),
                        mm3Mail("win at the " + FuzzFixture.BLOCKED_WORD + " tonight")), MM3_FROM, MM3_RCPT)::next,
                        new SmtpProtocol()),
                new Target("mm4", "MM4", new SmtpScripts(List.of(
                        SmtpTestKit.mm4Forward("+48600111222", "see you at noon", "tx-fuzz-1"),
                        SmtpTestKit.mm4Forward("+48600111222", "the " + FuzzFixture.BLOCKED_WORD + " offer",
                                "tx-fuzz-2")), MM4_FROM, MM4_RCPT)::next, new SmtpProtocol()));
    }

    private static byte[] mm1Send(String tid, String from, String text) {
        return Mm1Encoder.encode(Mm1TestPdus.sendReq(tid, from, "fuzz", Mm1TestPdus.text("t", text),
                Mm1TestPdus.binary("img", "image/gif", SmtpTestKit.GIF)));
    }

    private static List<HttpScripts.Request> mm1Seeds() {
        List<String> mms = List.of("Content-Type: " + Mm1TestPdus.MMS);
        return List.of(
                new HttpScripts.Request("POST", "/mms", mms, mm1Send("fz-1", "+436641000099/TYPE=PLMN", "noon")),
                new HttpScripts.Request("POST", "/mms", mms, mm1Send("fz-2", "+436641000099/TYPE=PLMN",
                        "the " + FuzzFixture.BLOCKED_WORD)),
                new HttpScripts.Request("POST", "/mms", List.of("Content-Type: " + Mm1TestPdus.MMS,
                        "x-up-calling-line-id: 436641000777"), mm1Send("fz-3", null, "inserted address")),
                new HttpScripts.Request("GET", "/mms?id=fz-4", List.of(), new byte[0]));
    }

    private static List<String> mm7Headers(Mm7HttpMessage m) {
        return List.of("Content-Type: " + m.contentType(), "SOAPAction: \"\"", "Authorization: " + vaspAuthorization());
    }

    private static String vaspAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((FuzzFixture.VASP_ID + ":" + FuzzFixture.VASP_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static List<HttpScripts.Request> mm7Seeds() {
        MessagePart gif = new MessagePart("image/gif", null, "sun.gif", "sun.gif", null, SmtpTestKit.GIF);
        Mm7HttpMessage clean = Mm7TestMessages.submit("fz-7-1", "Holiday", Mm7TestMessages.text("the beach"), gif);
        Mm7HttpMessage blocked = Mm7TestMessages.submit("fz-7-2", "Tonight",
                Mm7TestMessages.text("the " + FuzzFixture.BLOCKED_WORD));
        Mm7HttpMessage deliver = new Mm7Encoder().encode(Mm7Message.builder(Mm7Operation.DELIVER_REQ,
                        Mm7Namespace.REL_6_MM7_1_4).transactionId("fz-7-3").mm7Version("6.8.0")
                .sender(Mm7Address.number("+4790000003")).recipients(Mm7Recipients.to(Mm7Address.shortCode("12345")))
                .contentRef(Mm7ContentRef.cid("mm-content")).content(List.of(Mm7TestMessages.text("a reply")))
                .build());
        return List.of(new HttpScripts.Request("POST", "/mm7", mm7Headers(clean), clean.body()),
                new HttpScripts.Request("POST", "/mm7", mm7Headers(blocked), blocked.body()),
                new HttpScripts.Request("POST", "/vasp", mm7Headers(deliver), deliver.body()));
    }

    private static byte[] mm3Mail(String text) {
        return SmtpTestKit.mail(text, h("From", MM3_FROM), h("To", MM3_RCPT), h("Subject", "fuzz"),
                h("Date", "Wed, 25 Nov 2026 10:00:00 +0100"), h("Message-ID", "<fuzz@example.org>"));
    }

    // ---- after the run -----------------------------------------------------------------------------------------

    private static void judgedRightAfterTheRun(FuzzFixture f) throws Exception {
        String before = f.metrics();
        URI mm1 = URI.create("http://127.0.0.1:" + f.port("mm1") + "/mms");
        assertThat(mm1Status(mm1, mm1Send("after-1", "+436641000099/TYPE=PLMN", "see you at noon")))
                .as("MM1 clean").isEqualTo(StatusCodes.OK);
        assertThat(mm1Status(mm1, mm1Send("after-2", "+436641000099/TYPE=PLMN", "the " + FuzzFixture.BLOCKED_WORD)))
                .as("MM1 blocked (counted as blocked below)").isNotEqualTo(StatusCodes.OK);

        URI mm7 = URI.create("http://127.0.0.1:" + f.port("mm7") + "/mm7");
        assertThat(mm7Status(mm7, Mm7TestMessages.submit("after-7-1", "Holiday", Mm7TestMessages.text("beach"))))
                .as("MM7 clean").isEqualTo(1000);
        assertThat(mm7Status(mm7, Mm7TestMessages.submit("after-7-2", "Tonight",
                Mm7TestMessages.text("the " + FuzzFixture.BLOCKED_WORD)))).as("MM7 blocked").isEqualTo(2004);

        assertThat(smtp(f.port("mm3"), MM3_FROM, MM3_RCPT, mm3Mail("see you at noon"))).as("MM3 clean").isEqualTo(250);
        assertThat(smtp(f.port("mm3"), MM3_FROM, MM3_RCPT, mm3Mail("the " + FuzzFixture.BLOCKED_WORD)))
                .as("MM3 blocked").isEqualTo(550);
        // MM4 answers 250 either way (the block goes back as an MM4_forward.RES): the outcomes below tell them apart
        assertThat(smtp(f.port("mm4"), MM4_FROM, MM4_RCPT, SmtpTestKit.mm4Forward("+48600111222", "see you", "a-1")))
                .as("MM4 clean").isEqualTo(250);
        assertThat(smtp(f.port("mm4"), MM4_FROM, MM4_RCPT, SmtpTestKit.mm4Forward("+48600111222",
                "the " + FuzzFixture.BLOCKED_WORD, "a-2"))).as("MM4 blocked").isEqualTo(250);

        String after = f.metrics();
        for (String iface : List.of("MM1", "MM7", "MM3", "MM4")) {
            for (String outcome : List.of("forwarded", "blocked")) {
                Map<String, String> labels = Map.of("interface", iface, "outcome", outcome);
                assertThat(PrometheusText.sum(after, "mmsguard_gateway_outcomes_total", labels)
                        - PrometheusText.sum(before, "mmsguard_gateway_outcomes_total", labels))
                        .as(iface + " " + outcome + " after the run").isEqualTo(1.0);
            }
        }
    }

    private static int mm1Status(URI mm1, byte[] pdu) throws Exception {
        HttpResponse<byte[]> rsp = Mm1TestPdus.post(mm1, pdu);
        assertThat(rsp.statusCode()).isEqualTo(200);
        MmsPdu conf = Mm1TestPdus.decode(rsp.body());
        return conf.responseStatus();
    }

    private static int mm7Status(URI mm7, Mm7HttpMessage message) throws Exception {
        HttpResponse<byte[]> rsp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(mm7).timeout(Duration.ofMinutes(1))
                        .header("Content-Type", message.contentType()).header("SOAPAction", "\"\"")
                        .header("Authorization", vaspAuthorization())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(message.body())).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        return new Mm7Decoder().decode(rsp.body(), rsp.headers().firstValue("Content-Type").orElse(null))
                .status().code();
    }

    private static int smtp(int port, String from, String rcpt, byte[] mail) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            return new SmtpClient(new InetSocketAddress("127.0.0.1", port), "judge.fuzz.test",
                    Duration.ofSeconds(10), Duration.ofSeconds(60), executor).deliver(from, List.of(rcpt), mail)
                    .get(2, TimeUnit.MINUTES).code();
        } finally {
            executor.shutdownNow();
        }
    }
}
