package dev.kvlens.lab;

/**
 * A measured shape: the best (minimum) and median wall-clock nanoseconds of one call over {@code repeats}
 * timed calls. The Lab's rates and ratios use the best call, like the calibration's limits (best pass): on a
 * shared machine the best call is the one least disturbed by other work, and limits and points then compare
 * like with like. Medians go into the CSV exports.
 */
public record Timed(Shape shape, long medianNs, long minNs, int repeats) {

    public Timed {
        if (medianNs <= 0 || minNs <= 0 || minNs > medianNs || repeats < 1) {
            throw new IllegalArgumentException("a measurement needs 0 < best ≤ median and at least one repeat");
        }
    }

    /** The best call, ns. */
    public long bestNs() {
        return minNs;
    }

    /** Achieved GFLOP/s of the best call. */
    public double gflops() {
        return shape.flops() / (double) minNs;
    }

    /** Achieved K/V GB/s of the best call. */
    public double gbps() {
        return shape.kvBytes() / (double) minNs;
    }

    public double bestMicros() {
        return minNs / 1e3;
    }
}
