package dev.kvlens.lab;

import dev.kvlens.bench.BenchResult;
import dev.kvlens.bench.BenchSettings;
import dev.kvlens.bench.Calibration;
import dev.kvlens.bench.DecodeBenchmark;
import dev.kvlens.bench.MachineInfo;
import dev.kvlens.bench.PrefillBenchmark;
import dev.kvlens.kernel.AttentionKernel;
import dev.kvlens.kernel.MemoryBudget;
import java.util.function.BooleanSupplier;

/**
 * The Lab's probe over the app's benchmark layer: {@link Calibration} for the limits and
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

    public BenchLabProbe(int threads, MemoryBudget budget, BenchSettings settings) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.threads = threads;
        this.budget = budget;
        this.settings = settings;
    }

    /** {@code threads} kernel threads, the default memory budget, {@link #QUICK} settings. */
    public BenchLabProbe(int threads) {
        this(threads, MemoryBudget.defaultBudget(), QUICK);
    }

    public int threads() {
        return threads;
    }

    @Override
    public Limits calibrate(long bandwidthBytes, BooleanSupplier cancel) {
        try (AttentionKernel k = new AttentionKernel(threads)) {
            Calibration c = new Calibration(k.ops(), threads, CALIBRATION_NANOS);
            budget.check(bandwidthBytes, "bandwidth probe buffer");
            double gbs = c.readBandwidth(bandwidthBytes, cancel).value();
            double gflops = c.fmaThroughput(cancel).value();
            MachineInfo m = MachineInfo.of(k.ops());
            return new Limits(gbs, gflops, bandwidthBytes, threads,
                    m.cpuModel() + ", " + m.vector() + ", " + threads + (threads == 1 ? " thread" : " threads")
                            + ", JDK " + m.jdk());
        }
    }

    @Override
    public Timed time(Shape s, BooleanSupplier cancel) {
        try (AttentionKernel k = new AttentionKernel(threads)) {
            BenchResult r = s.mode() == Shape.Mode.DECODE
                    ? DecodeBenchmark.run(k, s.batch(), s.heads(), s.kvHeads(), s.headDim(), s.seq(), settings, budget,
                            0, 0, 42, cancel)
                    : PrefillBenchmark.run(k, s.batch(), s.heads(), s.kvHeads(), s.headDim(), s.seq(), settings,
                            budget, 0, 0, 42, cancel);
            return new Timed(s, r.medianNs(), r.minNs(), r.repeats());
        }
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
