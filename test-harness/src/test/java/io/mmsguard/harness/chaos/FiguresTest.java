package io.mmsguard.harness.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.mmsguard.harness.load.Answer;
import io.mmsguard.harness.load.AnswerKind;
import io.mmsguard.harness.load.Answers;
import io.mmsguard.harness.load.Endpoints;
import io.mmsguard.harness.load.Iface;
import io.mmsguard.harness.load.Message;
import org.junit.jupiter.api.Test;

class FiguresTest {
    private static final Instant FAULT = Instant.parse("2026-01-01T00:00:10Z");
    private static final Endpoints GATEWAY = new Endpoints(URI.create("http://127.0.0.1:1/mms"),
            URI.create("http://127.0.0.1:1/mm7"), null, null);

    /** A session sent {@code sentAt} s from the fault and answered {@code latency} s later. */
    private static Answer answer(int n, AnswerKind kind, double sentAt, double latency) {
        return new Answer(new Message("t-" + n, Iface.MM1, "+1", false, false), "00", kind, kind.name(),
                FAULT.plusMillis((long) (sentAt * 1000)), Duration.ofMillis((long) (latency * 1000)), GATEWAY);
    }

    @Test
    void recoveryAndGapsAreMeasuredFromTheFaultAndTheRestore() {
        Answers answers = Answers.of(List.of(answer(1, AnswerKind.OK, -2, 0.1), answer(2, AnswerKind.BLOCKED, -1, 0.1),
                answer(3, AnswerKind.TEMPORARY_FAILURE, 0.5, 5), answer(4, AnswerKind.UNREACHABLE, 3, 0.1),
                answer(5, AnswerKind.NO_ANSWER, 7.2, 30), answer(6, AnswerKind.OK, 8, 1),
                answer(7, AnswerKind.OK, 12, 0.5)));

        Figures f = Figures.of(answers, FAULT, FAULT.plusSeconds(10));

        assertThat(f.sessions()).isEqualTo(7);
        assertThat(f.kinds()).containsEntry(AnswerKind.OK, 3L).containsEntry(AnswerKind.BLOCKED, 1L);
        assertThat(f.failures()).isEqualTo(3);
        assertThat(f.firstOkAfterFault().getAsDouble()).isEqualTo(9.0);
        assertThat(f.firstOkAfterRestore().getAsDouble()).isEqualTo(2.5);
        assertThat(f.window()).isEqualTo("0.5..7.2");
        assertThat(f.lastFailure().getAsDouble()).isEqualTo(7.2);
        // OKs answered at -1.9, 9.0 and 12.5
        assertThat(f.worstGap()).isEqualTo(10.9);
        assertThat(f.slowest()).isEqualTo(30.0);
        assertThat(f.histogram()).isEqualTo(Map.of(0L, 2L, 5L, 1L));
        assertThat(f.histogramText()).isEqualTo("+0:2 +5:1");
    }

    @Test
    void withoutFailuresThereIsNoWindow() {
        Figures f = Figures.of(Answers.of(List.of(answer(1, AnswerKind.OK, 1, 0.2))), FAULT, FAULT.plusSeconds(5));

        assertThat(f.window()).isEqualTo("-");
        assertThat(Figures.format(f.lastFailure())).isEqualTo("-");
        assertThat(f.firstOkAfterRestore()).isEmpty();
        assertThat(f.histogramText()).isEqualTo("-");
    }
}
