package dev.kvlens.bench;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/** Warm-up then timed calls; returns the sorted call times in nanoseconds. */
final class Timing {

    private Timing() {
    }

    /**
     * Warm-up, then timed calls. With a warm-up time, warming goes on past it (up to 20 times as long) until
     * ten calls in a row bring no new best time (5 % better): on a loaded machine the JIT's compiler threads
     * get little CPU, and the Vector API code runs boxed, 50 to 100 times slower, until C2 has compiled it.
     */
    static long[] measure(BenchSettings s, Runnable call, BooleanSupplier cancel) {
        long start = System.nanoTime();
        long best = Long.MAX_VALUE;
        int sinceBest = 0;
        for (int i = 0; ; i++) {
            long elapsed = System.nanoTime() - start;
            boolean minimumDone = i >= s.minWarmups() && elapsed >= s.warmupNanos();
            if (minimumDone && (s.warmupNanos() == 0 || sinceBest >= 10 || elapsed >= 20 * s.warmupNanos())) {
                break;
            }
            check(cancel);
            long t0 = System.nanoTime();
            call.run();
            long dt = System.nanoTime() - t0;
            if (dt < best - best / 20) {
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            best = Math.min(best, dt);
        }
        long[] times = new long[s.maxRepeats()];
        int n = 0;
        long spent = 0;
        while (n < s.minRepeats() || (n < s.maxRepeats() && spent < s.targetNanos())) {
            check(cancel);
            long t0 = System.nanoTime();
            call.run();
            long dt = System.nanoTime() - t0;
            times[n++] = dt;
            spent += dt;
        }
        long[] r = Arrays.copyOf(times, n);
        Arrays.sort(r);
        return r;
    }

    static long median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void check(BooleanSupplier cancel) {
        if (cancel != null && cancel.getAsBoolean()) {
            throw new CancellationException("benchmark cancelled");
        }
    }
}
