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
    /**
     * One measured cache. {@code timeVsFp32}: its median step time over the median of the fp32 full cache's calls
     * in the rounds alternating with it (the same seconds of the run), 1 for the fp32 row itself.
     */
    public record Row(KvFormat format, int window, long cacheBytes, long bestNs, long medianNs, double relError,
                      double timeVsFp32) {

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
     *
     * <p>Timing: after a JIT warm-up of every kind of step ({@link #warmUp}), each other cache is timed in
     * {@value #ROUNDS} rounds that alternate with rounds of the fp32 cache (at least {@value #ROUND_CALLS} calls and
     * {@value #ROUND_MILLIS} ms each), so a disturbance (the UI starting, another process on a shared core) falls on
     * both sides of every ratio instead of on one row. A row's time is the median (and best) of its calls, its
     * ratio to fp32 taken against the fp32 calls of its own rounds; the fp32 row's time is that of all its calls. At most two caches exist at once (fp32 and the one compared).
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
        KvFormat[] formats = {KvFormat.FP16, KvFormat.BF16, KvFormat.INT8, KvFormat.FP32, KvFormat.INT8};
        int total = formats.length + 1;
        List<Row> rows = new ArrayList<>();
        try (ReducedAttention kernel = new ReducedAttention(threads)) {
            warmUp(s, kernel, q, cancel);
            ReducedKvCache full = ReducedKvCache.full(1, s.heads(), s.kvHeads(), d, t, KvFormat.FP32);
            full.append(k, v, t - 1);
            float[] reference = new float[s.heads() * d];
            Runnable fp32Step = () -> {
                full.truncate(t - 1);
                kernel.decode(full, q, kNew, vNew, reference, cancel);
            };
            fp32Step.run();
            Samples fp32 = new Samples();
            for (int i = 0; i < formats.length; i++) {
                KvFormat f = formats[i];
                boolean windowed = i >= 3;
                ReducedKvCache c = windowed ? ReducedKvCache.window(1, s.heads(), s.kvHeads(), d, s.window(), f)
                        : ReducedKvCache.full(1, s.heads(), s.kvHeads(), d, t, f);
                c.append(k, v, t - 1);
                float[] out = new float[s.heads() * d];
                // the step at position t, as for the full caches (a window then keeps rolling: same cost per step)
                Runnable step = windowed ? () -> kernel.decode(c, q, kNew, vNew, out, cancel) : () -> {
                    c.truncate(t - 1);
                    kernel.decode(c, q, kNew, vNew, out, cancel);
                };
                step.run();
                double err = GqaConversion.relativeError(out, reference);
                Samples mine = new Samples();
                Samples paired = new Samples();
                for (int round = 0; round < ROUNDS; round++) {
                    paired.add(fp32Step, cancel);
                    mine.add(step, cancel);
                }
                fp32.addAll(paired);
                rows.add(new Row(f, windowed ? s.window() : 0, c.allocatedBytes(), mine.best(), mine.median(), err,
                        mine.median() / (double) paired.median()));
                progress.update(rows.size(), total);
            }
            rows.add(0, new Row(KvFormat.FP32, 0, full.allocatedBytes(), fp32.best(), fp32.median(), 0.0, 1.0));
            progress.update(total, total);
        }
        return rows;
    }

    /** Rounds per compared cache, alternating with the fp32 cache. */
    static final int ROUNDS = 3;
    static final int ROUND_CALLS = 2;
    static final int ROUND_MILLIS = 40;

    /** Step times of one cache, gathered in rounds. */
    static final class Samples {
        private long[] ns = new long[64];
        private int n;

        /** One round: at least {@link #ROUND_CALLS} calls and {@link #ROUND_MILLIS} ms (at most 50 calls). */
        void add(Runnable call, BooleanSupplier cancel) {
            long start = System.nanoTime();
            for (int i = 0; i < 50 && (i < ROUND_CALLS || System.nanoTime() - start < ROUND_MILLIS * 1_000_000L); i++) {
                check(cancel);
                long a = System.nanoTime();
                call.run();
                long e = System.nanoTime() - a;
                if (n == ns.length) {
                    ns = Arrays.copyOf(ns, 2 * n);
                }
                ns[n++] = e;
            }
        }

        void addAll(Samples o) {
            for (int i = 0; i < o.n; i++) {
                if (n == ns.length) {
                    ns = Arrays.copyOf(ns, 2 * n);
                }
                ns[n++] = o.ns[i];
            }
        }

        int count() {
            return n;
        }

        long best() {
            return sorted()[0];
        }

        long median() {
            return sorted()[n / 2];
        }

        private long[] sorted() {
            long[] a = Arrays.copyOf(ns, n);
            Arrays.sort(a);
            return a;
        }
    }

    /**
     * Runs every kind of step on a small cache (at most {@value #WARM_TOKENS} positions) in passes of at least 5
     * calls and 30 ms per kind, so that the JIT has compiled the shared routines (scores, softmax, values) and
     * every widening before anything is timed. Passes repeat (at least 2, at most {@value #MAX_WARM_PASSES}) while
     * any kind's fastest call still got more than 10 % faster than in the pass before: in the app, whose JIT
     * queue is long while the window starts, compilations can land seconds later than in a headless run.
     */
    static void warmUp(Setup s, ReducedAttention kernel, float[] q, BooleanSupplier cancel) {
        int t = Math.min(s.tokens(), WARM_TOKENS);
        int d = s.headDim();
        SplittableRandom r = new SplittableRandom(7);
        float[] k = random(r, s.kvHeads() * t * d, 1f);
        float[] v = random(r, s.kvHeads() * t * d, 1f);
        float[] out = new float[s.heads() * d];
        List<ReducedKvCache> caches = new ArrayList<>();
        for (KvFormat f : KvFormat.values()) {
            caches.add(ReducedKvCache.full(1, s.heads(), s.kvHeads(), d, t, f));
            caches.add(ReducedKvCache.window(1, s.heads(), s.kvHeads(), d, Math.max(1, t / 4), f));
        }
        for (ReducedKvCache c : caches) {
            c.append(k, v, t - 1);
        }
        long[] before = new long[caches.size()];
        Arrays.fill(before, Long.MAX_VALUE);
        for (int pass = 0; pass < MAX_WARM_PASSES; pass++) {
            boolean improving = false;
            for (int j = 0; j < caches.size(); j++) {
                ReducedKvCache c = caches.get(j);
                long fastest = Long.MAX_VALUE;
                long start = System.nanoTime();
                for (int i = 0; i < 5 || System.nanoTime() - start < 30_000_000L; i++) {
                    check(cancel);
                    if (!c.isWindowed()) {
                        c.truncate(t - 1);
                    }
                    long a = System.nanoTime();
                    kernel.decode(c, q, k, v, out, cancel);
                    fastest = Math.min(fastest, System.nanoTime() - a);
                    if (System.nanoTime() - start > 1_000_000_000L) {
                        break;
                    }
                }
                improving |= fastest < 0.9 * before[j];
                before[j] = fastest;
            }
            if (pass >= 1 && !improving) {
                break;
            }
        }
    }

    /** Most warm-up passes over every kind of step. */
    static final int MAX_WARM_PASSES = 6;

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
