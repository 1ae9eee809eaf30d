package dev.kvlens.bench;

/**
 * One measured causal prefill: {@code tokens} prompt tokens, one layer, one sequence.
 *
 * @param kvHeads        KV heads of the variant
 * @param tokens         prompt length
 * @param seconds        min / median / max of the whole prefill call
 * @param allocatedBytes bytes of K and V of the cache it filled
 */
public record PrefillPoint(int kvHeads, int tokens, Stats seconds, long allocatedBytes) {

    /** Median prefill time per prompt token. */
    public double secondsPerToken() {
        return seconds.median() / tokens;
    }
}
