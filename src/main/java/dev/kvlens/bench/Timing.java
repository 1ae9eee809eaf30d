package dev.kvlens.bench;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/** Warm-up then timed calls; returns the sorted call times in nanoseconds. */
final class Timing {

    private Timing() {
    }

    static long[] measure(BenchSettings s, Runnable call, BooleanSupplier cancel) {
        long start = System.nanoTime();
        for (int i = 0; i < s.minWarmups() || System.nanoTime() - start < s.warmupNanos(); i++) {
            check(cancel);
            call.run();
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
