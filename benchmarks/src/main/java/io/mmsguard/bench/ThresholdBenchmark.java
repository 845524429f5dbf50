package io.mmsguard.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mmsguard.inspection.threshold.Evaluation;
import io.mmsguard.inspection.threshold.Threshold;
import io.mmsguard.inspection.threshold.ThresholdAction;
import io.mmsguard.inspection.threshold.ThresholdEvaluator;
import io.mmsguard.inspection.threshold.ThresholdState;
import io.mmsguard.inspection.threshold.ThresholdStateCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Counting one message in a per-sender flood state with three enabled thresholds (1 min / 60 min / 24 h, BLOCK and
 * LOG, limits the traffic never reaches): decode the stored value, evaluate, encode the new value, which is the
 * per-message work on the RocksDB value of the flood and duplicate stores (the store access itself is not here).
 * 4,096 senders take turns, one message every 10 ms of event time overall (each sender about every 41 s), after a
 * warm-up of a day of such traffic, so every ring holds counts in many buckets. Baselines in the same run: the
 * codec round trip alone (decode and encode of the same values) and a HashMap counter increment per sender.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ThresholdBenchmark {
    private static final int SENDERS = 4096;
    private static final long STEP_MILLIS = 10;
    private static final List<Threshold> THRESHOLDS = List.of(
            Threshold.of(1, 1_000_000, 5, ThresholdAction.BLOCK, ThresholdAction.LOG),
            Threshold.of(60, 1_000_000, 5, ThresholdAction.BLOCK, ThresholdAction.LOG),
            Threshold.of(1440, 1_000_000, 5, ThresholdAction.BLOCK, ThresholdAction.LOG));

    private final byte[][] values = new byte[SENDERS][];
    private final String[] senders = new String[SENDERS];
    private final Map<String, Long> counters = new HashMap<>();
    private long now;
    private int next;

    @Setup
    public void setUp() {
        now = 1_764_000_000_000L;
        for (int i = 0; i < SENDERS; i++) {
            values[i] = ThresholdStateCodec.encode(ThresholdState.EMPTY);
            senders[i] = "+4917" + String.format("%08d", i);
            counters.put(senders[i], 0L);
        }
        long warmupMessages = TimeUnit.DAYS.toMillis(1) / STEP_MILLIS / 10; // a day, at a tenth of the rate
        for (long m = 0; m < warmupMessages; m++) {
            countOne();
            now += STEP_MILLIS * 9;
        }
    }

    /** Decode, evaluate, encode: what the flood stage does to one sender's stored value per message. */
    @Benchmark
    public byte[] countOne() {
        int i = next;
        next = (i + 1) % SENDERS;
        now += STEP_MILLIS;
        ThresholdState state = ThresholdStateCodec.decode(values[i]);
        Evaluation e = ThresholdEvaluator.evaluate(state, now, THRESHOLDS);
        byte[] encoded = ThresholdStateCodec.encode(e.state());
        values[i] = encoded;
        return encoded;
    }

    /** Baseline: the codec round trip of the same stored values without evaluating. */
    @Benchmark
    public byte[] baselineCodecRoundTrip() {
        int i = next;
        next = (i + 1) % SENDERS;
        return ThresholdStateCodec.encode(ThresholdStateCodec.decode(values[i]));
    }

    /** Baseline: an in-memory counter per sender, the least any counting could cost. */
    @Benchmark
    public Long baselineHashMapIncrement() {
        int i = next;
        next = (i + 1) % SENDERS;
        return counters.merge(senders[i], 1L, Long::sum);
    }
}
