package io.mmsguard.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mmsguard.harness.load.Answer;
import io.mmsguard.harness.load.AnswerKind;
import io.mmsguard.harness.load.Answers;
import io.mmsguard.harness.load.Endpoints;
import io.mmsguard.harness.load.Iface;
import io.mmsguard.harness.load.LoadDriver;
import io.mmsguard.harness.load.Message;
import io.mmsguard.harness.mmsc.MmscStub;
import org.junit.jupiter.api.Test;

/** The chaos invariants on answers made up for the purpose: each check names its offenders and passes without. */
class InvariantsTest {
    private static final Endpoints GATEWAY_0 = gateway(1000);
    private static final Endpoints GATEWAY_1 = gateway(2000);
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private static Endpoints gateway(int port) {
        InetSocketAddress smtp = new InetSocketAddress("127.0.0.1", port);
        return new Endpoints(URI.create("http://127.0.0.1:" + port + "/mms"),
                URI.create("http://127.0.0.1:" + port + "/mm7"), smtp, smtp);
    }

    private static Answer answer(String id, String sender, AnswerKind kind, long latencyMs, Endpoints gateway) {
        return answer(new Message(id, Iface.MM1, sender, false, false), kind, latencyMs, gateway);
    }

    private static Answer answer(Message m, AnswerKind kind, long latencyMs, Endpoints gateway) {
        return new Answer(m, "00", kind, kind.name(), Instant.EPOCH, Duration.ofMillis(latencyMs), gateway);
    }

    private static Message virus(String id) {
        return new Message(id, Iface.MM1, "+1", true, false);
    }

    @Test
    void aSessionIsAnsweredWhenDecidedInTimeOrRefusedByAGatewayKilledOnPurpose() {
        Answers answers = Answers.of(List.of(answer("ok", "+1", AnswerKind.OK, 100, GATEWAY_1),
                answer("blocked", "+1", AnswerKind.BLOCKED, 100, GATEWAY_1),
                answer("temp", "+1", AnswerKind.TEMPORARY_FAILURE, 10_000, GATEWAY_1),
                answer("refused", "+1", AnswerKind.UNREACHABLE, 1, GATEWAY_0)));

        assertThatCode(() -> Invariants.everySessionAnswered(answers, DEADLINE, List.of(GATEWAY_0)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Invariants.everySessionAnswered(answers, DEADLINE, List.of()))
                .hasMessageContaining("1 sessions not answered").hasMessageContaining("refused (UNREACHABLE");
    }

    @Test
    void aHangAnErrorOrALateAnswerIsNeverAnAnswer() {
        Answers answers = Answers.of(List.of(answer("hang", "+1", AnswerKind.NO_ANSWER, 30_000, GATEWAY_0),
                answer("error", "+1", AnswerKind.ERROR, 10, GATEWAY_0),
                answer("late", "+1", AnswerKind.OK, 10_001, GATEWAY_1)));

        assertThatThrownBy(() -> Invariants.everySessionAnswered(answers, DEADLINE, List.of(GATEWAY_0)))
                .hasMessageContaining("3 sessions not answered").hasMessageContaining("hang (NO_ANSWER")
                .hasMessageContaining("error (ERROR").hasMessageContaining("late (OK");
    }

    @Test
    void theFloodCountLiesBetweenTheSessionsDecidedAndTheSessionsOffered() {
        Answers answers = Answers.of(List.of(answer("a", "+1", AnswerKind.OK, 1, GATEWAY_0),
                answer("b", "+1", AnswerKind.BLOCKED, 1, GATEWAY_0),
                answer("c", "+1", AnswerKind.TEMPORARY_FAILURE, 1, GATEWAY_0),
                answer("d", "+1", AnswerKind.UNREACHABLE, 1, GATEWAY_0),
                answer("e", "+1", AnswerKind.NO_ANSWER, 1, GATEWAY_0),
                answer("f", "+2", AnswerKind.OK, 1, GATEWAY_0)));

        for (long count = 2; count <= 4; count++) {
            Map<String, Long> counts = Map.of("+1", count);
            assertThatCode(() -> Invariants.floodCountCoversDecided(answers, counts)).doesNotThrowAnyException();
            assertThatCode(() -> Invariants.floodCountWithinOffered(answers, counts)).doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> Invariants.floodCountCoversDecided(answers, Map.of("+1", 1L, "+2", 1L)))
                .hasMessageContaining("1 flood counts below").hasMessageContaining("+1 count 1 < OK + blocked 2");
        assertThatThrownBy(() -> Invariants.floodCountWithinOffered(answers, Map.of("+1", 5L, "+2", 1L)))
                .hasMessageContaining("1 flood counts above").hasMessageContaining("+1 count 5 >");
    }

    @Test
    void aVirusIsNeverAnsweredOkNorDeliveredWhateverItWasAnswered() throws Exception {
        try (MmscStub stub = MmscStub.start();
             LoadDriver client = new LoadDriver(List.of(gateway(1)), stub, DEADLINE, 4)) {
            Endpoints mmsc = new Endpoints(stub.mm1Uri(), stub.mm7Uri(), null, null);
            // Straight to the stub: a virus that reached the MMSC although its client saw no OK.
            assertThat(client.send(virus("virus-leaked"), mmsc).join().kind()).isEqualTo(AnswerKind.OK);
            List<Answer> refused = List.of(answer(virus("virus-blocked"), AnswerKind.BLOCKED, 1, GATEWAY_0),
                    answer(virus("virus-temp"), AnswerKind.TEMPORARY_FAILURE, 1, GATEWAY_0),
                    answer(virus("virus-cut"), AnswerKind.UNREACHABLE, 1, GATEWAY_0),
                    answer("clean", "+1", AnswerKind.OK, 1, GATEWAY_0));

            assertThatCode(() -> Invariants.noVirusPassed(Answers.of(refused), stub)).doesNotThrowAnyException();

            List<Answer> passed = new ArrayList<>(refused);
            passed.add(answer(virus("virus-ok"), AnswerKind.OK, 1, GATEWAY_0));
            passed.add(answer(virus("virus-leaked"), AnswerKind.NO_ANSWER, 1, GATEWAY_1));
            assertThatThrownBy(() -> Invariants.noVirusPassed(Answers.of(passed), stub))
                    .hasMessageContaining("2 messages with EICAR answered OK or delivered")
                    .hasMessageContaining("virus-ok (OK").hasMessageContaining("virus-leaked (NO_ANSWER");
        }
    }

    @Test
    void aNoticeReSentIsARepeatButASecondNoticeForTheSameStreamAndRecipientOffends() throws Exception {
        try (MmscStub stub = MmscStub.start();
             LoadDriver notifier = new LoadDriver(List.of(gateway(1)), stub, DEADLINE, 4)) {
            Endpoints notices = new Endpoints(stub.noticesUri(), stub.mm7Uri(), null, null);
            for (String id : List.of("default/MM1/VIRUS@1000/+49160", "default/MM1/VIRUS@1000/+49160",
                    "default/MM1/VIRUS@1000/+49161", "default/MM1/sender-ab@2000/+49170")) {
                assertThat(notifier.send(new Message(id, Iface.MM1, "+49160", false, false), notices).join().kind())
                        .isEqualTo(AnswerKind.OK);
            }
            assertThat(Invariants.noticeRepeats(stub)).containsExactly(Map.entry("default/MM1/VIRUS@1000/+49160", 2L));
            assertThatCode(() -> Invariants.everyNoticeOnce(stub)).doesNotThrowAnyException();

            notifier.send(new Message("default/MM1/VIRUS@5000/+49161", Iface.MM1, "+49160", false, false), notices)
                    .join();

            assertThatThrownBy(() -> Invariants.everyNoticeOnce(stub)).hasMessageContaining(
                    "1 notice streams that notified the same recipient more than once: default/MM1/VIRUS/+49161"
                            + " [default/MM1/VIRUS@1000/+49161, default/MM1/VIRUS@5000/+49161]");
        }
    }
}
