package dev.kvlens.bench;

import dev.kvlens.kernel.AttentionKernel;
import dev.kvlens.kernel.KvCache;
import dev.kvlens.kernel.MemoryBudget;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Times one decode step at context length {@code seq}: the cache holds {@code seq − 1} random tokens, the
 * step appends one and attends over all {@code seq}; the cache is rewound before every call so each timed
 * step reads exactly {@code seq} positions.
 */
public final class DecodeBenchmark {

    private DecodeBenchmark() {
    }

    /** Bytes the benchmark allocates for this shape (cache + q/k/v/out of one token). */
    public static long bytesNeeded(int batch, int heads, int kvHeads, int headDim, int seq) {
        return KvCache.bytesFor(batch, heads, kvHeads, headDim, seq, false)
                + 2L * batch * (heads + kvHeads) * headDim * Float.BYTES;
    }

    /**
     * Measures decode for one shape with {@code kernel}; limits (GB/s, GFLOP/s) are only copied into the
     * result for its fractions. Checks {@code budget} before allocating.
     */
    public static BenchResult run(AttentionKernel kernel, int batch, int heads, int kvHeads, int headDim, int seq,
                                  BenchSettings settings, MemoryBudget budget, double limitGbps, double limitGflops,
                                  long seed, BooleanSupplier cancel) {
        budget.check(bytesNeeded(batch, heads, kvHeads, headDim, seq),
                MemoryBudget.describeCache(batch, heads, kvHeads, seq, false) + " decode benchmark");
        warmUp(kernel, heads, kvHeads, headDim, settings, cancel);
        KvCache cache = KvCache.shared(batch, heads, kvHeads, headDim, seq);
        if (seq > 1) {
            cache.appendRandom(seq - 1, seed);
        }
        float[] q = random(batch * heads * headDim, seed + 1);
        float[] k = random(batch * kvHeads * headDim, seed + 2);
        float[] v = random(batch * kvHeads * headDim, seed + 3);
        float[] out = new float[q.length];
        int before = seq - 1;
        long[] t = Timing.measure(settings, () -> {
            cache.truncate(before);
            kernel.decode(cache, q, k, v, out, cancel);
        }, cancel);
        long bytes = 2L * batch * kvHeads * seq * headDim * Float.BYTES;
        long flops = 4L * batch * heads * seq * headDim;
        return new BenchResult("decode", heads, kvHeads, headDim, seq, batch, kernel.threads(), t.length,
                Timing.median(t), t[0], t[t.length - 1], bytes, flops, limitGbps, limitGflops);
    }

    /**
     * Compiles the kernel's routines on a short context first (many cheap calls reach the JIT's thresholds
     * quickly), so the long context's own warm-up is not spent in interpreted Vector API code.
     */
    static void warmUp(AttentionKernel kernel, int heads, int kvHeads, int headDim, BenchSettings settings,
                       BooleanSupplier cancel) {
        if (settings.warmupNanos() == 0) {
            return;
        }
        int t = 1024;
        KvCache small = KvCache.shared(1, heads, kvHeads, headDim, t);
        small.appendRandom(t - 1, 11);
        float[] q = random(heads * headDim, 12);
        float[] k = random(kvHeads * headDim, 13);
        float[] out = new float[q.length];
        Timing.measure(new BenchSettings(settings.warmupNanos() / 2, 1, 1, 1, 0), () -> {
            small.truncate(t - 1);
            kernel.decode(small, q, k, k, out, cancel);
        }, cancel);
    }

    static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }
}
