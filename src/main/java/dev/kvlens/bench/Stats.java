package dev.kvlens.bench;

import java.util.Arrays;

/**
 * Minimum, median and maximum of repeated timings, in seconds. Noise is shown, not hidden: every measured
 * point carries all three and the number of repeats.
 *
 * @param min    fastest repeat
 * @param median middle repeat (mean of the two middle ones for an even count)
 * @param max    slowest repeat
 * @param n      number of timed repeats (warm-ups excluded)
 */
public record Stats(double min, double median, double max, int n) {

    public Stats {
        if (n < 1 || !(min <= median) || !(median <= max)) {
            throw new IllegalArgumentException("need min <= median <= max over n >= 1 (got " + min + ", " + median
                    + ", " + max + ", n=" + n + ")");
        }
    }

    /** Statistics of the first {@code n} durations in nanoseconds. */
    public static Stats ofNanos(long[] nanos, int n) {
        if (n < 1 || n > nanos.length) {
            throw new IllegalArgumentException("n must be in [1, " + nanos.length + "] (got " + n + ")");
        }
        long[] s = Arrays.copyOf(nanos, n);
        Arrays.sort(s);
        double med = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
        return new Stats(s[0] / 1e9, med / 1e9, s[n - 1] / 1e9, n);
    }

    /** A single exact value (n = 1), e.g. for tests. */
    public static Stats single(double seconds) {
        return new Stats(seconds, seconds, seconds, 1);
    }

    /** (max − min) / median: how noisy the point is. */
    public double spread() {
        return median == 0 ? 0 : (max - min) / median;
    }
}
