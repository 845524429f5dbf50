package io.mmsguard.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a target with a plan under the load model and counts into a {@link Tally}.
 *
 * <ul>
 * <li>Closed loop: {@code clients} threads, each sends its next message when the previous one is answered; the
 *     latency is from the actual send. The offered load adapts to the system, so queueing hides in lower
 *     throughput rather than in latency.</li>
 * <li>Open loop: one scheduler sends at intended times (fixed intervals or a Poisson process at {@code rate}/s),
 *     whatever the answers do; the latency is measured from the intended send time, so a stall that delays sends
 *     shows in the latency of every message it delayed (no coordinated omission). At most {@code max-in-flight}
 *     messages are outstanding; a send beyond that is not made and counted as overflow.</li>
 * </ul>
 * A message with no answer within {@code --timeout} counts as a timeout; an unexpected answer as an error.
 */
final class LoadDriver {
    private final LoadOptions o;

    LoadDriver(LoadOptions options) {
        this.o = options;
    }

    /**
     * @param messages a fixed count, or 0 to run for {@code duration}
     */
    Tally run(String name, TrafficPlan plan, Target target, int messages, java.time.Duration duration)
            throws Exception {
        Tally tally = new Tally();
        long start = System.nanoTime();
        long end = messages > 0 ? Long.MAX_VALUE : start + duration.toNanos();
        Thread progress = progress(name, tally, start);
        try {
            if (o.mode == LoadOptions.Mode.CLOSED) {
                closed(plan, target, tally, messages, end);
            } else {
                open(plan, target, tally, messages, start, end);
            }
        } finally {
            progress.interrupt();
        }
        return tally;
    }

    private void closed(TrafficPlan plan, Target target, Tally tally, int messages, long end) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(o.clients, daemon("load-client"));
        java.util.concurrent.atomic.AtomicLong issued = new java.util.concurrent.atomic.AtomicLong();
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < o.clients; c++) {
            clients.add(pool.submit(() -> {
                while (messages > 0 ? issued.getAndIncrement() < messages : System.nanoTime() < end) {
                    TrafficPlan.Planned p = plan.next();
                    long t0 = System.nanoTime();
                    tally.sent(p, t0);
                    CompletableFuture<Target.Outcome> f = safeSend(target, p);
                    try {
                        record(tally, p, t0, f.get(o.timeout.toMillis(), TimeUnit.MILLISECONDS), null);
                    } catch (java.util.concurrent.ExecutionException e) {
                        record(tally, p, t0, null, e.getCause());
                    } catch (TimeoutException e) {
                        record(tally, p, t0, null, e);
                    }
                }
                return null;
            }));
        }
        for (Future<?> c : clients) {
            c.get();
        }
        pool.shutdownNow();
    }

    private void open(TrafficPlan plan, Target target, Tally tally, int messages, long start, long end)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(o.maxInFlight);
        ExecutorService senders = Executors.newCachedThreadPool(daemon("load-sender"));
        SplittableRandom arrivals = new SplittableRandom(o.seed * 7919);
        double meanGapNanos = 1e9 / o.rate;
        double intended = start;
        for (long i = 0; messages <= 0 || i < messages; i++) {
            intended += o.poisson ? -meanGapNanos * Math.log(1 - arrivals.nextDouble()) : meanGapNanos;
            long at = (long) intended;
            if (at >= end) {
                break;
            }
            long wait;
            while ((wait = at - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            TrafficPlan.Planned p = plan.next();
            if (!inFlight.tryAcquire()) {
                tally.overflow.incrementAndGet();
                continue;
            }
            tally.sent(p, at);
            senders.execute(() -> safeSend(target, p).orTimeout(o.timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((outcome, e) -> {
                        record(tally, p, at, outcome, e);
                        inFlight.release();
                    }));
        }
        // Wait for what is still outstanding (each ends within the timeout).
        inFlight.tryAcquire(o.maxInFlight, o.timeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
        senders.shutdownNow();
    }

    private static CompletableFuture<Target.Outcome> safeSend(Target target, TrafficPlan.Planned p) {
        try {
            return target.send(p);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void record(Tally tally, TrafficPlan.Planned p, long sentAt, Target.Outcome outcome, Throwable e) {
        long now = System.nanoTime();
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
        if (cause instanceof TimeoutException || cause instanceof java.net.http.HttpTimeoutException) {
            tally.answered(p, Tally.Kind.TIMEOUT, 0, now, null);
        } else if (cause != null) {
            tally.answered(p, Tally.Kind.ERROR, 0, now, cause.getClass().getSimpleName());
        } else {
            Tally.Kind kind = switch (outcome.verdict()) {
                case PASSED -> Tally.Kind.PASSED;
                case BLOCKED -> Tally.Kind.BLOCKED;
                case ERROR -> Tally.Kind.ERROR;
            };
            tally.answered(p, kind, outcome.answeredAt() - sentAt, outcome.answeredAt(), outcome.detail());
        }
    }

    /** Once a second on stderr: sent, done, errors, timeouts, overflow and the rate of the last second. */
    private static Thread progress(String name, Tally tally, long start) {
        Thread t = new Thread(() -> {
            long lastDone = 0;
            try {
                while (true) {
                    Thread.sleep(1000);
                    long done = tally.done.get();
                    System.err.printf("[%s] %3.0fs sent %d done %d errors %d timeouts %d overflow %d rate %d/s%n",
                            name, (System.nanoTime() - start) / 1e9, tally.sent.get(), done, tally.errors.get(),
                            tally.timeouts.get(), tally.overflow.get(), done - lastDone);
                    lastDone = done;
                }
            } catch (InterruptedException e) {
                // run over
            }
        }, "load-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
