package io.mmsguard.inspection.service;

import static io.mmsguard.inspection.service.BrokerFixture.perSession;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.mmsguard.avro.Decision;
import io.mmsguard.avro.EndpointAction;
import io.mmsguard.avro.EndpointEntry;
import io.mmsguard.avro.EndpointList;
import io.mmsguard.avro.InspectionLog;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.MmsPart;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.PatternType;
import io.mmsguard.avro.Reason;
import io.mmsguard.avro.ThresholdCount;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.avro.Verdict;
import io.mmsguard.inspection.SampleEnvelopes;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A similar-content threshold on the real broker, inbound spread over three partitions: campaign copies from distinct
 * senders (names and codes vary; in the picture campaign the picture is re-encoded at other sizes and qualities)
 * meet in the by-band hop across partitions, the copies past the limit are blocked SIMILAR, an unrelated message and
 * a sender exempt from mass-MMS checks are not counted, and every session gets exactly one decision.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class SimilarContentIntegrationTest {
    private static final int LIMIT = 3;
    private static final String PROFILE = "similar3";
    private static final String EXEMPT_SENDER = "+4988800";
    private static final String[] NAMES = {"Anna", "Bernd", "Carla", "Dieter", "Elke", "Frank", "Gudrun"};

    @TempDir
    Path stateDir;

    @Test
    void campaignCopiesPastTheLimitAreBlockedAcrossPartitionsAndEverySessionIsDecidedOnce(KafkaTestCluster kafka,
                                                                                           ApicurioRegistry registry)
            throws Exception {
        String app = "it-similar-" + UUID.randomUUID();
        try (BrokerFixture fx = new BrokerFixture(kafka, registry,
                "it-similar-" + UUID.randomUUID().toString().substring(0, 8), 3, 2)) {
            fx.sendEndpointList(EndpointList.newBuilder().setName("carrier").setEntries(List.of(EndpointEntry
                    .newBuilder().setPattern(EXEMPT_SENDER).setPatternType(PatternType.SIMPLE)
                    .setAction(EndpointAction.EXEMPT_MASS_MMS).build())).build());
            fx.sendProfile(MmsProfile.newBuilder().setName(PROFILE).setEndpointLists(List.of("carrier"))
                    .setMm1(InterfaceSettings.newBuilder()
                            .setSimilar(List.of(BrokerFixture.threshold(LIMIT, 10, 0))).build()).build());
            try (InspectionService service = BrokerFixture.startRunning(fx.config(app, stateDir, Map.of()))) {
                BrokerFixture.awaitProfileApplied(PROFILE, service);
                BrokerFixture.awaitEndpointListApplied("carrier", service);
                Set<Integer> partitions = new TreeSet<>();
                List<Decision> text = new ArrayList<>();
                for (int i = 1; i <= 6; i++) {
                    text.add(decide(fx, app, partitions, textCopy("text-" + i, "+49151000" + i, i)));
                    if (i == 2) {
                        for (int e = 0; e < 3; e++) {
                            assertThat(decide(fx, app, partitions, textCopy("exempt-" + e, EXEMPT_SENDER, 10 + e))
                                    .getVerdict()).as("exempt copy %d", e).isEqualTo(Verdict.PASS);
                        }
                    }
                }
                Decision unrelated = decide(fx, app, partitions, envelope("unrelated", "+49160000001", List.of(
                        textPart("The meeting moved to room four tomorrow morning. Please bring the quarterly "
                                + "report and the budget slides for the review with the finance team."))));
                List<Decision> pictures = new ArrayList<>();
                for (int i = 1; i <= 5; i++) {
                    BufferedImage resized = picture(400 - 40 * i, 300 - 30 * i);
                    pictures.add(decide(fx, app, partitions, envelope("picture-" + i, "+49152000" + i, List.of(
                            textPart("Hi " + NAMES[i] + ", look!"),
                            part("image/jpeg", jpeg(resized, 0.95f - 0.12f * i))))));
                }

                assertThat(partitions).as("the copies came from several inbound partitions").hasSizeGreaterThan(1);
                assertThat(text).extracting(Decision::getVerdict).containsExactly(Verdict.PASS, Verdict.PASS,
                        Verdict.PASS, Verdict.BLOCK, Verdict.BLOCK, Verdict.BLOCK);
                assertThat(pictures).extracting(Decision::getVerdict).containsExactly(Verdict.PASS, Verdict.PASS,
                        Verdict.PASS, Verdict.BLOCK, Verdict.BLOCK);
                assertThat(unrelated.getVerdict()).isEqualTo(Verdict.PASS);
                List<Decision> blocked = new ArrayList<>(text.subList(LIMIT, text.size()));
                blocked.addAll(pictures.subList(LIMIT, pictures.size()));
                assertThat(blocked).allSatisfy(d -> {
                    assertThat(d.getReason()).isEqualTo(Reason.SIMILAR);
                    assertThat(d.getThreshold().getKind()).isEqualTo(ThresholdKind.SIMILAR);
                    assertThat(d.getDetail()).startsWith("similar threshold 1: ");
                });
                assertThat(text.get(LIMIT).getDetail()).startsWith("similar threshold 1: 4 in 10 min > limit 3");

                Map<String, InspectionLog> logs = fx.inspectionLogs(app, "").stream()
                        .collect(Collectors.toMap(InspectionLog::getSessionId, l -> l));
                assertThat(similarCounts(logs, "text-1", "text-2", "text-3", "text-4"))
                        .as("the exempt copies were not counted").containsExactly(1L, 2L, 3L, 4L);
                assertThat(similarCounts(logs, "unrelated")).containsExactly(1L);
                assertThat(similarCounts(logs, "picture-1", "picture-4")).containsExactly(1L, 4L);
                assertThat(logs.get("picture-4").getSimilarTo().getSharedBands())
                        .allSatisfy(band -> assertThat(band).doesNotStartWith("t"));
                assertThat(logs.get("text-4").getSimilarTo().getEarlierSession()).startsWith("text-");
                assertThat(logs.get("unrelated").getSimilarTo()).isNull();

                List<ConsumerRecord<String, Decision>> all = fx.decisions(app, "", 15);
                assertThat(perSession(all)).as("exactly one decision per session").hasSize(15)
                        .allSatisfy((session, count) -> assertThat(count).as(session).isEqualTo(1L));
            }
        }
    }

    /** Sends one message and waits for its decision, so that the copies are counted in the order they were sent. */
    private static Decision decide(BrokerFixture fx, String app, Set<Integer> partitions, MmsEnvelope envelope)
            throws Exception {
        partitions.add(fx.send(envelope).get().partition());
        return fx.decisions(app, envelope.getSessionId(), 1).get(0).value();
    }

    private static List<Long> similarCounts(Map<String, InspectionLog> logs, String... sessions) {
        List<Long> out = new ArrayList<>();
        for (String session : sessions) {
            logs.get(session).getThresholds().stream().filter(t -> t.getKind() == ThresholdKind.SIMILAR)
                    .map(ThresholdCount::getCount).forEach(out::add);
        }
        return out;
    }

    /** One copy of a campaign: the recipient's name and a code differ, so no two copies are identical. */
    private static MmsEnvelope textCopy(String session, String sender, int i) {
        return envelope(session, sender, List.of(textPart("Dear " + NAMES[i % NAMES.length] + ", congratulations! "
                + "You have been selected to receive a free holiday voucher worth 500 euros. To claim your prize "
                + "visit our website and enter the code X" + (7919 * (i + 3)) + "Q before Friday. Offer valid while "
                + "stocks last, terms and conditions apply.")));
    }

    private static MmsEnvelope envelope(String session, String sender, List<MmsPart> parts) {
        return SampleEnvelopes.mm1Send().setSessionId(session).setSender(sender).setSenderRaw(sender + "/TYPE=PLMN")
                .setProfile(PROFILE).setReplyPartition(0).setReceivedAt(BrokerFixture.now()).setParts(parts).build();
    }

    private static MmsPart textPart(String text) {
        return part("text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    /** A part as the gateway writes it, with the SHA-256 of its bytes. */
    private static MmsPart part(String contentType, byte[] content) {
        try {
            return MmsPart.newBuilder(SampleEnvelopes.part(contentType, null, content))
                    .setSha256(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content))).build();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The campaign's picture drawn at another size, as a resized copy would look. */
    private static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(20, 120, 60));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.YELLOW);
        g.fillOval(width / 10, height / 10, width * 9 / 20, height * 8 / 15);
        g.setColor(Color.RED);
        g.fillRect(width * 23 / 40, height * 17 / 30, width * 7 / 20, height / 3);
        g.dispose();
        return image;
    }

    private static byte[] jpeg(BufferedImage image, float quality) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
