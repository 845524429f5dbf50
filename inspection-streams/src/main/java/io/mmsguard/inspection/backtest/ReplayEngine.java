package io.mmsguard.inspection.backtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.mmsguard.avro.MmsEnvelope;
import io.mmsguard.avro.ThresholdKind;
import io.mmsguard.inspection.topology.Outputs;
import io.mmsguard.inspection.topology.SenderStage;
import io.mmsguard.inspection.topology.Staged;
import io.mmsguard.schemas.AvroCopies;

/**
 * Replays recorded mms.inbound records through the topology's own stage logic, in one process and without Kafka:
 * stage 1 (profile, endpoint lists, scanners, flood per sender, the content fingerprint, event time = the envelope's
 * receivedAt as in the topology), the routing rule, stage 2 (duplicates per checksum), the similar-content check
 * (counting per band, combining per message) and the decide step, each record under the rules the
 * {@link RuleTimeline} has in force at its append time.
 *
 * <p>Parallel where the topology is: stage 1 splits the senders among {@code threads} workers (a sender's records
 * stay in one worker, in their order), then stage 2 splits the checksums. Each worker sees its records in the
 * replay order ({@link InboundRecord#ORDER}), and the results are merged by that order, so the result does not
 * depend on the number of threads.
 *
 * <p>The similar-content check runs in one thread: a message's bands span many band keys, which no split by key
 * keeps together, and counting them in one fixed order is what keeps the result independent of the thread count.
 * That order is the one in which the messages leave stage 2 in the replay: by the place stage 2 counted them at
 * (their own replay position, or the one their checksum's recorded stage-2 order dealt them). Live, copies sharing a
 * band leave several stage-2 tasks concurrently and meet in the by-band partitions in an order nobody records, so
 * copies of one band close in time can have been counted in another order (the verify report names those
 * differences, {@link Verification.Cause#SIMILAR_BAND_ORDER}).
 *
 * <p>Streaming: records are given one by one in replay order ({@link Run#accept}); stage 1 runs while they arrive,
 * and keeps of each only what the later stages and the report need (no content, no archive record), so memory grows
 * with the number of messages by about a kilobyte each (a few more for a message the similar-content check counts:
 * its fingerprint, and per band a count and a witness), not by their size.
 */
public final class ReplayEngine {
    private static final int QUEUE = 256;

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
        try (Run run = start()) {
            ordered.forEach(run::accept);
            return run.finish();
        }
    }

    /** A replay fed record by record: {@link Run#accept} in replay order, then {@link Run#finish}. */
    public Run start() {
        return new Run();
    }

    /** What stage 1 left of one record: its slim result, or what stage 2 needs. */
    private record Stage1(int index, Replayed done, InboundRecord record, SenderStage toStage2) {
    }

    private static final Stage1 END = new Stage1(-1, null, null, null);

    /**
     * What stage 2 left of one record: its slim result, or what the similar-content check needs.
     *
     * @param position where stage 2 counted it in the replay order (see {@link #inRecordedOrder})
     */
    private record Stage2(int index, int position, Replayed done, InboundRecord record,
                          Staged.SimilarPending toSimilar) {
    }

    public final class Run implements AutoCloseable {
        private final ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "backtest");
            t.setDaemon(true);
            return t;
        });
        private final List<BlockingQueue<Stage1>> inputs = new ArrayList<>();
        private final List<Future<List<Stage1>>> stage1 = new ArrayList<>();
        private int next;

        private Run() {
            for (int t = 0; t < options.threads(); t++) {
                BlockingQueue<Stage1> queue = new ArrayBlockingQueue<>(QUEUE);
                inputs.add(queue);
                stage1.add(pool.submit(() -> senderStage(queue)));
            }
        }

        /**
         * The next record in replay order, which is the caller's to keep (a sender's records in offset order above
         * all: a time-ordered merge of the partitions gives it even when a broker clock stepped back).
         */
        public void accept(InboundRecord r) {
            put(inputs.get(worker(r.envelope().getSender())), new Stage1(next++, null, r, null));
        }

        /** Ends stage 1, runs stage 2 and the similar-content check, and gives every record's result in replay order. */
        public List<Replayed> finish() {
            inputs.forEach(q -> put(q, END));
            Replayed[] out = new Replayed[next];
            List<List<Stage1>> byChecksum = new ArrayList<>();
            for (int t = 0; t < options.threads(); t++) {
                byChecksum.add(new ArrayList<>());
            }
            for (Future<List<Stage1>> f : stage1) {
                for (Stage1 s : get(f)) {
                    if (s.done() != null) {
                        out[s.index()] = s.done();
                    } else {
                        byChecksum.get(worker(s.toStage2().checksum())).add(s);
                    }
                }
            }
            List<Future<List<Stage2>>> stage2 = new ArrayList<>();
            for (List<Stage1> part : byChecksum) {
                part.sort(Comparator.comparingInt(Stage1::index));
                List<Stage1> ordered = inRecordedOrder(part, options.stage2Order());
                stage2.add(pool.submit(() -> checksumStage(part, ordered)));
            }
            List<Stage2> toSimilar = new ArrayList<>();
            for (Future<List<Stage2>> f : stage2) {
                for (Stage2 s : get(f)) {
                    if (s.done() != null) {
                        out[s.index()] = s.done();
                    } else {
                        toSimilar.add(s);
                    }
                }
            }
            toSimilar.sort(Comparator.comparingInt(Stage2::position));
            similarStage(toSimilar).forEach(s -> out[s.index()] = s.done());
            return List.of(out);
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }

        private int worker(String key) {
            return Math.floorMod(key.hashCode(), options.threads());
        }

        private void put(BlockingQueue<Stage1> queue, Stage1 s) {
            try {
                while (!queue.offer(s, 1, java.util.concurrent.TimeUnit.SECONDS)) {
                    stage1.stream().filter(Future::isDone).forEach(this::get); // a failed worker: throw its failure
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("backtest interrupted", e);
            }
        }

        private <T> T get(Future<T> f) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("backtest interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("backtest worker failed: " + e.getCause(), e.getCause());
            }
        }
    }

    private List<Stage1> senderStage(BlockingQueue<Stage1> queue) throws InterruptedException {
        ReplayWorker worker = new ReplayWorker(timeline, options, ThresholdKind.FLOOD);
        List<Stage1> out = new ArrayList<>();
        for (Stage1 in = queue.take(); in != END; in = queue.take()) {
            InboundRecord r = in.record();
            Staged staged = worker.senderStage(r);
            InboundRecord slim = withoutContent(r);
            if (staged instanceof Staged.SenderChecked s && s.toChecksumStage()) {
                out.add(new Stage1(in.index(), null, slim, s.stage().withEnvelope(slim.envelope())));
            } else {
                String checksum = staged instanceof Staged.SenderChecked s ? s.stage().checksum() : null;
                out.add(new Stage1(in.index(), new Replayed(slim, slim(worker.decide(r, staged)), checksum, false),
                        null, null));
            }
        }
        return out;
    }

    /**
     * The worker's records with the copies of each checksum in the recorded order, when every copy has a recorded
     * offset: each checksum keeps the places its copies have in append order, and the copies are dealt into them by
     * offset. Other checksums stay as they are; checksums are counted apart, so only the order within one matters.
     */
    static List<Stage1> inRecordedOrder(List<Stage1> part, Stage2Order order) {
        if (order == Stage2Order.NONE) {
            return part;
        }
        java.util.Map<String, List<Integer>> places = new java.util.LinkedHashMap<>();
        for (int i = 0; i < part.size(); i++) {
            places.computeIfAbsent(part.get(i).toStage2().checksum(), k -> new ArrayList<>()).add(i);
        }
        Stage1[] out = part.toArray(new Stage1[0]);
        for (List<Integer> slots : places.values()) {
            if (slots.size() < 2) {
                continue;
            }
            List<Stage1> copies = new ArrayList<>();
            boolean recorded = true;
            for (int i : slots) {
                copies.add(part.get(i));
                recorded &= order.offset(sessionOf(part.get(i))).isPresent();
            }
            if (!recorded) {
                continue;
            }
            copies.sort(Comparator.comparingLong(s -> order.offset(sessionOf(s)).getAsLong()));
            for (int k = 0; k < slots.size(); k++) {
                out[slots.get(k)] = copies.get(k);
            }
        }
        return List.of(out);
    }

    private static String sessionOf(Stage1 s) {
        return s.record().envelope().getSessionId();
    }

    /**
     * @param places  the worker's records in replay order: the k-th counted takes the k-th one's position
     * @param ordered the same records in the order stage 2 counts them
     */
    private List<Stage2> checksumStage(List<Stage1> places, List<Stage1> ordered) {
        List<Stage2> out = new ArrayList<>(ordered.size());
        if (ordered.isEmpty()) {
            return out;
        }
        ReplayWorker worker = new ReplayWorker(timeline, options, ThresholdKind.DUPLICATE);
        for (int k = 0; k < ordered.size(); k++) {
            Stage1 s = ordered.get(k);
            int position = places.get(k).index();
            Staged staged = worker.checksumStage(s.record(), s.toStage2());
            if (staged instanceof Staged.SimilarPending pending) {
                out.add(new Stage2(s.index(), position, null, s.record(), pending));
            } else {
                Outputs outputs = worker.decide(s.record(), staged);
                out.add(new Stage2(s.index(), position, new Replayed(s.record(), slim(outputs),
                        s.toStage2().checksum(), true), null, null));
            }
        }
        return out;
    }

    /** @param pending in the order they left stage 2 */
    private List<Stage2> similarStage(List<Stage2> pending) {
        List<Stage2> out = new ArrayList<>(pending.size());
        if (pending.isEmpty()) {
            return out;
        }
        ReplayWorker worker = new ReplayWorker(timeline, options, ThresholdKind.SIMILAR);
        for (Stage2 s : pending) {
            Staged.SimilarPending p = s.toSimilar();
            Outputs outputs = worker.decide(s.record(), worker.similarStage(s.record(), p));
            out.add(new Stage2(s.index(), s.position(), new Replayed(s.record(), slim(outputs), p.stage().checksum(),
                    true, p.fingerprint().bands()), null, null));
        }
        return out;
    }

    /** What a report reads of the outputs: the decision and the log record (the archive record holds content). */
    private static Outputs slim(Outputs o) {
        return new Outputs(o.decision(), o.log(), Optional.empty(), List.of());
    }

    /** The envelope without part content: stage 2 and the reports read only metadata and the checksum. */
    private static InboundRecord withoutContent(InboundRecord r) {
        MmsEnvelope e = AvroCopies.withoutContent(r.envelope());
        return e == r.envelope() ? r : new InboundRecord(e, r.timestamp(), r.partition(), r.offset());
    }
}
