package io.mmsguard.inspection.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.inspection.topology.Outputs;
import io.mmsguard.inspection.topology.SenderStage;
import io.mmsguard.inspection.topology.Staged;

/**
 * Replays recorded mms.inbound records through the topology's own stage logic, in one process and without Kafka:
 * stage 1 (profile, endpoint lists, scanners, flood per sender, event time = the envelope's receivedAt as in the
 * topology), the routing rule, stage 2 (duplicates per checksum) and the decide step, each record under the rules
 * the {@link RuleTimeline} has in force at its append time.
 *
 * <p>Parallel where the topology is: stage 1 splits the senders among {@code threads} workers (a sender's records
 * stay in one worker, in their order), then stage 2 splits the checksums. Each worker sees its records in the
 * replay order ({@link InboundRecord#ORDER}), and the results are merged by that order, so the result does not
 * depend on the number of threads.
 */
public final class ReplayEngine {
    private final RuleTimeline timeline;
    private final ReplayOptions options;

    public ReplayEngine(RuleTimeline timeline, ReplayOptions options) {
        this.timeline = timeline;
        this.options = options;
    }

    /** @param records in any order; replayed, and returned, in {@link InboundRecord#ORDER} */
    public List<Replayed> replay(List<InboundRecord> records) {
        List<InboundRecord> ordered = new ArrayList<>(records);
        ordered.sort(InboundRecord.ORDER);
        int n = ordered.size();
        Replayed[] out = new Replayed[n];
        SenderStage[] toStage2 = new SenderStage[n];

        List<List<Integer>> bySender = split(n, i -> ordered.get(i).envelope().getSender());
        runAll(bySender, ThresholdKind.FLOOD, (worker, i) -> {
            InboundRecord r = ordered.get(i);
            Staged staged = worker.senderStage(r);
            if (staged instanceof Staged.SenderChecked s && s.duplicateCheck()) {
                toStage2[i] = s.stage();
            } else {
                out[i] = new Replayed(r, worker.decide(r, staged), checksumOf(staged), false);
            }
        });

        List<List<Integer>> byChecksum = split(n, i -> toStage2[i] == null ? null : toStage2[i].checksum());
        runAll(byChecksum, ThresholdKind.DUPLICATE, (worker, i) -> {
            InboundRecord r = ordered.get(i);
            Outputs outputs = worker.decide(r, worker.checksumStage(r, toStage2[i]));
            out[i] = new Replayed(r, outputs, toStage2[i].checksum(), true);
        });
        return List.of(out);
    }

    private static String checksumOf(Staged staged) {
        return staged instanceof Staged.SenderChecked s ? s.stage().checksum() : null;
    }

    /** Record indexes (in replay order) per worker, by the key's hash; a null key is not routed at all. */
    private List<List<Integer>> split(int n, IntFunction<String> key) {
        List<List<Integer>> parts = new ArrayList<>();
        for (int t = 0; t < options.threads(); t++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            String k = key.apply(i);
            if (k != null) {
                parts.get(Math.floorMod(k.hashCode(), options.threads())).add(i);
            }
        }
        return parts;
    }

    private interface Step {
        void run(ReplayWorker worker, int index);
    }

    private void runAll(List<List<Integer>> parts, ThresholdKind kind, Step step) {
        if (parts.size() == 1) {
            run(parts.get(0), kind, step);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(parts.size(), r -> {
            Thread t = new Thread(r, "backtest-" + kind.name().toLowerCase());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (List<Integer> part : parts) {
                running.add(pool.submit(() -> run(part, kind, step)));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("backtest interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("backtest worker failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void run(List<Integer> part, ThresholdKind kind, Step step) {
        if (part.isEmpty()) {
            return;
        }
        ReplayWorker worker = new ReplayWorker(timeline, options, kind);
        for (int i : part) {
            step.run(worker, i);
        }
    }
}
