package dev.kvlens.bench;

import dev.kvlens.kernel.MemoryBudget;

/**
 * What one sweep may spend, so that a slider move is answered in well under two seconds on a small machine.
 *
 * @param memoryBudgetBytes   a cache larger than this is never allocated (the kernel's {@link MemoryBudget})
 * @param cacheCapBytes       a cache larger than this is not measured either, to keep a sweep short (≤ budget)
 * @param maxContexts         most context lengths per decode sweep
 * @param minContext          smallest context length of a sweep
 * @param prefillFlopCap      prefill is measured at the longest T ≤ the config's T whose causal FLOPs fit
 * @param minRepeats          timed repeats per point at least (after one warm-up)
 * @param maxRepeats          timed repeats per point at most
 * @param pointSliceNanos     after {@code minRepeats}, stop repeating once a point has taken this long
 */
public record MeasurementLimits(long memoryBudgetBytes, long cacheCapBytes, int maxContexts, int minContext,
                                double prefillFlopCap, int minRepeats, int maxRepeats, long pointSliceNanos) {

    /** 512 MiB: above the 260 MiB L3 of the reference machine, so the largest points are DRAM-bound. */
    public static final long DEFAULT_CACHE_CAP = 512L << 20;

    public MeasurementLimits {
        if (memoryBudgetBytes < 1 || cacheCapBytes < 1 || maxContexts < 1 || minContext < 1 || prefillFlopCap <= 0
                || minRepeats < 1 || maxRepeats < minRepeats || pointSliceNanos < 0) {
            throw new IllegalArgumentException("invalid measurement limits");
        }
    }

    /** The app's limits: 60 % of the heap, 512 MiB per cache, 6 contexts from 128 tokens, ≈0.4 GFLOP prefill. */
    public static MeasurementLimits defaults() {
        long budget = MemoryBudget.defaultBudget().bytes();
        return new MeasurementLimits(budget, Math.min(DEFAULT_CACHE_CAP, budget / 2), 6, 128, 4e8, 3, 9,
                30_000_000L);
    }

    /** Tiny limits for tests and the UI stress test: small caches, few points, few repeats. */
    public static MeasurementLimits small() {
        return new MeasurementLimits(256L << 20, 16L << 20, 4, 32, 5e7, 1, 3, 2_000_000L);
    }

    public MeasurementLimits withCacheCap(long bytes) {
        return new MeasurementLimits(memoryBudgetBytes, bytes, maxContexts, minContext, prefillFlopCap, minRepeats,
                maxRepeats, pointSliceNanos);
    }
}
