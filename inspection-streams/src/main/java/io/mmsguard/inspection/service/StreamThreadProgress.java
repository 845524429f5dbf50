package io.mmsguard.inspection.service;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Whether the stream threads do their work, as a readiness condition fed by a periodic sample: it fails when no
 * stream thread is alive, or when a thread that has active tasks made no progress for {@code stallAfter} (its count
 * of polls, processed records and commits did not move). An idle thread still polls every {@code poll.ms}, and a
 * busy one processes records, so only a thread stuck in one record or one blocking call stands still. A thread
 * without active tasks (only standbys, or more instances than tasks) is not required to do anything.
 */
final class StreamThreadProgress {

    /** One stream thread at one moment: its active tasks and its poll + process + commit count. */
    record Sample(String thread, int activeTasks, double progress) {
    }

    private record Seen(double progress, long sinceNanos) {
    }

    private final Duration stallAfter;
    private final LongSupplier nanos;
    private final Map<String, Seen> seen = new HashMap<>();
    private volatile Optional<String> problem = Optional.of("stream threads not sampled yet");

    StreamThreadProgress(Duration stallAfter, LongSupplier nanos) {
        this.stallAfter = stallAfter;
        this.nanos = nanos;
    }

    /** Records a sample of every live stream thread and judges it; {@link #problem} then returns the verdict. */
    synchronized void observe(List<Sample> samples) {
        long now = nanos.getAsLong();
        seen.keySet().retainAll(samples.stream().map(Sample::thread).toList());
        String stalled = null;
        for (Sample s : samples) {
            Seen before = seen.get(s.thread());
            if (before == null || before.progress() != s.progress()) {
                seen.put(s.thread(), new Seen(s.progress(), now));
                continue;
            }
            Duration still = Duration.ofNanos(now - before.sinceNanos());
            if (s.activeTasks() > 0 && still.compareTo(stallAfter) > 0 && stalled == null) {
                stalled = "stream thread " + s.thread() + " with " + s.activeTasks()
                        + " active tasks made no progress (poll, process, commit) for " + still.toSeconds() + " s";
            }
        }
        problem = samples.isEmpty() ? Optional.of("no stream thread is alive") : Optional.ofNullable(stalled);
    }

    /** Empty while every stream thread with active tasks makes progress; read by the probe, computed by the sample. */
    Optional<String> problem() {
        return problem;
    }
}
