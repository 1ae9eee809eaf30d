package dev.kvlens.bench;

import dev.kvlens.kernel.KernelOps;

/**
 * Runs the calibration probes in a JVM of their own and prints one line, {@code CALIBRATION <encoded>}.
 * {@link CalibrationProbe} starts it as a child process so that the probes' 512 MiB buffer and their JIT work
 * stay out of the app's heap and compiler queue (the app keeps running its measurements meanwhile).
 *
 * <p>Arguments: threads, buffer bytes, nanoseconds per probe.
 */
public final class CalibrationMain {

    /** Marker of the result line on standard output. */
    public static final String PREFIX = "CALIBRATION ";

    private CalibrationMain() {
    }

    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        long buffer = Long.parseLong(args[1]);
        long nanos = Long.parseLong(args[2]);
        CalibrationResult r = new CalibrationProbe(KernelOps.best(), threads, buffer, nanos, false)
                .calibrate(() -> false, (f, w) -> { });
        System.out.println(PREFIX + r.encode());
        System.out.flush();
    }
}
