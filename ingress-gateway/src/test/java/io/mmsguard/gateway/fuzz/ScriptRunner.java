package io.mmsguard.gateway.fuzz;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Plays a {@link Script} on a new connection to a listener and says what came back. */
final class ScriptRunner {
    /** What the client saw: the answers' statuses in order. */
    record Seen(List<Integer> answers, boolean refusedAtFirstBytes) {
        boolean answered() {
            return !answers.isEmpty();
        }
    }

    private final int port;
    private final Protocol protocol;
    private final Duration budget;

    /** @param budget the listener's deadlines plus slack: the longest the gateway may leave a connection unanswered */
    ScriptRunner(int port, Protocol protocol, Duration budget) {
        this.port = port;
        this.protocol = protocol;
        this.budget = budget;
    }

    Seen play(Script script) throws IOException, Wire.Hang, InterruptedException {
        List<Integer> answers = new ArrayList<>();
        try (Wire wire = new Wire(port, budget)) {
            protocol.open(wire);
            for (Script.Step step : script.steps()) {
                if (wire.closed()) {
                    break;
                }
                if (step instanceof Script.Send send) {
                    if (send.pauseMillis() > 0) {
                        Thread.sleep(send.pauseMillis());
                    }
                    wire.write(send.bytes());
                } else if (step instanceof Script.HalfClose) {
                    wire.shutdownOutput();
                } else if (step instanceof Script.Await) {
                    add(answers, protocol.answer(wire));
                } else if (step instanceof Script.StartTls t) {
                    Integer code = protocol.answer(wire);
                    add(answers, code);
                    if (code != null && code == 220 && t.handshake()) {
                        wire.startTls();
                    }
                }
            }
            protocol.finish(wire, script.expectedAnswers(), answers);
        }
        return new Seen(List.copyOf(answers), protocol.refusedAtFirstBytes(answers));
    }

    private static void add(List<Integer> answers, Integer code) {
        if (code != null) {
            answers.add(code);
        }
    }
}
