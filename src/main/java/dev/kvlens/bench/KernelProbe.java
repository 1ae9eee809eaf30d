package dev.kvlens.bench;

import java.util.function.BooleanSupplier;

/**
 * Times the attention kernel for one shape. The real implementation is {@link AttentionProbe}; tests use a
 * fake. Implementations throw {@link java.util.concurrent.CancellationException} when {@code cancel} fires.
 * One caller at a time.
 */
public interface KernelProbe extends AutoCloseable {

    /**
     * Allocates a one-layer, one-sequence cache of {@code context + 1} tokens for {@code kvHeads} KV heads,
     * fills {@code context} of them, and times decode steps at that context.
     */
    DecodePoint decode(int heads, int kvHeads, int headDim, int context, Repeats repeats, BooleanSupplier cancel);

    /** Times a causal prefill of {@code tokens} tokens into an empty one-layer, one-sequence cache. */
    PrefillPoint prefill(int heads, int kvHeads, int headDim, int tokens, Repeats repeats, BooleanSupplier cancel);

    /** "vector 16 x float (512-bit), 1 thread": how the kernel runs, for footnotes. */
    String describe();

    @Override
    void close();

    /** At least {@code min} timed repeats, at most {@code max}, stopping after {@code sliceNanos} past min. */
    record Repeats(int min, int max, long sliceNanos) {
        public Repeats {
            if (min < 1 || max < min) {
                throw new IllegalArgumentException("need 1 <= min <= max (got " + min + ", " + max + ")");
            }
        }

        public static Repeats of(MeasurementLimits l) {
            return new Repeats(l.minRepeats(), l.maxRepeats(), l.pointSliceNanos());
        }

        /** True when another repeat should run after {@code done} repeats that took {@code spentNanos}. */
        public boolean more(int done, long spentNanos) {
            return done < min || done < max && spentNanos < sliceNanos;
        }
    }
}
