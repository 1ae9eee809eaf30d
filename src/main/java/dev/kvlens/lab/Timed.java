package dev.kvlens.lab;

/**
 * A measured shape: median wall-clock nanoseconds of one call over {@code repeats} timed calls.
 */
public record Timed(Shape shape, long medianNs, long minNs, int repeats) {

    public Timed {
        if (medianNs <= 0 || repeats < 1) {
            throw new IllegalArgumentException("a measurement needs a positive time and at least one repeat");
        }
    }

    /** Achieved GFLOP/s at the median. */
    public double gflops() {
        return shape.flops() / (double) medianNs;
    }

    /** Achieved K/V GB/s at the median. */
    public double gbps() {
        return shape.kvBytes() / (double) medianNs;
    }

    public double medianMicros() {
        return medianNs / 1e3;
    }
}
