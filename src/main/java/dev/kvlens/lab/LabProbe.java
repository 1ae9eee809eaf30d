package dev.kvlens.lab;

import java.util.function.BooleanSupplier;

/**
 * What the Lab needs from the benchmark layer: the machine's limits and the time of one shape. The app's
 * implementation ({@link BenchLabProbe}) delegates to {@code dev.kvlens.bench}; tests use fakes.
 * Calls block, poll {@code cancel} and throw {@link java.util.concurrent.CancellationException} when it fires.
 */
public interface LabProbe {

    /** Measured limits of this machine. */
    record Limits(double readGBs, double fmaGflops, long probeBytes, int threads, String machine) {
        public Roofline roofline() {
            return new Roofline(fmaGflops, readGBs);
        }
    }

    /** Read bandwidth on a buffer of about {@code bandwidthBytes} and FMA throughput. */
    Limits calibrate(long bandwidthBytes, BooleanSupplier cancel);

    /** Times one shape on the kernel. */
    Timed time(Shape shape, BooleanSupplier cancel);

    /** Bytes the measurement of {@code shape} would allocate, for a clear "too large" message up front. */
    long bytesNeeded(Shape shape);

    /** Bytes the probe may allocate. */
    long budgetBytes();
}
