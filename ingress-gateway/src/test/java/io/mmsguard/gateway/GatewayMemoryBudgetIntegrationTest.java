package io.mmsguard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mmsguard.avro.InterfaceSettings;
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
 * Memory stays bounded with large messages: the gateway runs as a child JVM with a 256 MiB heap (and exits on an
 * OutOfMemoryError), and {@value #MESSAGES} clients send it an MM1 m-send.req of 12 MiB each at once, about 144 MiB
 * on the wire and several times that as the copies a message goes through (aggregated body, decoded parts, Avro
 * record, producer batch, upstream request). With the default {@code gateway.max-pending-bytes} (heap / 8) the
 * listeners stop reading while it is spent, one connection at a time completes, and every message is inspected,
 * passes and reaches the MMSC byte for byte; the gateway is alive afterwards and says it stopped reading.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class GatewayMemoryBudgetIntegrationTest {
    private static final int MESSAGES = 12;
    private static final int SIZE = 12 * 1024 * 1024;
    private static final Duration HANG_GUARD = Duration.ofMinutes(5);
    @TempDir
    Path dir;

    @Test
    void manyTwelveMebibyteMessagesAtOnceAllPassAGatewayWithA256MebibyteHeap(KafkaTestCluster kafka,
                                                                           ApicurioRegistry registry) throws Exception {
        try (GatewayStack stack = GatewayStack.startWithoutGateway(kafka, registry, dir, "budget")) {
            stack.publishProfile(MmsProfile.newBuilder().setName("default")
                    .setMm1(InterfaceSettings.newBuilder().setOversizeLimitKb(819_200).build()).build());
            stack.mmsc().respond("/mms", r -> new StubMmsc.Response(200, "application/vnd.wap.mms-message",
                    Mm1Encoder.encode(MmsPdus.sendConf(new Mm1Decoder().decode(r.body()).transactionId(),
                            MmsPdus.MMS_1_2, 0x80, (String) null, "msg-1"))));
            // Generous deadlines and idle timeout: under the budget the messages complete about one after another
            // on a shared machine, and a paused connection is idle meanwhile.
            Map<String, String> settings = stack.gatewaySettings(Map.of("gateway.decision-timeout", "120s",
                    "mm1.request-deadline", "240s", "mm1.idle-timeout", "300s",
                    "gateway.upstream-response-timeout", "120s"));
            try (ChildGateway.Started child = ChildGateway.start("gateway-budget", "256m", settings, dir)) {
                JavaProcess gateway = child.process();
                Path log = gateway.logFile();
                URI mm1 = URI.create("http://127.0.0.1:" + child.mm1Port() + "/mms");
                URI metrics = child.metrics();

                byte[] image = new byte[SIZE];
                new Random(12).nextBytes(image);
                image[0] = (byte) 0xFF;
                image[1] = (byte) 0xD8;
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                Set<String> expected = new TreeSet<>();
                List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
                for (int i = 0; i < MESSAGES; i++) {
                    MmsPdu pdu = MmsPdus.sendReq("budget-" + i, MmsPdus.MMS_1_2, FromAddress.insertAddress(),
                            List.of("+436641000001/TYPE=PLMN"), "pictures", ContentType.of(ContentType.MULTIPART_MIXED),
                            List.of(MmsPart.of(ContentType.of("image/jpeg"), "img", "img.jpg", image)));
                    expected.add(sha256(Mm1Encoder.encode(pdu.withInsertedFrom("+43664100" + (1000 + i)))));
                    answers.add(http.sendAsync(HttpRequest.newBuilder(mm1).timeout(HANG_GUARD)
                            .header("Content-Type", "application/vnd.wap.mms-message")
                            .header("x-up-calling-line-id", "43664100" + (1000 + i))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(Mm1Encoder.encode(pdu))).build(),
                            HttpResponse.BodyHandlers.ofByteArray()));
                }
                for (int i = 0; i < MESSAGES; i++) {
                    HttpResponse<byte[]> answer = answers.get(i).join();
                    assertThat(answer.statusCode()).as(gateway.logTail(40)).isEqualTo(200);
                    MmsPdu conf = new Mm1Decoder().decode(answer.body());
                    assertThat(conf.transactionId()).isEqualTo("budget-" + i);
                    assertThat(conf.responseStatus()).isEqualTo(StatusCodes.OK);
                }

                Set<String> received = new TreeSet<>();
                stack.mmsc().received().forEach(r -> received.add(sha256(r.body())));
                assertThat(received).as("every message reached the MMSC byte for byte").isEqualTo(expected);
                assertThat(gateway.isAlive()).as("no OutOfMemoryError: " + gateway.logTail(40)).isTrue();
                assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
                String scraped = http.send(HttpRequest.newBuilder(metrics).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metric(scraped, "mmsguard_gateway_pending_bytes_spent_total"))
                        .as("the budget was reached and reading stopped").isGreaterThanOrEqualTo(1);
                assertThat(metric(scraped, "mmsguard_gateway_pending_bytes")).as("all answered, nothing held")
                        .isZero();
                System.out.printf("memory budget: %d x %d MiB through a -Xmx256m gateway, budget spent %d times%n",
                        MESSAGES, SIZE >> 20, (long) metric(scraped, "mmsguard_gateway_pending_bytes_spent_total"));
            }
        }
    }

    private static double metric(String scraped, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? ([0-9.Ee+-]+)$").matcher(scraped);
        assertThat(m.find()).as(name + " in /metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
