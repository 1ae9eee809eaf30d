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
 * then scored and summed with the kernel's routines, so memory traffic is the stored bytes. Positions are
 * visited in slot order: softmax does not depend on the order of the keys, so a sliding window's ring buffer
 * needs no reordering.
 *
 * <p>Work is split over (sequence, KV head) on {@code threads} threads; the cancel flag is polled between
 * blocks. The new token is appended only after the step succeeded, so a cancelled step leaves the cache as it
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
        if (pool == null || units == 1) {
            for (int u = 0; u < units; u++) {
                attend(cache, pending, u, stored, evict, q, out, cx);
            }
        } else {
            List<Future<?>> fs = new ArrayList<>();
            for (int u = 1; u < units; u++) {
                int unit = u;
                fs.add(pool.submit(() -> attend(cache, pending, unit, stored, evict, q, out, cx)));
            }
            RuntimeException first = null;
            try {
                attend(cache, pending, 0, stored, evict, q, out, cx);
            } catch (RuntimeException e) {
                first = e;
                fs.forEach(f -> f.cancel(true));
            }
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (java.util.concurrent.CancellationException e) {
                    first = first == null ? e : first;
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (first == null) {
                        first = c instanceof RuntimeException r ? r : new IllegalStateException(c);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    first = new CancellationException("interrupted");
                }
            }
            if (first != null) {
                throw first;
            }
        }
        int slot = cache.nextSlot();
        for (int u = 0; u < units; u++) {
            cache.put(u, slot, kNew, vNew, u * d);
        }
        cache.advance();
    }

    private void attend(ReducedKvCache cache, ReducedKvCache pending, int u, int stored, int evict, float[] q,
                        float[] out, BooleanSupplier cancel) {
        int h = cache.heads();
        int kv = cache.kvHeads();
        int d = cache.headDim();
        int g = h / kv;
        int b = u / kv;
        int s = u % kv;
        State st = State.of(g, d, (float) (1.0 / Math.sqrt(d)), q, (b * h + s * g) * d);
        if (evict < 0) {
            range(cache, u, 0, stored, st, cancel);
        } else {
            range(cache, u, 0, evict, st, cancel);
            range(cache, u, evict + 1, stored, st, cancel);
        }
        int ko = pending.keysAsFloat(ops, u, 0, 1, st.kbuf, st.src);
        float[] karr = st.src[0];
        int vo = pending.valuesAsFloat(ops, u, 0, 1, st.vbuf, st.src);
        block(st, karr, ko, st.src[0], vo, 1);
        for (int i = 0; i < g; i++) {
            int oo = st.qo + i * d;
            float inv = 1f / st.l[i];
            for (int j = 0; j < d; j++) {
                out[oo + j] = st.acc[i * d + j] * inv;
            }
        }
    }

    private void range(ReducedKvCache cache, int u, int from, int to, State st, BooleanSupplier cancel) {
        for (int t0 = from; t0 < to; t0 += BLOCK) {
            if (cancel.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                throw new CancellationException("attention cancelled");
            }
            int n = Math.min(BLOCK, to - t0);
            int ko = cache.keysAsFloat(ops, u, t0, n, st.kbuf, st.src);
            float[] karr = st.src[0];
            int vo = cache.valuesAsFloat(ops, u, t0, n, st.vbuf, st.src);
            block(st, karr, ko, st.src[0], vo, n);
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
        for (int i = 0; i < st.g; i++) {
            int row = i * BLOCK;
            float m = st.m[i];
            float nm = Math.max(m, ops.max(st.sc, row, n));
            float corr = m == Float.NEGATIVE_INFINITY ? 0f : (float) Math.exp(m - nm);
            float sum = ops.expSub(st.sc, row, n, nm);
            st.l[i] = st.l[i] * corr + sum;
            if (corr != 1f) {
                ops.scale(st.acc, i * d, d, corr);
            }
            st.m[i] = nm;
        }
        ops.pv(st.sc, 0, BLOCK, st.g, n, v, vo, d, d, st.acc, 0, d);
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
