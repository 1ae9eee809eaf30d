package dev.kvlens.bench;

import dev.kvlens.kernel.KernelOps;
import java.util.concurrent.CancellationException;
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
    private final boolean isolated;

    public CalibrationProbe(KernelOps ops, int threads, long bufferBytes, long probeNanos) {
        this(ops, threads, bufferBytes, probeNanos, false);
    }

    /**
     * @param isolated run the probes in a child JVM ({@link CalibrationMain}), falling back to this JVM if
     *                 that cannot be started (keeps the 512 MiB probe buffer out of the app's heap)
     */
    public CalibrationProbe(KernelOps ops, int threads, long bufferBytes, long probeNanos, boolean isolated) {
        this.ops = ops;
        this.threads = threads;
        this.bufferBytes = bufferBytes;
        this.probeNanos = probeNanos;
        this.isolated = isolated;
    }

    /**
     * The app's probe: best routines, interactive thread count, 512 MiB (or 1/4 of the heap), a 0.2 s warm-up
     * round then 0.9 s per probe (under 3 s in all).
     */
    public static CalibrationProbe forApp() {
        long buf = Math.min(DEFAULT_BUFFER, Runtime.getRuntime().maxMemory() / 4);
        return new CalibrationProbe(KernelOps.best(), AttentionProbe.interactiveThreads(), buf, 900_000_000L, true);
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
        if (isolated) {
            CalibrationResult r = inChildJvm(cancel, progress);
            if (r != null) {
                return r;
            }
        }
        return inThisJvm(cancel, progress);
    }

    /** Runs {@link CalibrationMain} in a child JVM with this JVM's java and class path; null if that fails. */
    private CalibrationResult inChildJvm(BooleanSupplier cancel, KernelSweep.Progress progress) {
        String javaCmd = ProcessHandle.current().info().command().orElse(null);
        String cp = System.getProperty("java.class.path");
        if (javaCmd == null || cp == null || cp.isBlank()) {
            return null;
        }
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(javaCmd, "-Xmx" + Math.max(256,
                (bufferBytes >> 20) + 256) + "m", "--add-modules", "jdk.incubator.vector", "-cp", cp));
        String vec = System.getProperty(KernelOps.VECTOR_PROPERTY);
        if (vec != null) {
            cmd.add("-D" + KernelOps.VECTOR_PROPERTY + "=" + vec);
        }
        cmd.addAll(java.util.List.of(CalibrationMain.class.getName(), String.valueOf(threads),
                String.valueOf(bufferBytes), String.valueOf(probeNanos)));
        Process p = null;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            long start = System.nanoTime();
            String result = null;
            while (true) {
                if (cancel != null && cancel.getAsBoolean()) {
                    throw new CancellationException("calibration cancelled");
                }
                if (out.ready()) {
                    String line = out.readLine();
                    if (line == null) {
                        break;
                    }
                    if (line.startsWith(CalibrationMain.PREFIX)) {
                        result = line.substring(CalibrationMain.PREFIX.length()).trim();
                    }
                } else if (!p.isAlive()) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        if (line.startsWith(CalibrationMain.PREFIX)) {
                            result = line.substring(CalibrationMain.PREFIX.length()).trim();
                        }
                    }
                    break;
                } else {
                    double t = (System.nanoTime() - start) / (3.0 * probeNanos + 1e9);
                    progress.update(Math.min(0.95, t), "");
                    Thread.sleep(20);
                }
                if (System.nanoTime() - start > 60_000_000_000L) {
                    return null;
                }
            }
            return result == null ? null : CalibrationResult.decode(result)
                    .map(r -> new CalibrationResult(r.readGBs(), r.fmaGflops(), r.threads(), r.probeBytes(),
                            fingerprint(), r.measuredAtMillis())).orElse(null);
        } catch (java.io.IOException | RuntimeException e) {
            if (e instanceof CancellationException c) {
                throw c;
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("calibration interrupted");
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private CalibrationResult inThisJvm(BooleanSupplier cancel, KernelSweep.Progress progress) {
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
