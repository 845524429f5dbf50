package io.mmsguard.harness.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.mmsguard.harness.load.Answer;
import io.mmsguard.harness.load.AnswerKind;
import io.mmsguard.harness.load.Answers;
import io.mmsguard.harness.load.Iface;
import io.mmsguard.harness.load.LoadDriver;
import io.mmsguard.harness.load.LoadPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chaos pass: load at the mode's rate over MM1, MM3, MM4 and MM7 (flood senders on MM1, EICAR now and then),
 * the fault at {@link ChaosMode#faultAt()}, the restore after the hold, and sending on until the deployment has
 * answered OK again after the restore (or the mode's bound is reached).
 */
final class ChaosPass {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosPass.class);
    private static final int SENDERS = 40;
    private static final int EICAR_EVERY = 10;

    /** What a pass did: its plan, every answer and the instants the figures are measured from. */
    record Result(String name, LoadPlan plan, Answers answers, Instant fault, Instant restored, Duration faultTook,
                  Duration restoreTook) {

        Figures figures() {
            return Figures.of(answers, fault, restored);
        }

        /**
         * The answers of sessions sent once the fault was in place and answered before the restore began: what the
         * deployment answers under the fault, and nothing else.
         */
        List<Answer> underFault() {
            Instant inPlace = fault.plus(faultTook);
            Instant restoring = restored.minus(restoreTook);
            return answers.all().stream()
                    .filter(a -> !a.sentAt().isBefore(inPlace) && !a.answeredAt().isAfter(restoring)).toList();
        }
    }

    private final LoadDriver driver;
    private final ChaosMode mode;

    ChaosPass(LoadDriver driver, ChaosMode mode) {
        this.driver = driver;
        this.mode = mode;
    }

    /** A plan for the longest pass; {@code index} makes every pass's senders its own (fresh flood counts). */
    LoadPlan plan(String name, int index) {
        return plan(name, index, mode.maxLoad());
    }

    /** A plan for a pass that may send up to {@code longest} (a fault that lasts minutes, as a rolling upgrade). */
    LoadPlan plan(String name, int index, Duration longest) {
        double ordinaryRate = mode.rate() - ChaosMode.FLOOD_SENDERS * ChaosMode.FLOOD_RATE_PER_SENDER;
        long seconds = longest.toSeconds();
        return LoadPlan.builder().runId(name).senders(SENDERS, String.format("+4917%02d", 10 + index))
                .messages((int) Math.ceil(ordinaryRate * seconds / 4), Iface.MM1, Iface.MM3, Iface.MM4, Iface.MM7)
                .eicarEvery(EICAR_EVERY)
                .floodSenders(ChaosMode.FLOOD_SENDERS, (int) (ChaosMode.FLOOD_RATE_PER_SENDER * seconds), Iface.MM1)
                .rate(mode.rate()).maxDuration(longest).build();
    }

    /**
     * Runs the pass: {@code fault} (which must check that it happened, as {@code ManagedProcess} does) after
     * {@link ChaosMode#faultAt()}, {@code restore} (which returns once the process is back and ready) {@code hold}
     * after the fault returned.
     */
    Result run(String name, LoadPlan plan, Duration hold, Runnable fault, Runnable restore) {
        AtomicReference<Instant> restoredAt = new AtomicReference<>();
        Instant start = Instant.now();
        CompletableFuture<Answers> run = CompletableFuture.supplyAsync(() -> driver.run(plan,
                soFar -> enough(soFar, start, restoredAt.get())));
        sleepUntil(start.plus(mode.faultAt()));
        Instant faultAt = Instant.now();
        LOG.info("chaos {}: fault", name);
        fault.run();
        Instant faultDone = Instant.now();
        sleepUntil(faultDone.plus(hold));
        LOG.info("chaos {}: restore", name);
        Instant restoreStart = Instant.now();
        restore.run();
        Instant restored = Instant.now();
        restoredAt.set(restored);
        LOG.info("chaos {}: restored in {} ms", name, Duration.between(restoreStart, restored).toMillis());
        Answers answers = run.join();
        return new Result(name, plan, answers, faultAt, restored, Duration.between(faultAt, faultDone),
                Duration.between(restoreStart, restored));
    }

    private boolean enough(Answers soFar, Instant start, Instant restored) {
        Instant now = Instant.now();
        if (restored == null || now.isBefore(start.plus(mode.load())) || now.isBefore(restored.plus(mode.tail()))) {
            return false;
        }
        return now.isAfter(restored.plus(mode.maxTail())) || soFar.all().stream()
                .anyMatch(a -> a.kind() == AnswerKind.OK && !a.sentAt().isBefore(restored));
    }

    /** The pass's timeline: the fault and the restore happen at set times, not when something is observed. */
    private static void sleepUntil(Instant t) {
        long ms = Duration.between(Instant.now(), t).toMillis();
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
