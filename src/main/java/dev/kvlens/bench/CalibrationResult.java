package dev.kvlens.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * This machine's measured limits, cached between runs (in preferences) and shown in "About this machine".
 *
 * @param readGBs       streaming read bandwidth, GB/s (10^9 bytes per second), best pass
 * @param fmaGflops     FMA throughput, GFLOP/s (one FMA = 2 FLOPs), best pass
 * @param threads       threads both probes used (the same as the measurement kernel's)
 * @param probeBytes    size of the buffer the bandwidth probe streamed
 * @param fingerprint   the machine it was measured on ({@link #fingerprint}); a different one means re-measure
 * @param measuredAtMillis wall-clock time of the measurement
 */
public record CalibrationResult(double readGBs, double fmaGflops, int threads, long probeBytes, String fingerprint,
                                long measuredAtMillis) {

    /** Format and probe revision: cal2 drops results cached before the kernel fix that made in-app probes reliable. */
    private static final String VERSION = "cal2";

    public CalibrationResult {
        if (!(readGBs > 0) || !(fmaGflops > 0) || threads < 1 || fingerprint == null) {
            throw new IllegalArgumentException("invalid calibration");
        }
    }

    /** Identifies the machine and runtime a calibration is valid for. */
    public static String fingerprint(String cpu, int cores, String vector, int threads, String jdk) {
        return (cpu + "|" + cores + "|" + vector + "|" + threads + "|" + jdk).replace(';', ',');
    }

    /** Seconds one decode step needs at least when it must stream {@code bytes} of K/V at this bandwidth. */
    public double bandwidthBoundSeconds(double bytes) {
        return bytes / (readGBs * 1e9);
    }

    /** Seconds {@code flops} take at least at the measured FMA peak. */
    public double computeBoundSeconds(double flops) {
        return flops / (fmaGflops * 1e9);
    }

    /** One line for preferences. */
    public String encode() {
        return String.format(Locale.ROOT, "%s;%s;%s;%d;%d;%d;%s", VERSION, Double.toString(readGBs),
                Double.toString(fmaGflops), threads, probeBytes, measuredAtMillis, fingerprint);
    }

    /** Parses {@link #encode()}'s output; anything malformed (or an old format) is empty. */
    public static Optional<CalibrationResult> decode(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String[] f = s.split(";", 7);
        if (f.length != 7 || !VERSION.equals(f[0])) {
            return Optional.empty();
        }
        try {
            double bw = Double.parseDouble(f[1]);
            double fma = Double.parseDouble(f[2]);
            if (!Double.isFinite(bw) || !Double.isFinite(fma) || bw > 1e5 || fma > 1e7) {
                return Optional.empty();
            }
            return Optional.of(new CalibrationResult(bw, fma, Integer.parseInt(f[3]), Long.parseLong(f[4]), f[6],
                    Long.parseLong(f[5])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
