package io.mmsguard.bench.gateway;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N closed-loop clients working through a list of requests: each client sends its next request when the previous
 * one is answered. Reports requests per second, latency quantiles and the count of each outcome code.
 */
final class ClosedLoop {

    /** One request; returns an outcome code (a protocol status), or throws, which counts as -1. */
    interface Request {
        int send(int index) throws Exception;
    }

    record Result(double perSecond, long p50Millis, long p99Millis, Map<Integer, Integer> codes) {
    }

    private ClosedLoop() {
    }

    static Result run(int clients, int requests, Request request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> codes = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests) {
                    long t0 = System.nanoTime();
                    int code;
                    try {
                        code = request.send(i);
                    } catch (Exception e) {
                        code = -1;
                    }
                    latencies.add((System.nanoTime() - t0) / 1_000_000);
                    codes.merge(code, 1, Integer::sum);
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(requests / seconds, quantile(sorted, 0.5), quantile(sorted, 0.99), Map.copyOf(codes));
    }

    private static long quantile(List<Long> sorted, double q) {
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
