package dev.kvlens.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Causal scaled-dot-product attention over a {@link KvCache}, one code path for MHA, GQA and MQA: query
 * head {@code h} reads KV head {@code h / (H / KV)}; shared K/V are never copied (unless the cache itself is
 * {@linkplain KvCache#expanded expanded}). fp32 storage and compute, scale {@code 1/sqrt(d)}, numerically
 * stable (online) softmax.
 *
 * <p>Array layouts (all row-major {@code float[]}, B = cache.batch(), H = heads, KV = kvHeads, d = headDim):
 * <pre>
 * prefill  q, out     [B][H][T][d]      T = tokens of this call
 *          k, v       [B][KV][T][d]
 * decode   q, out     [B][H][d]         one new token per sequence
 *          kNew, vNew [B][KV][d]
 *          weightsOut [cache.length()]  after the call: softmax weights of sequence 0, query head weightsHead
 * </pre>
 *
 * <p>Work is split over (sequence, stored KV head) — all query heads of a group together, so each cached
 * K/V row is read from memory once per step — and, when that gives too few tasks for the threads, over
 * blocks of positions (decode, merged exactly afterwards) or blocks of queries (prefill). Tasks run on a
 * bounded pool of {@code threads} threads (the calling thread is one of them). The cancel flag is polled
 * between blocks; a cancelled call throws {@link CancellationException} and leaves the cache's length as it
 * was before the call. A kernel may be used by one caller at a time; {@link #close()} stops its threads.
 */
public final class AttentionKernel implements AutoCloseable {

    /** A cancel flag that never fires. */
    public static final BooleanSupplier NEVER = () -> false;

    /** Keys per block in decode and prefill (also the padding of the transposed keys). */
    static final int KEY_BLOCK = 64;
    /** Keys per block in decode. */
    static final int DECODE_BLOCK = 128;
    /** From this many query heads per KV head on, decode transposes each key block and uses score tiles. */
    static final int TRANSPOSE_GROUP = 8;
    /** Queries per block in prefill. */
    static final int QUERY_BLOCK = 32;
    /** Smallest run of positions one decode task handles when a step is split over positions. */
    static final int MIN_SPLIT = 256;

    private final KernelOps ops;
    private final int threads;
    private final ExecutorService pool;

    /** A kernel with the fastest available routines ({@link KernelOps#best()}) on {@code threads} threads. */
    public AttentionKernel(int threads) {
        this(threads, KernelOps.best());
    }

    /** A kernel with the given routines, e.g. {@link KernelOps#scalar()} for the reference path. */
    public AttentionKernel(int threads, KernelOps ops) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1 (got " + threads + ")");
        }
        this.ops = ops;
        this.threads = threads;
        if (threads > 1) {
            AtomicInteger n = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(threads - 1, r -> {
                Thread t = new Thread(r, "kvlens-kernel-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        } else {
            this.pool = null;
        }
    }

    public int threads() {
        return threads;
    }

    public KernelOps ops() {
        return ops;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------ decode

    /** {@link #decode(KvCache, float[], float[], float[], float[], BooleanSupplier, float[], int)} without weights. */
    public void decode(KvCache cache, float[] q, float[] kNew, float[] vNew, float[] out, BooleanSupplier cancel) {
        decode(cache, q, kNew, vNew, out, cancel, null, 0);
    }

    /**
     * One decode step: appends {@code kNew}/{@code vNew} at position {@code cache.length()} of every sequence,
     * then each query head attends over all cached positions {@code [0, length]} (the new one included).
     *
     * @param q          [B][H][d] the new token's queries
     * @param kNew       [B][KV][d] the new token's keys
     * @param vNew       [B][KV][d] the new token's values
     * @param out        [B][H][d] attention output, overwritten
     * @param cancel     polled between blocks; thread-safe (e.g. {@code flag::get}); null = never
     * @param weightsOut nullable; if given, at least {@code length+1} floats: receives the softmax weights of
     *                   sequence 0, query head {@code weightsHead} (they sum to 1) — for a heatmap
     * @param weightsHead query head whose weights are reported, 0 ≤ weightsHead &lt; H
     */
    public void decode(KvCache cache, float[] q, float[] kNew, float[] vNew, float[] out, BooleanSupplier cancel,
                       float[] weightsOut, int weightsHead) {
        int bsz = cache.batch();
        int h = cache.heads();
        int d = cache.headDim();
        need(q, (long) bsz * h * d, "q [B][H][d]");
        need(out, (long) bsz * h * d, "out [B][H][d]");
        need(kNew, (long) bsz * cache.kvHeads() * d, "kNew [B][KV][d]");
        need(vNew, (long) bsz * cache.kvHeads() * d, "vNew [B][KV][d]");
        if (weightsOut != null) {
            if (weightsHead < 0 || weightsHead >= h) {
                throw new IllegalArgumentException("weightsHead must be in [0, " + h + ") (got " + weightsHead + ")");
            }
            need(weightsOut, cache.length() + 1L, "weightsOut [length]");
        }
        BooleanSupplier cx = cancel == null ? NEVER : cancel;
        int before = cache.length();
        cache.append(kNew, vNew, 1);
        try {
            attendLast(cache, q, out, cx, weightsOut, weightsHead);
        } catch (RuntimeException | Error e) {
            cache.setLength(before);
            throw e;
        }
    }

    private void attendLast(KvCache cache, float[] q, float[] out, BooleanSupplier cancel, float[] weightsOut,
                            int weightsHead) {
        final int bsz = cache.batch();
        final int h = cache.heads();
        final int d = cache.headDim();
        final int stored = cache.storedHeads();
        final int group = cache.queryHeadsPerStored();
        final int len = cache.length();
        final float scale = (float) (1.0 / Math.sqrt(d));
        final int units = bsz * stored;
        int splits = 1;
        if (units < 2 * threads) {
            splits = Math.min((2 * threads + units - 1) / units, Math.max(1, len / MIN_SPLIT));
        }
        int chunk = roundUp((len + splits - 1) / splits, DECODE_BLOCK);
        final int nsplit = (len + chunk - 1) / chunk;
        final int chunkLen = chunk;
        final int wUnit = weightsOut == null ? -1 : weightsHead / group; // sequence 0
        final int wRow = weightsHead % group;
        final float[] pm = new float[units * nsplit * group];
        final float[] pl = new float[units * nsplit * group];
        final float[] pacc = new float[units * nsplit * group * d];

        final boolean transpose = group >= TRANSPOSE_GROUP;
        final int kb = DECODE_BLOCK;
        run(units * nsplit, cancel, () -> new float[group * kb + (transpose ? d * kb : 0)], (task, scratch, stop) -> {
            int unit = task / nsplit;
            int split = task % nsplit;
            int b = unit / stored;
            int s = unit % stored;
            int t0 = split * chunkLen;
            int t1 = Math.min(len, t0 + chunkLen);
            float[] ks = cache.keySlab(b, s);
            float[] vs = cache.valueSlab(b, s);
            int qo = (b * h + s * group) * d;      // the group's query heads are consecutive
            int base = task * group;
            float[] sc = scratch;                  // [group][kb] scores, then weights
            int kto = group * kb;                  // [d][kb] keys of the block, transposed (large groups)
            Arrays.fill(pm, base, base + group, Float.NEGATIVE_INFINITY);
            for (int tb = t0; tb < t1; tb += kb) {
                stop.check();
                int n = Math.min(kb, t1 - tb);
                if (transpose) {
                    // one pass over the block's keys, then broadcast-FMA tiles for all heads of the group:
                    // no per-score horizontal reduction
                    transposeBlock(ks, tb * d, n, d, sc, kto, kb);
                    ops.scoresT(q, qo, d, group, sc, kto, kb, kb, d, scale, sc, 0, kb);
                } else {
                    for (int t = 0; t < n; t++) {
                        int ko = (tb + t) * d;
                        for (int g = 0; g < group; g++) {
                            sc[g * kb + t] = scale * ops.dot(q, qo + g * d, ks, ko, d);
                        }
                    }
                }
                if (unit == wUnit) {
                    System.arraycopy(sc, wRow * kb, weightsOut, tb, n);
                }
                for (int g = 0; g < group; g++) {
                    int row = g * kb;
                    float m = pm[base + g];
                    float nm = Math.max(m, ops.max(sc, row, n));
                    float corr = m == Float.NEGATIVE_INFINITY ? 0f : (float) Math.exp(m - nm);
                    float sum = ops.expSub(sc, row, n, nm);
                    pl[base + g] = pl[base + g] * corr + sum;
                    if (corr != 1f) {
                        ops.scale(pacc, (base + g) * d, d, corr);
                    }
                    pm[base + g] = nm;
                }
                ops.pv(sc, 0, kb, group, n, vs, tb * d, d, d, pacc, base * d, d);
            }
        });

        // merge the position splits exactly: out = Σ e^(m_i − M) acc_i / Σ e^(m_i − M) l_i
        for (int unit = 0; unit < units; unit++) {
            int b = unit / stored;
            int s = unit % stored;
            for (int g = 0; g < group; g++) {
                float mx = Float.NEGATIVE_INFINITY;
                for (int sp = 0; sp < nsplit; sp++) {
                    mx = Math.max(mx, pm[(unit * nsplit + sp) * group + g]);
                }
                float lsum = 0f;
                int oo = (b * h + s * group + g) * d;
                Arrays.fill(out, oo, oo + d, 0f);
                for (int sp = 0; sp < nsplit; sp++) {
                    int idx = (unit * nsplit + sp) * group + g;
                    float w = (float) Math.exp(pm[idx] - mx);
                    lsum += w * pl[idx];
                    ops.axpy(w, pacc, idx * d, out, oo, d);
                }
                ops.scale(out, oo, d, 1f / lsum);
                if (unit == wUnit && g == wRow) {
                    float inv = 1f / lsum;
                    for (int t = 0; t < len; t++) {
                        weightsOut[t] = (float) Math.exp(weightsOut[t] - mx) * inv;
                    }
                }
            }
        }
    }

    // ----------------------------------------------------------------------------------------- prefill

    /**
     * Causal prefill: appends {@code tokens} positions to every sequence, and each new query at absolute
     * position {@code p = cache.length() + i} attends over cached positions {@code [0, p]}. Usually called on
     * an empty cache; a non-empty one gives chunked prefill.
     *
     * @param q      [B][H][tokens][d]
     * @param k      [B][KV][tokens][d]
     * @param v      [B][KV][tokens][d]
     * @param out    [B][H][tokens][d], overwritten
     * @param cancel polled between blocks; thread-safe; null = never
     */
    public void prefill(KvCache cache, float[] q, float[] k, float[] v, int tokens, float[] out,
                        BooleanSupplier cancel) {
        if (tokens < 1) {
            throw new IllegalArgumentException("tokens must be at least 1 (got " + tokens + ")");
        }
        final int bsz = cache.batch();
        final int h = cache.heads();
        final int d = cache.headDim();
        need(q, (long) bsz * h * tokens * d, "q [B][H][T][d]");
        need(out, (long) bsz * h * tokens * d, "out [B][H][T][d]");
        BooleanSupplier cx = cancel == null ? NEVER : cancel;
        final int p0 = cache.length();
        cache.append(k, v, tokens);
        try {
            prefillAppended(cache, q, tokens, out, p0, cx);
        } catch (RuntimeException | Error e) {
            cache.setLength(p0);
            throw e;
        }
    }

    /** Extra working memory of {@link #prefill} beyond q, k, v, out and the cache: the transposed keys. */
    public static long prefillScratchBytes(int batch, int heads, int kvHeads, int headDim, int totalTokens,
                                           boolean expanded) {
        long stored = expanded ? heads : kvHeads;
        return (long) batch * stored * headDim * roundUp(totalTokens, KEY_BLOCK) * Float.BYTES;
    }

    private void prefillAppended(KvCache cache, float[] q, int tokens, float[] out, int p0, BooleanSupplier cancel) {
        final int bsz = cache.batch();
        final int h = cache.heads();
        final int d = cache.headDim();
        final int stored = cache.storedHeads();
        final int group = cache.queryHeadsPerStored();
        final int total = p0 + tokens;
        final int tpad = roundUp(total, KEY_BLOCK);
        if ((long) tpad * d > KvCache.MAX_ARRAY) {
            throw new IllegalArgumentException("sequence too long for prefill: " + total + " tokens");
        }
        final float scale = (float) (1.0 / Math.sqrt(d));
        final int units = bsz * stored;
        final float[][] kt = new float[units][];

        // phase 1: keys transposed per (sequence, stored head), tile by tile: kt[block][j][t in block],
        // zero-padded to a whole key block. Contiguous 32 KiB tiles: a [d][T] layout would put the rows of a
        // tile a power-of-two stride apart, and they would evict each other from the L1 and L2 caches.
        run(units, cancel, () -> null, (unit, scratch, stop) -> {
            float[] ks = cache.keySlab(unit / stored, unit % stored);
            float[] t = new float[d * tpad];
            for (int t0 = 0; t0 < total; t0 += KEY_BLOCK) {
                stop.check();
                transposeBlock(ks, t0 * d, Math.min(KEY_BLOCK, total - t0), d, t, t0 * d, KEY_BLOCK);
            }
            kt[unit] = t;
        });

        // phase 2: (sequence, stored head, query block); the longest query blocks first
        final int nqb = (tokens + QUERY_BLOCK - 1) / QUERY_BLOCK;
        final int rowsPerUnit = group * QUERY_BLOCK;
        run(units * nqb, cancel, () -> new float[QUERY_BLOCK * KEY_BLOCK + 2 * rowsPerUnit + rowsPerUnit * d],
                (task, scratch, stop) -> {
            int qb = nqb - 1 - task / units;
            int unit = task % units;
            int b = unit / stored;
            int s = unit % stored;
            int r0 = qb * QUERY_BLOCK;
            int rows = Math.min(QUERY_BLOCK, tokens - r0);
            float[] sc = scratch;                 // [QUERY_BLOCK][KEY_BLOCK] scores, then weights
            int mo = QUERY_BLOCK * KEY_BLOCK;     // m[group][QUERY_BLOCK]
            int lo = mo + rowsPerUnit;            // l[group][QUERY_BLOCK]
            int ao = lo + rowsPerUnit;            // acc[group][QUERY_BLOCK][d]
            Arrays.fill(sc, mo, lo, Float.NEGATIVE_INFINITY);
            Arrays.fill(sc, lo, sc.length, 0f);
            float[] kts = kt[unit];
            float[] vs = cache.valueSlab(b, s);
            int lastKey = p0 + r0 + rows - 1;
            for (int c0 = 0; c0 <= lastKey; c0 += KEY_BLOCK) {
                stop.check();
                int cols = Math.min(KEY_BLOCK, total - c0);
                for (int g = 0; g < group; g++) {
                    int qh = s * group + g;
                    int qo = ((b * h + qh) * tokens + r0) * d;
                    ops.scoresT(q, qo, d, rows, kts, c0 * d, KEY_BLOCK, KEY_BLOCK, d, scale, sc, 0, KEY_BLOCK);
                    for (int i = 0; i < rows; i++) {
                        int row = i * KEY_BLOCK;
                        int valid = Math.min(KEY_BLOCK, p0 + r0 + i - c0 + 1);
                        if (valid <= 0) {
                            Arrays.fill(sc, row, row + KEY_BLOCK, 0f);
                            continue;
                        }
                        int mi = mo + g * QUERY_BLOCK + i;
                        int li = lo + g * QUERY_BLOCK + i;
                        float m = sc[mi];
                        float nm = Math.max(m, ops.max(sc, row, valid));
                        float corr = m == Float.NEGATIVE_INFINITY ? 0f : (float) Math.exp(m - nm);
                        float sum = ops.expSub(sc, row, valid, nm);
                        if (valid < KEY_BLOCK) {
                            Arrays.fill(sc, row + valid, row + KEY_BLOCK, 0f);
                        }
                        sc[li] = sc[li] * corr + sum;
                        if (corr != 1f) {
                            ops.scale(sc, ao + (g * QUERY_BLOCK + i) * d, d, corr);
                        }
                        sc[mi] = nm;
                    }
                    ops.pv(sc, 0, KEY_BLOCK, rows, cols, vs, c0 * d, d, d, sc, ao + g * QUERY_BLOCK * d, d);
                }
            }
            for (int g = 0; g < group; g++) {
                int qh = s * group + g;
                for (int i = 0; i < rows; i++) {
                    int oo = ((b * h + qh) * tokens + r0 + i) * d;
                    int src = ao + (g * QUERY_BLOCK + i) * d;
                    float inv = 1f / sc[lo + g * QUERY_BLOCK + i];
                    for (int j = 0; j < d; j++) {
                        out[oo + j] = sc[src + j] * inv;
                    }
                }
            }
        });
    }

    // ------------------------------------------------------------------------------------ scheduling

    /** Cooperative stop: the caller's cancel flag, or another task's failure. */
    static final class Stop {
        private final BooleanSupplier cancel;
        private final AtomicBoolean failed = new AtomicBoolean();

        Stop(BooleanSupplier cancel) {
            this.cancel = cancel;
        }

        void check() {
            if (failed.get()) {
                throw new CancellationException("stopped");
            }
            if (cancel.getAsBoolean()) {
                failed.set(true);
                throw new CancellationException("attention cancelled");
            }
        }
    }

    interface Task {
        void run(int index, float[] scratch, Stop stop);
    }

    interface Scratch {
        float[] make();
    }

    private void run(int n, BooleanSupplier cancel, Scratch scratch, Task task) {
        Stop stop = new Stop(cancel);
        stop.check();
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            float[] buf = scratch.make();
            try {
                for (int i; (i = next.getAndIncrement()) < n; ) {
                    stop.check();
                    task.run(i, buf, stop);
                }
            } catch (RuntimeException | Error e) {
                stop.failed.set(true);
                throw e;
            }
        };
        int helpers = pool == null ? 0 : Math.min(threads, n) - 1;
        List<Future<?>> futures = new ArrayList<>(helpers);
        for (int i = 0; i < helpers; i++) {
            futures.add(pool.submit(worker));
        }
        Throwable first = null;
        try {
            worker.run();
        } catch (RuntimeException | Error e) {
            first = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (first == null || (first instanceof CancellationException && !(c instanceof CancellationException))) {
                    first = c;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.failed.set(true);
                first = new CancellationException("interrupted");
            }
        }
        if (first instanceof RuntimeException) {
            throw (RuntimeException) first;
        }
        if (first instanceof Error) {
            throw (Error) first;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
    }

    /**
     * dst[j·ldd + t] = src[so + t·d + j] for t &lt; n, j &lt; d: eight keys at a time, so that the stores run
     * along rows of dst and the loads stay within eight rows of src (a plain double loop is 3 to 4 times
     * slower because of its strided stores).
     */
    static void transposeBlock(float[] src, int so, int n, int d, float[] dst, int dOff, int ldd) {
        int t = 0;
        for (; t + 8 <= n; t += 8) {
            int s = so + t * d;
            int o = dOff + t;
            for (int j = 0; j < d; j++, s++, o += ldd) {
                dst[o] = src[s];
                dst[o + 1] = src[s + d];
                dst[o + 2] = src[s + 2 * d];
                dst[o + 3] = src[s + 3 * d];
                dst[o + 4] = src[s + 4 * d];
                dst[o + 5] = src[s + 5 * d];
                dst[o + 6] = src[s + 6 * d];
                dst[o + 7] = src[s + 7 * d];
            }
        }
        for (; t < n; t++) {
            int s = so + t * d;
            for (int j = 0; j < d; j++) {
                dst[dOff + j * ldd + t] = src[s + j];
            }
        }
    }

    private static int roundUp(int x, int m) {
        return (x + m - 1) / m * m;
    }

    private static void need(float[] a, long n, String what) {
        if (a == null || a.length < n) {
            throw new IllegalArgumentException(what + " needs " + n + " floats"
                    + (a == null ? " (got null)" : " (got " + a.length + ")"));
        }
    }
}
