package io.mmsguard.gateway.mm1;

import static io.mmsguard.gateway.mm1.Mm1TestPdus.EICAR;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.MMS;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.binary;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.decode;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.get;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.okConf;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.post;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.retrieveConf;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.sendReq;
import static io.mmsguard.gateway.mm1.Mm1TestPdus.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.mmsguard.avro.BannedWord;
import io.mmsguard.avro.InterfaceSettings;
import io.mmsguard.avro.MmsProfile;
import io.mmsguard.avro.Threshold;
import io.mmsguard.avro.ThresholdAction;
import io.mmsguard.codec.mm1.EncodedString;
import io.mmsguard.codec.mm1.FromAddress;
import io.mmsguard.codec.mm1.HeaderField;
import io.mmsguard.codec.mm1.MessageType;
import io.mmsguard.codec.mm1.Mm1Encoder;
import io.mmsguard.codec.mm1.MmsPdu;
import io.mmsguard.codec.mm1.MmsPdus;
import io.mmsguard.codec.mm1.StatusCodes;
import io.mmsguard.gateway.GatewayStack;
import io.mmsguard.gateway.LogCapture;
import io.mmsguard.gateway.StubMmsc;
import io.mmsguard.gateway.answer.Mm1MessageTypes;
import io.mmsguard.gateway.answer.TypeHandling;
import io.mmsguard.service.log.MsisdnLog;
import io.mmsguard.testkit.ApicurioRegistry;
import io.mmsguard.testkit.KafkaTestCluster;
import io.mmsguard.testkit.junit.SharedKafka;
import io.mmsguard.testkit.junit.SharedRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real m-send.req POSTs through the real stack (broker, registry, inspection topology, gateway) to the stub MMSC:
 * the handset gets exactly the m-send.conf the verdict calls for, and the MMSC exactly the passed messages.
 */
@ExtendWith({SharedKafka.class, SharedRegistry.class})
class Mm1EndToEndIntegrationTest {
    private static final String MSISDN_HEADER = "x-up-calling-line-id";
    private static final int FLOOD_LIMIT = 3;
    @TempDir
    static Path dir;
    private static GatewayStack stack;

    @BeforeAll
    static void setUp(KafkaTestCluster kafka, ApicurioRegistry registry) throws Exception {
        stack = GatewayStack.start(kafka, registry, dir, "mm1e2e", Map.of());
        stack.publishProfile(MmsProfile.newBuilder().setName("default")
                .setMm1(InterfaceSettings.newBuilder().setFlood(List.of(Threshold.newBuilder().setEnabled(true)
                        .setWindowMinutes(60).setLimit(FLOOD_LIMIT).setBlockTimeMinutes(10)
                        .setActions(List.of(ThresholdAction.BLOCK)).build())).build())
                .setBannedWords(List.of(BannedWord.newBuilder().setPattern("casino").setScore(50).build()))
                .build());
    }

    @AfterAll
    static void tearDown() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void answerLikeAnMmsc() {
        stack.mmsc().clear();
        stack.mmsc().respond("/mms", r -> new StubMmsc.Response(200, MMS, okConf(decode(r.body()).transactionId())));
    }

    private static MmsPdu send(byte[] pdu, String msisdn) throws Exception {
        HttpResponse<byte[]> answer = post(stack.mm1Uri("/mms"), pdu, MSISDN_HEADER, msisdn);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("content-type")).contains(MMS);
        MmsPdu conf = decode(answer.body());
        assertThat(conf.messageType()).isEqualTo(MessageType.SEND_CONF);
        return conf;
    }

    @Test
    void aCleanMessagePassesWithTheMsisdnInsertedAndTheMmscsAnswerRelayed() throws Exception {
        MmsPdu clean = sendReq("e2e-clean", null, "lunch", text("t", "see you at noon"));

        MmsPdu conf = send(Mm1Encoder.encode(clean), "436641000101");

        assertThat(conf.responseStatus()).isEqualTo(StatusCodes.OK);
        assertThat(conf.transactionId()).isEqualTo("e2e-clean");
        assertThat(conf.messageId()).isEqualTo("msg-e2e-clean");
        assertThat(stack.mmsc().received()).singleElement().satisfies(r ->
                assertThat(r.body()).isEqualTo(Mm1Encoder.encode(clean.withInsertedFrom("+436641000101"))));
    }

    @Test
    void aVirusIsBlockedWithContentNotAcceptedAndNeverReachesTheMmsc() throws Exception {
        MmsPdu conf = send(Mm1Encoder.encode(sendReq("e2e-virus", "+436641000102/TYPE=PLMN", "look",
                text("t", "open the attachment"),
                binary("eicar", "application/octet-stream", EICAR.getBytes(StandardCharsets.US_ASCII)))),
                "436641000102");

        assertThat(conf.transactionId()).isEqualTo("e2e-virus");
        assertThat(conf.responseStatus()).isEqualTo(0x87);
        assertThat(conf.responseText()).isNotBlank();
        assertThat(stack.mmsc().received()).isEmpty();
    }

    /**
     * A19: a blocked session is one INFO line with its session, interface, sender as logging.msisdn: hashed logs it
     * (never the number), verdict, reason and the code the handset got; nothing else logs the same decision.
     */
    @Test
    void aBlockedSessionIsOneDecisionLineWithTheSenderHashed() throws Exception {
        String line;
        try (LogCapture log = new LogCapture()) {
            MmsPdu conf = send(Mm1Encoder.encode(sendReq("e2e-decision-line", "+436641000105/TYPE=PLMN", "look",
                    text("t", "open the attachment"),
                    binary("eicar", "application/octet-stream", EICAR.getBytes(StandardCharsets.US_ASCII)))),
                    "436641000105");
            assertThat(conf.responseStatus()).isEqualTo(0x87);
            List<String> lines = log.text().lines().filter(l -> l.contains("e2e-decision-line")).toList();
            assertThat(lines).as("one line for the blocked session").hasSize(1);
            line = lines.get(0);
        }
        assertThat(line).contains(" INFO ", "MM1 session ", "from " + MsisdnLog.of("+436641000105"),
                ": BLOCK VIRUS", "answered HTTP 200, status 0x87", "transaction e2e-decision-line");
        assertThat(line).doesNotContain("436641000105");
    }

    @Test
    void aBannedWordIsBlocked() throws Exception {
        MmsPdu conf = send(Mm1Encoder.encode(sendReq("e2e-banned", "+436641000103/TYPE=PLMN", null,
                text("t", "best online casino bonus"))), "436641000103");

        assertThat(conf.transactionId()).isEqualTo("e2e-banned");
        assertThat(conf.responseStatus()).isEqualTo(0x87);
        assertThat(stack.mmsc().received()).isEmpty();
    }

    @Test
    void aFloodPassesUpToTheLimitAndIsBlockedAfter() throws Exception {
        List<byte[]> sent = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 1; i <= FLOOD_LIMIT + 2; i++) {
            byte[] pdu = Mm1Encoder.encode(sendReq("e2e-flood-" + i, "+436641000104/TYPE=PLMN", null,
                    text("t", "message number " + i)));
            sent.add(pdu);
            statuses.add(send(pdu, "436641000104").responseStatus());
        }

        assertThat(statuses).containsExactly(StatusCodes.OK, StatusCodes.OK, StatusCodes.OK, 0x87, 0x87);
        assertThat(stack.mmsc().received()).extracting(StubMmsc.Request::body)
                .containsExactlyElementsOf(sent.subList(0, FLOOD_LIMIT));
    }

    // ---- message types (issue 15: every type inspected or refused) ---------------------------------------------

    @Test
    void anMboxUploadWithAVirusIsBlockedWithAnMboxUploadConfAndNeverReachesTheMmsc() throws Exception {
        byte[] upload = withType(Mm1Encoder.encode(sendReq("e2e-upload-virus", "+436641000111/TYPE=PLMN", "store",
                text("t", "keep this"), binary("eicar", "application/octet-stream",
                        EICAR.getBytes(StandardCharsets.US_ASCII)))), MessageType.MBOX_UPLOAD_REQ.code());

        HttpResponse<byte[]> answer = post(stack.mm1Uri("/mms"), upload, MSISDN_HEADER, "436641000111");

        assertThat(answer.statusCode()).isEqualTo(200);
        MmsPdu conf = decode(answer.body());
        assertThat(conf.messageType()).isEqualTo(MessageType.MBOX_UPLOAD_CONF);
        assertThat(conf.transactionId()).isEqualTo("e2e-upload-virus");
        assertThat(conf.value(HeaderField.STORE_STATUS)).isEqualTo(StatusCodes.ERROR_PERMANENT_SERVICE_DENIED);
        assertThat(stack.mmsc().received()).isEmpty();
    }

    @Test
    void aCleanMboxUploadIsInspectedAndReachesTheMmscAsReceived() throws Exception {
        byte[] upload = withType(Mm1Encoder.encode(sendReq("e2e-upload-clean", "+436641000112/TYPE=PLMN", "store",
                text("t", "a clean note"))), MessageType.MBOX_UPLOAD_REQ.code());

        double forwardedBefore = outcomeCount("forwarded");

        HttpResponse<byte[]> answer = post(stack.mm1Uri("/mms"), upload, MSISDN_HEADER, "436641000112");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(stack.mmsc().received()).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo(upload));
        assertThat(outcomeCount("forwarded")).as("forwarded after a PASS decision").isEqualTo(forwardedBefore + 1);
    }

    @Test
    void aPduOfAnUnassignedTypeIsRefusedWithUnsupportedMessageAndNeverForwarded() throws Exception {
        byte[] unknown = withType(Mm1Encoder.encode(sendReq("e2e-type-99", "+436641000113/TYPE=PLMN", null,
                binary("eicar", "application/octet-stream", EICAR.getBytes(StandardCharsets.US_ASCII)))), 0x99);

        HttpResponse<byte[]> answer = post(stack.mm1Uri("/mms"), unknown, MSISDN_HEADER, "436641000113");

        assertThat(answer.statusCode()).isEqualTo(200);
        MmsPdu conf = decode(answer.body());
        assertThat(conf.messageType()).isEqualTo(MessageType.SEND_CONF);
        assertThat(conf.transactionId()).isEqualTo("e2e-type-99");
        assertThat(conf.responseStatus()).isEqualTo(StatusCodes.ERROR_UNSUPPORTED_MESSAGE);
        assertThat(stack.mmsc().received()).isEmpty();
        assertThat(outcomeReasons("passed-through")).doesNotContain("type-0x99");
    }

    @Test
    void mForwardReqsCountTowardsTheSendersFloodAndAreBlockedOverTheLimit() throws Exception {
        String msisdn = "436641000114";
        List<Integer> statuses = new ArrayList<>();
        List<MessageType> answered = new ArrayList<>();
        for (int i = 1; i <= FLOOD_LIMIT - 1; i++) { // two sends ...
            statuses.add(send(Mm1Encoder.encode(sendReq("e2e-ff-send-" + i, null, null, text("t", "hello " + i))),
                    msisdn).responseStatus());
            answered.add(MessageType.SEND_CONF);
        }
        List<byte[]> forwards = new ArrayList<>();
        for (int i = 1; i <= 3; i++) { // ... then three forwards from the same subscriber
            byte[] forward = Mm1Encoder.encode(forwardReq("e2e-ff-fwd-" + i, "+" + msisdn + "/TYPE=PLMN"));
            forwards.add(forward);
            HttpResponse<byte[]> answer = post(stack.mm1Uri("/mms"), forward, MSISDN_HEADER, msisdn);
            assertThat(answer.statusCode()).isEqualTo(200);
            MmsPdu conf = decode(answer.body());
            statuses.add(conf.responseStatus());
            answered.add(conf.messageType());
        }

        assertThat(statuses).containsExactly(StatusCodes.OK, StatusCodes.OK, StatusCodes.OK, 0x87, 0x87);
        // the MMSC answered the one forward it got; the gateway answered the two blocked ones as m-forward.conf
        assertThat(answered.subList(3, 5)).containsOnly(MessageType.FORWARD_CONF);
        assertThat(stack.mmsc().received()).extracting(StubMmsc.Request::body).hasSize(3)
                .last().isEqualTo(forwards.get(0));
    }

    @Test
    void onlyTypesWithoutContentArePassedThroughAndTheyAreExactlyTheTablesRelayedTypes() throws Exception {
        List<byte[]> relayed = new ArrayList<>();
        for (MessageType type : MessageType.values()) {
            if (Mm1MessageTypes.posted(type) == TypeHandling.INSPECTED) {
                continue; // held for a decision: covered above, never passed through
            }
            byte[] pdu = Mm1Encoder.encode(MmsPdu.builder(type).set(HeaderField.TRANSACTION_ID, "pt-" + type.token())
                    .set(HeaderField.MMS_VERSION, MmsPdus.MMS_1_2).build());
            HttpResponse<byte[]> answer = post(stack.mm1Uri("/mms"), pdu);
            assertThat(answer.statusCode()).isEqualTo(200);
            if (Mm1MessageTypes.posted(type) == TypeHandling.RELAYED) {
                relayed.add(pdu);
            } else {
                assertThat(decode(answer.body()).responseStatus()).as(type.token())
                        .isEqualTo(StatusCodes.ERROR_UNSUPPORTED_MESSAGE);
            }
        }

        assertThat(stack.mmsc().received()).extracting(StubMmsc.Request::body).containsExactlyElementsOf(relayed);
        assertThat(outcomeReasons("passed-through")).containsExactlyInAnyOrderElementsOf(
                Mm1MessageTypes.table().entrySet().stream().filter(e -> e.getValue() == TypeHandling.RELAYED)
                        .map(e -> e.getKey().token()).toList());
    }

    /** The PDU with another X-Mms-Message-Type octet (the second octet of every encoded PDU). */
    private static byte[] withType(byte[] pdu, int type) {
        byte[] out = pdu.clone();
        out[1] = (byte) type;
        return out;
    }

    /** An m-forward.req of the stored message {@code tid}, From the subscriber (so forwarded as it came). */
    private static MmsPdu forwardReq(String tid, String from) {
        return MmsPdu.builder(MessageType.FORWARD_REQ).set(HeaderField.TRANSACTION_ID, tid)
                .set(HeaderField.MMS_VERSION, MmsPdus.MMS_1_2).set(HeaderField.FROM, FromAddress.of(from))
                .add(HeaderField.TO, EncodedString.of("+436641000999/TYPE=PLMN"))
                .set(HeaderField.CONTENT_LOCATION, "http://mmsc.example/stored/" + tid).build();
    }

    /** The reasons of the MM1 outcome counters with this outcome that counted anything. */
    private static Set<String> outcomeReasons(String outcome) throws Exception {
        Set<String> reasons = new TreeSet<>();
        stack.outcomes("MM1", outcome).forEach((reason, count) -> {
            if (count > 0) {
                reasons.add(reason);
            }
        });
        return reasons;
    }

    private static double outcomeCount(String outcome) throws Exception {
        return stack.outcomes("MM1", outcome).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    @Test
    void aRetrievedVirusIsReplacedAndACleanRetrievalRelayed() throws Exception {
        byte[] clean = Mm1Encoder.encode(retrieveConf("e2e-r1", "+436641000105/TYPE=PLMN", text("t", "hi")));
        byte[] virus = Mm1Encoder.encode(retrieveConf("e2e-r2", "+436641000105/TYPE=PLMN",
                binary("eicar", "application/octet-stream", EICAR.getBytes(StandardCharsets.US_ASCII))));
        stack.mmsc().respond("/content/clean", r -> new StubMmsc.Response(200, MMS, clean));
        stack.mmsc().respond("/content/virus", r -> new StubMmsc.Response(200, MMS, virus));

        HttpResponse<byte[]> passed = get(stack.mm1Uri("/content/clean"), MSISDN_HEADER, "436641000106");
        HttpResponse<byte[]> blocked = get(stack.mm1Uri("/content/virus"), MSISDN_HEADER, "436641000106");

        assertThat(passed.statusCode()).isEqualTo(200);
        assertThat(passed.body()).isEqualTo(clean);
        assertThat(blocked.statusCode()).isEqualTo(200);
        MmsPdu replacement = decode(blocked.body());
        assertThat(replacement.messageType()).isEqualTo(MessageType.RETRIEVE_CONF);
        assertThat(replacement.transactionId()).isEqualTo("e2e-r2");
        assertThat(replacement.retrieveStatus()).isEqualTo(StatusCodes.RETRIEVE_ERROR_PERMANENT_SERVICE_DENIED);
        assertThat(replacement.parts()).singleElement().satisfies(p -> {
            assertThat(p.contentType()).isEqualTo("text/plain");
            assertThat(p.content()).isNotEqualTo(EICAR.getBytes(StandardCharsets.US_ASCII));
        });
    }
}
