package dev.kvlens.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Decode steps over a {@link ReducedKvCache}: the same attention as {@link AttentionKernel#decode} (scale
 * 1/sqrt(d), online softmax, query head h reads KV head h / (H/KV)), reading K/V in their stored form. Each
 * block of {@value #BLOCK} positions is dequantized into a small fp32 scratch (it stays in the L1/L2 cache) and
 * then scored and summed with the kernel's routines, so memory traffic is the stored bytes; groups of
 * {@value AttentionKernel#TRANSPOSE_GROUP} or more query heads score against the block's keys transposed, like
 * {@link AttentionKernel}. With one query head per KV head (MHA) each stored row is used once, so it is widened in
 * registers inside the dot product and the value update ({@link KernelOps#dotInt8} and friends) instead of
 * through the scratch, and a block's value updates share a loop with the next block's scores. Positions are
 * visited in slot order: softmax does not depend on the order of the keys, so a sliding window's ring buffer
 * needs no reordering.
 *
 * <p>Work is split over (sequence, KV head) and, when there are fewer of those than twice the threads (MQA),
 * over runs of at least {@value AttentionKernel#MIN_SPLIT} positions too, merged exactly afterwards
 * ({@code out = Σ e^(m_i − M) acc_i / Σ e^(m_i − M) l_i}), as in {@link AttentionKernel}; the cancel flag is
 * polled between blocks. The new token is appended only after the step succeeded, so a cancelled step leaves the cache as it
 * was (a window would otherwise already have overwritten its oldest position).
 */
public final class ReducedAttention implements AutoCloseable {

    /** Positions dequantized and scored together. */
    static final int BLOCK = 128;

    private final KernelOps ops;
    private final int threads;
    private final ExecutorService pool;

    public ReducedAttention(int threads) {
        this(threads, KernelOps.best());
    }

    public ReducedAttention(int threads, KernelOps ops) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1 (got " + threads + ")");
        }
        this.ops = ops;
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "kvlens-reduced-attention");
            t.setDaemon(true);
            return t;
        });
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

    /**
     * One decode step: each query head attends over the positions the cache holds (for a full window, all but
     * the oldest, which the new token replaces) plus the new token, stored in the cache's format; then the new
     * token is appended.
     *
     * @param q    [B][H][d] the new token's queries
     * @param kNew [B][KV][d] its keys
     * @param vNew [B][KV][d] its values
     * @param out  [B][H][d] overwritten with the attention output
     */
    public void decode(ReducedKvCache cache, float[] q, float[] kNew, float[] vNew, float[] out,
                       BooleanSupplier cancel) {
        int bsz = cache.batch();
        int h = cache.heads();
        int kv = cache.kvHeads();
        int d = cache.headDim();
        need(q, (long) bsz * h * d, "q [B][H][d]");
        need(out, (long) bsz * h * d, "out [B][H][d]");
        need(kNew, (long) bsz * kv * d, "kNew [B][KV][d]");
        need(vNew, (long) bsz * kv * d, "vNew [B][KV][d]");
        if (!cache.isWindowed() && cache.length() >= cache.slots()) {
            throw new IllegalStateException("cache full: " + cache.slots() + " positions");
        }
        BooleanSupplier cx = cancel == null ? AttentionKernel.NEVER : cancel;
        ReducedKvCache pending = ReducedKvCache.full(bsz, h, kv, d, 1, cache.format());
        pending.append(kNew, vNew, 1);
        int stored = cache.stored();
        int evict = cache.isWindowed() && cache.length() >= cache.slots() ? cache.nextSlot() : -1;
        int units = bsz * kv;
        int g = h / kv;
        // positions attended besides the new token; a full window skips the slot the new token will replace
        int positions = evict < 0 ? stored : stored - 1;
        int splits = 1;
        if (units < 2 * threads) { // few KV heads (MQA): split positions too, like AttentionKernel
            splits = Math.min((2 * threads + units - 1) / units, Math.max(1, positions / AttentionKernel.MIN_SPLIT));
        }
        int chunk = Math.max(BLOCK, (positions + splits - 1) / splits + BLOCK - 1) / BLOCK * BLOCK;
        int nsplit = Math.max(1, (positions + chunk - 1) / chunk);
        float[] pm = new float[units * nsplit * g];      // [unit][split][g] running max
        float[] pl = new float[units * nsplit * g];      // [unit][split][g] running sum
        float[] pacc = new float[units * nsplit * g * d]; // [unit][split][g][d] unnormalised output
        runTasks(units * nsplit, cx, (task, stop) -> {
            int u = task / nsplit;
            int split = task % nsplit;
            int from = split * chunk;
            int to = Math.min(positions, from + chunk);
            attend(cache, pending, u, from, to, evict, split == nsplit - 1, q, pm, pl, pacc, task, stop);
        });
        // merge the position splits exactly: out = Σ e^(m_i − M) acc_i / Σ e^(m_i − M) l_i
        for (int u = 0; u < units; u++) {
            int qo = ((u / kv) * h + (u % kv) * g) * d;
            for (int i = 0; i < g; i++) {
                float mx = Float.NEGATIVE_INFINITY;
                for (int sp = 0; sp < nsplit; sp++) {
                    mx = Math.max(mx, pm[(u * nsplit + sp) * g + i]);
                }
                int oo = qo + i * d;
                java.util.Arrays.fill(out, oo, oo + d, 0f);
                float sum = 0f;
                for (int sp = 0; sp < nsplit; sp++) {
                    int idx = (u * nsplit + sp) * g + i;
                    float w = nsplit == 1 ? 1f : (float) Math.exp(pm[idx] - mx);
                    sum += w * pl[idx];
                    ops.axpy(w, pacc, idx * d, out, oo, d);
                }
                ops.scale(out, oo, d, 1f / sum);
            }
        }
        int slot = cache.nextSlot();
        for (int u = 0; u < units; u++) {
            cache.put(u, slot, kNew, vNew, u * d);
        }
        cache.advance();
    }

    private interface Task {
        void run(int index, BooleanSupplier stop);
    }

    /**
     * Runs tasks 0..n−1 on the calling thread and up to {@code threads − 1} pool threads, each taking the next
     * task index until none is left. The first failure (a cancel included) stops the others at their next poll
     * and is rethrown here.
     */
    private void runTasks(int n, BooleanSupplier cancel, Task task) {
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        BooleanSupplier stop = () -> failed.get() || cancel.getAsBoolean();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Runnable worker = () -> {
            try {
                for (int i; (i = next.getAndIncrement()) < n; ) {
                    task.run(i, stop);
                }
            } catch (RuntimeException | Error e) {
                failed.set(true);
                throw e;
            }
        };
        int helpers = pool == null ? 0 : Math.min(threads, n) - 1;
        List<Future<?>> fs = new ArrayList<>(helpers);
        for (int i = 0; i < helpers; i++) {
            fs.add(pool.submit(worker));
        }
        Throwable first = null;
        try {
            worker.run();
        } catch (RuntimeException | Error e) {
            first = e;
        }
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (first == null || (first instanceof CancellationException && !(c instanceof CancellationException))) {
                    first = c;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.set(true);
                first = new CancellationException("interrupted");
            }
        }
        if (first instanceof RuntimeException r) {
            throw r;
        }
        if (first instanceof Error e) {
            throw e;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
    }

    /**
     * One task: the query heads of unit {@code u} (= b·KV + s) over attended positions [from, to) — position p
     * lives in slot p, or p + 1 from the evicted slot on — plus the new token when {@code withNew}; leaves its
     * running max, sum and unnormalised output in the split arrays at {@code task}.
     */
    private void attend(ReducedKvCache cache, ReducedKvCache pending, int u, int from, int to, int evict,
                        boolean withNew, float[] q, float[] pm, float[] pl, float[] pacc, int task,
                        BooleanSupplier cancel) {
        int h = cache.heads();
        int kv = cache.kvHeads();
        int d = cache.headDim();
        int g = h / kv;
        int b = u / kv;
        int s = u % kv;
        State st = State.of(g, d, (float) (1.0 / Math.sqrt(d)), q, (b * h + s * g) * d);
        if (evict < 0) {
            range(cache, u, from, to, st, cancel);
        } else { // slots [from, evict) and [evict + 1, to + 1)
            range(cache, u, from, Math.min(to, evict), st, cancel);
            range(cache, u, Math.max(from, evict) + 1, to + 1, st, cancel);
        }
        if (withNew) {
            int ko = pending.keysAsFloat(ops, u, 0, 1, st.kbuf, st.src);
            float[] karr = st.src[0];
            int vo = pending.valuesAsFloat(ops, u, 0, 1, st.vbuf, st.src);
            block(st, karr, ko, st.src[0], vo, 1);
        }
        System.arraycopy(st.m, 0, pm, task * g, g);
        System.arraycopy(st.l, 0, pl, task * g, g);
        System.arraycopy(st.acc, 0, pacc, task * g * d, g * d);
    }

    private void range(ReducedKvCache cache, int u, int from, int to, State st, BooleanSupplier cancel) {
        if (from >= to) {
            return;
        }
        if (st.g == 1) {
            fused(cache, u, from, to, st, cancel);
            return;
        }
        for (int t0 = from; t0 < to; t0 += BLOCK) {
            checkCancel(cancel);
            int n = Math.min(BLOCK, to - t0);
            int ko = cache.keysAsFloat(ops, u, t0, n, st.kbuf, st.src);
            float[] karr = st.src[0];
            int vo = cache.valuesAsFloat(ops, u, t0, n, st.vbuf, st.src);
            block(st, karr, ko, st.src[0], vo, n);
        }
    }

    /**
     * One query head per KV head (MHA): each stored row is used once, so it is widened in registers inside the
     * dot product and the value update instead of through the fp32 scratch, and the next block's scores are
     * computed in the same loop as this block's value updates (a two-stage pipeline; the online softmax of a
     * block runs between the two, exactly as in {@link #block}). fp32 rows take the same path: reading K and V
     * rows side by side measured 15–20 % faster than block after block on this machine (T = 8192, H = 32).
     */
    private void fused(ReducedKvCache cache, int u, int from, int to, State st, BooleanSupplier cancel) {
        checkCancel(cancel);
        int n = Math.min(BLOCK, to - from);
        cache.scoreAndAccumulate(ops, u, from, n, st.q, st.qo, st.scale, st.sc, from, 0, st.sc2, st.acc);
        softmax(st, st.sc, n);
        float[] w = st.sc;
        float[] next = st.sc2;
        for (int t0 = from; t0 < to; t0 += BLOCK) {
            checkCancel(cancel);
            int nv = Math.min(BLOCK, to - t0);
            int t1 = t0 + BLOCK;
            int nk = Math.max(0, Math.min(BLOCK, to - t1));
            cache.scoreAndAccumulate(ops, u, t1, nk, st.q, st.qo, st.scale, next, t0, nv, w, st.acc);
            if (nk > 0) {
                softmax(st, next, nk);
            }
            float[] swap = w;
            w = next;
            next = swap;
        }
    }

    private static void checkCancel(BooleanSupplier cancel) {
        if (cancel.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("attention cancelled");
        }
    }

    /** Scores n keys for the group's query heads, updates the running softmax and accumulates the values. */
    private void block(State st, float[] k, int ko, float[] v, int vo, int n) {
        int d = st.d;
        if (st.kt != null) {
            // large groups, as in AttentionKernel: keys transposed once, then broadcast-FMA tiles for every query
            // head of the group (no horizontal reduction per score)
            AttentionKernel.transposeBlock(k, ko, n, d, st.kt, 0, BLOCK);
            ops.scoresT(st.q, st.qo, d, st.g, st.kt, 0, BLOCK, BLOCK, d, st.scale, st.sc, 0, BLOCK);
        } else {
            for (int i = 0; i < st.g; i++) {
                int row = i * BLOCK;
                for (int t = 0; t < n; t++) {
                    st.sc[row + t] = st.scale * ops.dot(st.q, st.qo + i * d, k, ko + t * d, d);
                }
            }
        }
        softmax(st, st.sc, n);
        ops.pv(st.sc, 0, BLOCK, st.g, n, v, vo, d, d, st.acc, 0, d);
    }

    /** Online softmax over the block's n scores of each query head: weights in place, running max/sum/acc rescaled. */
    private void softmax(State st, float[] sc, int n) {
        int d = st.d;
        for (int i = 0; i < st.g; i++) {
            int row = i * BLOCK;
            float m = st.m[i];
            float nm = Math.max(m, ops.max(sc, row, n));
            float corr = m == Float.NEGATIVE_INFINITY ? 0f : (float) Math.exp(m - nm);
            float sum = ops.expSub(sc, row, n, nm);
            st.l[i] = st.l[i] * corr + sum;
            if (corr != 1f) {
                ops.scale(st.acc, i * d, d, corr);
            }
            st.m[i] = nm;
        }
    }

    /**
     * Per-task running state of one (sequence, KV head) and its query heads. The arrays are kept per thread and
     * reused while the shape stays the same, so a decode step allocates no scratch (a step of a 32-head cache
     * would otherwise make 4 MiB of garbage).
     */
    private static final class State {
        private static final ThreadLocal<State> REUSE = new ThreadLocal<>();

        final int g;
        final int d;
        float scale;
        float[] q;
        int qo;
        final float[] kbuf;
        final float[] vbuf;
        final float[][] src = new float[1][];
        final float[] sc;
        final float[] sc2;
        final float[] kt;
        final float[] m;
        final float[] l;
        final float[] acc;

        private State(int g, int d) {
            this.g = g;
            this.d = d;
            kbuf = new float[BLOCK * d];
            vbuf = new float[BLOCK * d];
            sc = new float[g * BLOCK];
            sc2 = g == 1 ? new float[BLOCK] : null; // the next block's scores in the fused pipeline
            kt = g >= AttentionKernel.TRANSPOSE_GROUP ? new float[d * BLOCK] : null; // [d][BLOCK]
            m = new float[g];
            l = new float[g];
            acc = new float[g * d];
        }

        /** This thread's state for (g, d), reset: max −∞, sums and accumulators 0. */
        static State of(int g, int d, float scale, float[] q, int qo) {
            State st = REUSE.get();
            if (st == null || st.g != g || st.d != d) {
                st = new State(g, d);
                REUSE.set(st);
            }
            st.scale = scale;
            st.q = q;
            st.qo = qo;
            java.util.Arrays.fill(st.m, Float.NEGATIVE_INFINITY);
            java.util.Arrays.fill(st.l, 0f);
            java.util.Arrays.fill(st.acc, 0f);
            return st;
        }
    }

    private static void need(float[] a, long n, String what) {
        if (a == null || a.length < n) {
            throw new IllegalArgumentException(what + " needs " + n + " floats");
        }
    }
}
