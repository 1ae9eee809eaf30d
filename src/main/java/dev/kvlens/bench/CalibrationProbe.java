package dev.kvlens.bench;

import dev.kvlens.kernel.KernelOps;
import java.util.function.BooleanSupplier;

/**
 * The real {@link MachineProbe}: {@link Calibration}'s read-bandwidth probe (a buffer larger than the
 * last-level cache, so the figure is DRAM bandwidth) and FMA-throughput probe, with the same routines and
 * thread count as the measurement kernel, each given about {@code probeNanos}.
 */
public final class CalibrationProbe implements MachineProbe {

    /** 512 MiB: twice the 260 MiB L3 of the reference machine. */
    public static final long DEFAULT_BUFFER = 512L << 20;

    private final KernelOps ops;
    private final int threads;
    private final long bufferBytes;
    private final long probeNanos;

    public CalibrationProbe(KernelOps ops, int threads, long bufferBytes, long probeNanos) {
        this.ops = ops;
        this.threads = threads;
        this.bufferBytes = bufferBytes;
        this.probeNanos = probeNanos;
    }

    /**
     * The app's probe: best routines, interactive thread count, 512 MiB (or 1/4 of the heap), a 0.2 s warm-up
     * round then 0.9 s per probe (under 3 s in all).
     */
    public static CalibrationProbe forApp() {
        long buf = Math.min(DEFAULT_BUFFER, Runtime.getRuntime().maxMemory() / 4);
        return new CalibrationProbe(KernelOps.best(), AttentionProbe.interactiveThreads(), buf, 900_000_000L);
    }

    /** The fingerprint a cached calibration must match to be reused on this machine and runtime. */
    public String fingerprint() {
        MachineInfo m = MachineInfo.of(ops);
        return CalibrationResult.fingerprint(m.cpuModel(), m.cores(), m.vector(), threads, m.jdk());
    }

    public int threads() {
        return threads;
    }

    @Override
    public CalibrationResult calibrate(BooleanSupplier cancel, KernelSweep.Progress progress) {
        // a short unrecorded round first, so that the probes' loops are JIT-compiled before they are timed
        // (in a fresh JVM the first passes run interpreted and would report a fraction of the real limits)
        Calibration warm = new Calibration(ops, threads, Math.max(1, probeNanos / 5));
        progress.update(0.02, "warm-up");
        warm.readBandwidth(Math.min(bufferBytes, 32L << 20), cancel);
        warm.fmaThroughput(cancel);
        Calibration cal = new Calibration(ops, threads, probeNanos);
        progress.update(0.15, "bandwidth");
        Calibration.Probe bw = cal.readBandwidth(bufferBytes, cancel);
        progress.update(0.55, "FMA");
        Calibration.Probe fma = cal.fmaThroughput(cancel);
        progress.update(1, "");
        return new CalibrationResult(bw.value(), fma.value(), threads, bufferBytes, fingerprint(),
                System.currentTimeMillis());
    }
}
