package dev.kvlens.bench;

/**
 * One measured decode point: the time of one decode step (one new token attending over {@code context}
 * cached tokens), one layer, one sequence, with the real cache the kernel allocated for it.
 *
 * @param kvHeads        KV heads of the variant
 * @param context        cached tokens the new token attends over
 * @param seconds        min / median / max of the timed repeats
 * @param allocatedBytes bytes of K and V the kernel's cache allocated (capacity = context + 1), exact
 * @param heapBeforeBytes JVM heap in use just before the cache was allocated
 * @param heapAfterBytes  JVM heap in use right after it was allocated and filled
 */
public record DecodePoint(int kvHeads, int context, Stats seconds, long allocatedBytes, long heapBeforeBytes,
                          long heapAfterBytes) {

    /** Bytes of K and V per cached token (allocated / capacity). */
    public double allocatedBytesPerToken() {
        return allocatedBytes / (double) (context + 1);
    }
}
