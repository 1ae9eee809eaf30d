package dev.kvlens.bench;

/**
 * How long to warm up and how many calls to time.
 *
 * @param warmupNanos  warm-up time (JIT compilation of the kernel's loops) before timing
 * @param minWarmups   at least this many warm-up calls
 * @param minRepeats   at least this many timed calls
 * @param maxRepeats   at most this many timed calls
 * @param targetNanos  keep timing (up to maxRepeats) until this much time has been spent
 */
public record BenchSettings(long warmupNanos, int minWarmups, int minRepeats, int maxRepeats, long targetNanos) {

    public BenchSettings {
        if (minWarmups < 0 || minRepeats < 1 || maxRepeats < minRepeats || warmupNanos < 0 || targetNanos < 0) {
            throw new IllegalArgumentException("repeats must be at least 1 and warm-up at least 0");
        }
    }

    /** 0.5 s warm-up (≥ 2 calls), then 5 to 200 calls or about 1.5 s. */
    public static BenchSettings defaults() {
        return new BenchSettings(500_000_000L, 2, 5, 200, 1_500_000_000L);
    }

    /** Exactly {@code warmups} warm-up calls and {@code repeats} timed calls. */
    public static BenchSettings fixed(int warmups, int repeats) {
        return new BenchSettings(0, warmups, repeats, repeats, 0);
    }
}
