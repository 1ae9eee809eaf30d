package dev.kvlens.lab;

import dev.kvlens.bench.BenchResult;
import dev.kvlens.bench.BenchSettings;
import dev.kvlens.bench.CalibrationProbe;
import dev.kvlens.bench.CalibrationResult;
import dev.kvlens.bench.DecodeBenchmark;
import dev.kvlens.bench.MachineInfo;
import dev.kvlens.bench.PrefillBenchmark;
import dev.kvlens.kernel.AttentionKernel;
import dev.kvlens.kernel.KernelOps;
import dev.kvlens.kernel.KvCache;
import dev.kvlens.kernel.MemoryBudget;
import java.util.function.BooleanSupplier;

/**
 * The Lab's probe over the app's benchmark layer: {@link CalibrationProbe} for the limits and
 * {@link DecodeBenchmark} / {@link PrefillBenchmark} for the points, all on the same kernel thread count.
 * Short settings (a fraction of a second per point) so a view's whole plan takes a few seconds.
 */
public final class BenchLabProbe implements LabProbe {

    /** Warm-up 250 ms (≥ 2 calls), then 5 to 60 calls or about 300 ms. */
    public static final BenchSettings QUICK = new BenchSettings(250_000_000L, 2, 5, 60, 300_000_000L);
    /** Time per calibration probe. */
    public static final long CALIBRATION_NANOS = 700_000_000L;

    private final int threads;
    private final MemoryBudget budget;
    private final BenchSettings settings;
    private final long calibrationNanos;

    public BenchLabProbe(int threads, MemoryBudget budget, BenchSettings settings) {
        this(threads, budget, settings, CALIBRATION_NANOS);
    }

    public BenchLabProbe(int threads, MemoryBudget budget, BenchSettings settings, long calibrationNanos) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.threads = threads;
        this.budget = budget;
        this.settings = settings;
        this.calibrationNanos = calibrationNanos;
    }

    /** {@code threads} kernel threads, the default memory budget, {@link #QUICK} settings. */
    public BenchLabProbe(int threads) {
        this(threads, MemoryBudget.defaultBudget(), QUICK);
    }

    public int threads() {
        return threads;
    }

    /**
     * Limits through the app's {@link CalibrationProbe} (an unrecorded warm-up round, then the timed probes) on
     * a buffer of {@code bandwidthBytes}: the same level of the memory hierarchy the Lab's decode reads. The
     * probes run in a child JVM (falling back to this one): in the window, the JIT's queue is full of UI code at
     * first and a probe timed in-process could measure un-compiled Vector API code (0.7 GB/s instead of 28).
     */
    @Override
    public Limits calibrate(long bandwidthBytes, BooleanSupplier cancel) {
        budget.check(bandwidthBytes, "bandwidth probe buffer");
        KernelOps ops = KernelOps.best();
        CalibrationResult r = new CalibrationProbe(ops, threads, bandwidthBytes, calibrationNanos, true)
                .calibrate(cancel, (f, what) -> { });
        MachineInfo m = MachineInfo.of(ops);
        return new Limits(r.readGBs(), r.fmaGflops(), bandwidthBytes, threads,
                m.cpuModel() + ", " + m.vector() + ", " + threads + (threads == 1 ? " thread" : " threads")
                        + ", JDK " + m.jdk());
    }

    /**
     * Once per JVM, before the first timed shape: a fixed number of decode and prefill calls with one, a few
     * and all query heads per KV head, so the kernel's loops for every grouping are JIT-compiled by call
     * count (a time-based warm-up alone measures the interpreter when the machine is busy).
     */
    static void warmUpKernel(AttentionKernel k, BooleanSupplier cancel) {
        if (WARM.get()) {
            return;
        }
        for (int kv : new int[] {8, 2, 1}) {
            KvCache c = KvCache.shared(2, 8, kv, 64, 600);
            float[] q = new float[2 * 8 * 64 * 64];
            float[] kk = new float[2 * kv * 64 * 64];
            java.util.Arrays.fill(q, 0.01f);
            java.util.Arrays.fill(kk, 0.02f);
            float[] out = new float[q.length];
            for (int i = 0; i < 15; i++) {
                c.clear();
                k.prefill(c, q, kk, kk, 64, out, cancel);
                c.appendRandom(400, i);
                for (int s = 0; s < 30; s++) {
                    k.decode(c, q, kk, kk, out, cancel);
                }
            }
        }
        WARM.set(true);
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARM = new java.util.concurrent.atomic.AtomicBoolean();

    /** Extra measurements of a shape class the first time it is measured in a JVM. */
    static final int SETTLE_ROUNDS = 4;

    /** Shape classes (mode and grouping) already measured once in this JVM. */
    private static final java.util.Set<String> SETTLED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public Timed time(Shape s, BooleanSupplier cancel) {
        try (AttentionKernel k = new AttentionKernel(threads)) {
            warmUpKernel(k, cancel);
            String cls = s.mode() + "/" + (s.kvHeads() == s.heads() ? "mha" : s.kvHeads() == 1 ? "mqa" : "gqa");
            BenchResult r = run(k, s, cancel);
            if (!SETTLED.contains(cls)) {
                // The first measurements of a shape class in a JVM ran up to 40x slow (the JIT still settling
                // after the warm-up; worst inside the app, whose compiler queue is full of UI code): repeat
                // until the best time stops improving by more than 20 %, at most SETTLE_ROUNDS more times.
                for (int i = 0; i < SETTLE_ROUNDS; i++) {
                    BenchResult next = run(k, s, cancel);
                    boolean settled = next.minNs() > 0.8 * r.minNs();
                    r = next.minNs() < r.minNs() ? next : r;
                    if (settled) {
                        break;
                    }
                }
                SETTLED.add(cls);
            }
            return new Timed(s, r.medianNs(), r.minNs(), r.repeats());
        }
    }

    private BenchResult run(AttentionKernel k, Shape s, BooleanSupplier cancel) {
        return s.mode() == Shape.Mode.DECODE
                ? DecodeBenchmark.run(k, s.batch(), s.heads(), s.kvHeads(), s.headDim(), s.seq(), settings, budget,
                        0, 0, 42, cancel)
                : PrefillBenchmark.run(k, s.batch(), s.heads(), s.kvHeads(), s.headDim(), s.seq(), settings, budget,
                        0, 0, 42, cancel);
    }

    @Override
    public long bytesNeeded(Shape s) {
        return s.mode() == Shape.Mode.DECODE
                ? DecodeBenchmark.bytesNeeded(s.batch(), s.heads(), s.kvHeads(), s.headDim(), s.seq())
                : PrefillBenchmark.bytesNeeded(s.batch(), s.heads(), s.kvHeads(), s.headDim(), s.seq());
    }

    @Override
    public long budgetBytes() {
        return budget.bytes();
    }
}
