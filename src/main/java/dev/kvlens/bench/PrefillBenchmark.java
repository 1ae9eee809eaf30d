package dev.kvlens.bench;

import dev.kvlens.kernel.AttentionKernel;
import dev.kvlens.kernel.KvCache;
import dev.kvlens.kernel.MemoryBudget;
import java.util.function.BooleanSupplier;

/** Times a causal prefill of {@code seq} tokens into an empty cache (the cache is cleared before each call). */
public final class PrefillBenchmark {

    private PrefillBenchmark() {
    }

    /** Bytes the benchmark allocates: cache, transposed-key scratch, q, k, v and out. */
    public static long bytesNeeded(int batch, int heads, int kvHeads, int headDim, int seq) {
        long tokens = (long) batch * seq * headDim * Float.BYTES;
        return KvCache.bytesFor(batch, heads, kvHeads, headDim, seq, false)
                + AttentionKernel.prefillScratchBytes(batch, heads, kvHeads, headDim, seq, false)
                + tokens * (2L * heads + 2L * kvHeads);
    }

    /** Compiles the prefill routines on short prompts (about half a second) before the long measurement. */
    static void warmUp(AttentionKernel kernel, int heads, int kvHeads, int headDim, BooleanSupplier cancel) {
        int t = 128;
        KvCache small = KvCache.shared(1, heads, kvHeads, headDim, t);
        float[] q = DecodeBenchmark.random(heads * t * headDim, 21);
        float[] k = DecodeBenchmark.random(kvHeads * t * headDim, 22);
        float[] out = new float[q.length];
        Timing.measure(new BenchSettings(500_000_000L, 1, 1, 1, 0), () -> {
            small.clear();
            kernel.prefill(small, q, k, k, t, out, cancel);
        }, cancel);
    }

    public static BenchResult run(AttentionKernel kernel, int batch, int heads, int kvHeads, int headDim, int seq,
                                  BenchSettings settings, MemoryBudget budget, double limitGbps, double limitGflops,
                                  long seed, BooleanSupplier cancel) {
        budget.check(bytesNeeded(batch, heads, kvHeads, headDim, seq),
                MemoryBudget.describeCache(batch, heads, kvHeads, seq, false) + " prefill benchmark");
        long qn = (long) batch * heads * seq * headDim;
        long kn = (long) batch * kvHeads * seq * headDim;
        if (qn > Integer.MAX_VALUE - 16 || kn > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a prefill of " + seq + " tokens x " + heads
                    + " heads does not fit one Java array; lower the sequence length or batch");
        }
        warmUp(kernel, heads, kvHeads, headDim, cancel);
        KvCache cache = KvCache.shared(batch, heads, kvHeads, headDim, seq);
        float[] q = DecodeBenchmark.random((int) qn, seed + 1);
        float[] k = DecodeBenchmark.random((int) kn, seed + 2);
        float[] v = DecodeBenchmark.random((int) kn, seed + 3);
        float[] out = new float[(int) qn];
        long[] t = Timing.measure(settings, () -> {
            cache.clear();
            kernel.prefill(cache, q, k, v, seq, out, cancel);
        }, cancel);
        long bytes = 2L * batch * kvHeads * seq * headDim * Float.BYTES;
        long flops = 4L * batch * heads * headDim * ((long) seq * (seq + 1) / 2);
        return new BenchResult("prefill", heads, kvHeads, headDim, seq, batch, kernel.threads(), t.length,
                Timing.median(t), t[0], t[t.length - 1], bytes, flops, limitGbps, limitGflops);
    }
}
