package dev.kvlens.bench;

import dev.kvlens.kernel.KernelOps;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * The machine's limits, measured in the same run as the kernel so that fractions compare like with like:
 * a read-bandwidth probe (sum of a buffer as large as the cache, streamed by every thread) and an
 * FMA-throughput probe (independent register-resident FMA chains on every thread). Each probe takes at most
 * about {@code timeBudgetNanos} (default 1 s) after its buffer is allocated, and polls the cancel flag
 * between passes.
 */
public final class Calibration {

    /** Slab size of the probe buffer; the kernel's cache is also made of per-head slabs. */
    static final int SLAB_FLOATS = 1 << 21; // 8 MiB

    private final KernelOps ops;
    private final int threads;
    private final long timeBudgetNanos;
    private volatile float sink;

    public Calibration(KernelOps ops, int threads) {
        this(ops, threads, 1_000_000_000L);
    }

    public Calibration(KernelOps ops, int threads, long timeBudgetNanos) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1 (got " + threads + ")");
        }
        this.ops = ops;
        this.threads = threads;
        this.timeBudgetNanos = timeBudgetNanos;
    }

    /** Result of one probe: the best pass (the limit) and how many passes were timed. */
    public record Probe(double value, int passes, long bytesOrFlopsPerPass) {
    }

    /**
     * Read bandwidth in GB/s (10^9 bytes/s) of streaming a {@code bytes}-sized buffer once per pass with
     * {@code threads} threads; the best of several passes after one warm-up pass.
     */
    public Probe readBandwidth(long bytes, BooleanSupplier cancel) {
        long floats = Math.max(ops.lanes() * 64L, bytes / Float.BYTES);
        int slabs = (int) ((floats + SLAB_FLOATS - 1) / SLAB_FLOATS);
        float[][] buf = new float[slabs][];
        long left = floats;
        for (int i = 0; i < slabs; i++) {
            int n = (int) Math.min(SLAB_FLOATS, left);
            buf[i] = new float[n];
            for (int j = 0; j < n; j += 1024) {
                buf[i][j] = j;
            }
            left -= n;
        }
        long passBytes = floats * Float.BYTES;
        warmUpSum(cancel);
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemon());
        try {
            double best = 0;
            int passes = 0;
            long start = System.nanoTime();
            for (int pass = 0; ; pass++) {
                check(cancel);
                long t0 = System.nanoTime();
                readPass(pool, buf, floats);
                long dt = System.nanoTime() - t0;
                if (pass > 0) { // pass 0 warms the JIT and the TLB
                    passes++;
                    best = Math.max(best, passBytes / (double) dt);
                }
                long elapsed = System.nanoTime() - start;
                if (passes >= 3 && elapsed > timeBudgetNanos / 2 || passes >= 200 || elapsed > timeBudgetNanos) {
                    if (passes > 0) {
                        break;
                    }
                }
            }
            return new Probe(best, passes, passBytes);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Gets {@code ops.sum} compiled by C2 (the interpreted and C1 versions box vectors) on a small array. */
    private void warmUpSum(BooleanSupplier cancel) {
        float[] small = new float[1 << 14];
        long start = System.nanoTime();
        long best = Long.MAX_VALUE;
        int sinceBest = 0;
        float s = 0;
        for (int i = 0; System.nanoTime() - start < 5_000_000_000L; i++) {
            if ((i & 255) == 0) {
                check(cancel);
            }
            long t0 = System.nanoTime();
            s += ops.sum(small, 0, small.length);
            long dt = System.nanoTime() - t0;
            sinceBest = dt < best - best / 20 ? 0 : sinceBest + 1;
            best = Math.min(best, dt);
            if (sinceBest >= 500 && System.nanoTime() - start > 50_000_000L) {
                break;
            }
        }
        sink = s;
    }

    private void readPass(ExecutorService pool, float[][] buf, long floats) {
        int parts = threads;
        List<Future<Float>> fs = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            final int part = p;
            fs.add(pool.submit(() -> {
                float s = 0;
                // split each slab's range evenly so every thread streams its own contiguous stretch
                for (float[] slab : buf) {
                    int n = slab.length;
                    int lo = (int) ((long) n * part / parts);
                    int hi = (int) ((long) n * (part + 1) / parts);
                    s += ops.sum(slab, lo, hi - lo);
                }
                return s;
            }));
        }
        float total = 0;
        for (Future<Float> f : fs) {
            try {
                total += f.get();
            } catch (Exception e) {
                throw new IllegalStateException("bandwidth probe failed: " + e.getMessage(), e);
            }
        }
        sink = total;
    }

    /** FMA throughput in GFLOP/s (one FMA = 2 flops) of {@code threads} threads; best of several passes. */
    public Probe fmaThroughput(BooleanSupplier cancel) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemon());
        try {
            // warm-up: many short calls so that fmaLoop itself (not only an OSR loop) gets C2-compiled; on a
            // loaded machine the compiler threads are slow, so go on until the calls stop getting faster
            float w = 0;
            long warm = System.nanoTime();
            long warmBest = Long.MAX_VALUE;
            int sinceBest = 0;
            for (int i = 0; System.nanoTime() - warm < 5_000_000_000L; i++) {
                if ((i & 15) == 0) {
                    check(cancel);
                }
                long t0 = System.nanoTime();
                w += ops.fmaLoop(5_000, i);
                long dt = System.nanoTime() - t0;
                sinceBest = dt < warmBest - warmBest / 20 ? 0 : sinceBest + 1;
                warmBest = Math.min(warmBest, dt);
                if (sinceBest >= 200 && System.nanoTime() - warm > 100_000_000L) {
                    break;
                }
            }
            sink = w;
            long iterations = 200_000;
            double best = 0;
            int passes = 0;
            long start = System.nanoTime();
            for (int pass = 0; ; pass++) {
                check(cancel);
                final long it = iterations;
                List<Future<Float>> fs = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int p = 0; p < threads; p++) {
                    final float seed = p + pass;
                    fs.add(pool.submit(() -> ops.fmaLoop(it, seed)));
                }
                float s = 0;
                for (Future<Float> f : fs) {
                    try {
                        s += f.get();
                    } catch (Exception e) {
                        throw new IllegalStateException("FMA probe failed: " + e.getMessage(), e);
                    }
                }
                long dt = System.nanoTime() - t0;
                sink = s;
                if (pass >= 2) {
                    passes++;
                    best = Math.max(best, ops.fmaLoopFlops(it) * (double) threads / dt);
                }
                if (dt < 20_000_000L) {
                    iterations *= 2; // aim at passes of 20+ ms so start-up of the threads is negligible
                }
                long elapsed = System.nanoTime() - start;
                if (passes >= 5 && elapsed > timeBudgetNanos / 2 || elapsed > timeBudgetNanos && passes > 0) {
                    return new Probe(best, passes, ops.fmaLoopFlops(it) * threads);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void check(BooleanSupplier cancel) {
        if (cancel != null && cancel.getAsBoolean()) {
            throw new CancellationException("calibration cancelled");
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "kvlens-calibration");
            t.setDaemon(true);
            return t;
        };
    }
}
