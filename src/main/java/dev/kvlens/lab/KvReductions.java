package dev.kvlens.lab;

import dev.kvlens.kernel.KvFormat;
import dev.kvlens.kernel.MemoryBudget;
import dev.kvlens.kernel.ReducedAttention;
import dev.kvlens.kernel.ReducedKvCache;
import dev.kvlens.model.AttentionConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * KV-cache reductions beyond head sharing, measured on the kernel ({@link ReducedKvCache},
 * {@link ReducedAttention}): the same decode step over one cache of random K/V stored as fp32, fp16, bf16 and
 * int8 (a scale per token and KV head), and over a sliding window (fp32 and int8). For each: the bytes the
 * cache really allocated, the step time (best and median of repeated calls), and the output's relative
 * error against the fp32 full cache. All rows come from one run on the same data, so their ratios compare.
 */
public final class KvReductions {

    /** Largest shape measured, so that a run takes about a second per row. */
    public static final int MAX_HEADS = 64;
    public static final int MAX_HEAD_DIM = 128;
    public static final int MIN_TOKENS = 256;
    public static final int MAX_TOKENS = 8192;
    /** Positions of the small caches the JIT warm-up runs on. */
    static final int WARM_TOKENS = 1024;

    private KvReductions() {
    }

    /** The shape measured for a config: its grouping, at most 64 query heads, d ≤ 128, 256 ≤ T ≤ 8192, batch 1. */
    public record Setup(int heads, int kvHeads, int headDim, int tokens, int window) {

        public Setup {
            if (heads < 1 || kvHeads < 1 || heads % kvHeads != 0 || headDim < 1 || tokens < 2 || window < 1) {
                throw new IllegalArgumentException("invalid reduction setup");
            }
        }

        public static Setup of(AttentionConfig c) {
            int group = c.headsPerGroup();
            int kv = Math.max(1, Math.min(c.kvHeads(), MAX_HEADS / group));
            int t = Math.max(MIN_TOKENS, Math.min(MAX_TOKENS, c.seqLen()));
            return new Setup(kv * group, kv, Math.min(MAX_HEAD_DIM, c.headDim()), t, Math.max(16, t / 4));
        }

        /** "GQA-8", "MHA", "MQA" of the measured shape. */
        public String variant() {
            return dev.kvlens.model.Variant.label(heads, kvHeads);
        }
    }

    /** One measured cache: full (window 0) or windowed, in a format. */
    public record Row(KvFormat format, int window, long cacheBytes, long bestNs, long medianNs, double relError) {

        public boolean windowed() {
            return window > 0;
        }
    }

    /** Progress: rows done of rows in all. */
    public interface Progress {
        void update(int done, int total);
    }

    /** Bytes a run needs at most at once (the K/V data, the fp32 cache and one more cache), for a budget check. */
    public static long bytesNeeded(Setup s) {
        long data = 2L * s.kvHeads() * s.tokens() * s.headDim() * Float.BYTES;
        long fp32 = ReducedKvCache.bytesFor(1, s.kvHeads(), s.headDim(), s.tokens(), KvFormat.FP32);
        return data + 2 * fp32;
    }

    /**
     * Measures every row for {@code s} on {@code threads} kernel threads: full fp32 (the reference, first), fp16,
     * bf16, int8, then a window of {@code s.window()} positions in fp32 and in int8. Polls {@code cancel} between
     * calls. Refuses a shape over {@code budget} with a sentence.
     */
    public static List<Row> measure(Setup s, int threads, MemoryBudget budget, BooleanSupplier cancel,
                                    Progress progress) {
        budget.check(bytesNeeded(s), "the KV-reduction measurement");
        int t = s.tokens();
        int d = s.headDim();
        SplittableRandom r = new SplittableRandom(20240223L);
        float[] k = random(r, s.kvHeads() * (t - 1) * d, 1f);
        float[] v = random(r, s.kvHeads() * (t - 1) * d, 1f);
        float[] q = random(r, s.heads() * d, 1f);
        float[] kNew = random(r, s.kvHeads() * d, 1f);
        float[] vNew = random(r, s.kvHeads() * d, 1f);
        List<Row> rows = new ArrayList<>();
        int total = KvFormat.values().length + 2;
        try (ReducedAttention kernel = new ReducedAttention(threads)) {
            warmUp(s, kernel, q, cancel);
            float[] reference = null;
            for (KvFormat f : KvFormat.values()) {
                ReducedKvCache c = ReducedKvCache.full(1, s.heads(), s.kvHeads(), d, t, f);
                c.append(k, v, t - 1);
                float[] out = new float[s.heads() * d];
                long[] time = time(() -> {
                    c.truncate(t - 1);
                    kernel.decode(c, q, kNew, vNew, out, cancel);
                }, cancel);
                if (reference == null) {
                    reference = out.clone();
                }
                rows.add(new Row(f, 0, c.allocatedBytes(), time[0], time[1], GqaConversion.relativeError(out, reference)));
                progress.update(rows.size(), total);
            }
            for (KvFormat f : new KvFormat[] {KvFormat.FP32, KvFormat.INT8}) {
                ReducedKvCache c = ReducedKvCache.window(1, s.heads(), s.kvHeads(), d, s.window(), f);
                c.append(k, v, t - 1);
                float[] out = new float[s.heads() * d];
                float[] first = new float[s.heads() * d];
                kernel.decode(c, q, kNew, vNew, first, cancel); // the step at position t, as the full caches
                long[] time = time(() -> kernel.decode(c, q, kNew, vNew, out, cancel), cancel);
                rows.add(new Row(f, s.window(), c.allocatedBytes(), time[0], time[1], GqaConversion.relativeError(first, reference)));
                progress.update(rows.size(), total);
            }
        }
        return rows;
    }

    /**
     * Runs every kind of step once on a small cache (at most {@value #WARM_TOKENS} positions) for at least 20
     * calls and 0.1 s each, so that the JIT has compiled the shared routines (scores, softmax, values) and every
     * expansion before the first row is timed; otherwise the fp32 reference row, measured first, would pay for
     * compilations the later rows get for free, and every ratio to it would be off.
     */
    static void warmUp(Setup s, ReducedAttention kernel, float[] q, BooleanSupplier cancel) {
        int t = Math.min(s.tokens(), WARM_TOKENS);
        int d = s.headDim();
        SplittableRandom r = new SplittableRandom(7);
        float[] k = random(r, s.kvHeads() * t * d, 1f);
        float[] v = random(r, s.kvHeads() * t * d, 1f);
        float[] out = new float[s.heads() * d];
        for (KvFormat f : KvFormat.values()) {
            for (boolean windowed : new boolean[] {false, true}) {
                ReducedKvCache c = windowed ? ReducedKvCache.window(1, s.heads(), s.kvHeads(), d, Math.max(1, t / 4), f)
                        : ReducedKvCache.full(1, s.heads(), s.kvHeads(), d, t, f);
                c.append(k, v, t - 1);
                long start = System.nanoTime();
                for (int i = 0; i < 20 || System.nanoTime() - start < 100_000_000L; i++) {
                    check(cancel);
                    if (!windowed) {
                        c.truncate(t - 1);
                    }
                    kernel.decode(c, q, k, v, out, cancel);
                    if (System.nanoTime() - start > 1_000_000_000L) {
                        break;
                    }
                }
            }
        }
    }

    /**
     * Best and median nanoseconds of {@code call}: warm-up of at least 20 calls and 0.1 s (JIT), then at least 7
     * calls and 0.3 s, at most 60 calls.
     */
    static long[] time(Runnable call, BooleanSupplier cancel) {
        long start = System.nanoTime();
        for (int i = 0; i < 20 || System.nanoTime() - start < 100_000_000L; i++) {
            check(cancel);
            call.run();
            if (System.nanoTime() - start > 3_000_000_000L) {
                break;
            }
        }
        long[] ns = new long[60];
        int n = 0;
        long t0 = System.nanoTime();
        while (n < ns.length && (n < 7 || System.nanoTime() - t0 < 300_000_000L)) {
            check(cancel);
            long a = System.nanoTime();
            call.run();
            ns[n++] = System.nanoTime() - a;
        }
        long[] sorted = Arrays.copyOf(ns, n);
        Arrays.sort(sorted);
        return new long[] {sorted[0], sorted[n / 2]};
    }

    private static float[] random(SplittableRandom r, int n, float amp) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((r.nextDouble() * 2 - 1) * amp);
        }
        return a;
    }

    private static void check(BooleanSupplier cancel) {
        if (cancel != null && cancel.getAsBoolean()) {
            throw new CancellationException("measurement cancelled");
        }
    }
}
