package dev.kvlens.model;

/**
 * The formulas every view and the CLI share. All byte counts are exact integers.
 *
 * <pre>
 * KV bytes per token = 2 (K and V) × layers × kv_heads × head_dim × bytes per element
 * </pre>
 *
 * Sharing K/V heads does not change the score FLOPs of a decode step (every query head still takes a dot
 * product with every cached key); it divides the bytes of K/V cached, and read per step, by H / KV.
 */
public final class KvCacheMath {

    private KvCacheMath() {
    }

    /** 2 × KV × d × bytes: one token's K and V in one layer. */
    public static long bytesPerTokenPerLayer(AttentionConfig c) {
        return c.dtype().bytesFor(exact(2L, c.kvHeads(), c.headDim()));
    }

    /** 2 × L × KV × d × bytes: one token's K and V over all layers. */
    public static long bytesPerToken(AttentionConfig c) {
        return c.dtype().bytesFor(exact(2L, c.layers(), c.kvHeads(), c.headDim()));
    }

    /** KV cache of one sequence of {@code tokens} tokens, all layers. */
    public static long bytesForTokens(AttentionConfig c, long tokens) {
        return c.dtype().bytesFor(exact(2L, c.layers(), c.kvHeads(), c.headDim(), tokens));
    }

    /** KV cache of the whole batch at the configured sequence length, all layers. */
    public static long totalBytes(AttentionConfig c) {
        return c.dtype().bytesFor(exact(2L, c.layers(), c.kvHeads(), c.headDim(), c.seqLen(), c.batch()));
    }

    /** KV cache of the whole batch at the configured length in one layer. */
    public static long totalBytesPerLayer(AttentionConfig c) {
        return c.dtype().bytesFor(exact(2L, c.kvHeads(), c.headDim(), c.seqLen(), c.batch()));
    }

    /** How many times larger the MHA cache of the same H is: H / KV. */
    public static double ratioToMha(AttentionConfig c) {
        return (double) c.heads() / c.kvHeads();
    }

    /** How many times larger this cache is than the MQA cache of the same H: KV. */
    public static double ratioToMqa(AttentionConfig c) {
        return c.kvHeads();
    }

    /** Largest number of tokens (per sequence, whole batch) whose cache fits in {@code budgetBytes}. */
    public static long tokensThatFit(AttentionConfig c, long budgetBytes) {
        long perToken = Math.multiplyExact(bytesPerToken(c), (long) c.batch());
        return budgetBytes / perToken;
    }

    // ---- parameters (one layer, no biases) ----

    /** Wq: hidden × H·d. */
    public static long queryProjectionParams(AttentionConfig c) {
        return exact(c.hidden(), c.heads(), c.headDim());
    }

    /** Wk (equal to Wv): hidden × KV·d; shrinks by H / KV against MHA. */
    public static long keyProjectionParams(AttentionConfig c) {
        return exact(c.hidden(), c.kvHeads(), c.headDim());
    }

    /** Wk + Wv. */
    public static long kvProjectionParams(AttentionConfig c) {
        return 2 * keyProjectionParams(c);
    }

    /** Wo: H·d × hidden. */
    public static long outputProjectionParams(AttentionConfig c) {
        return exact(c.heads(), c.headDim(), c.hidden());
    }

    /** Wq + Wk + Wv + Wo of one layer. */
    public static long attentionParamsPerLayer(AttentionConfig c) {
        return queryProjectionParams(c) + kvProjectionParams(c) + outputProjectionParams(c);
    }

    /** Attention parameters of all layers. */
    public static long attentionParams(AttentionConfig c) {
        return Math.multiplyExact(attentionParamsPerLayer(c), (long) c.layers());
    }

    // ---- one decode step (one new token, one layer, one sequence, context of T cached tokens) ----

    /** QK^T: 2 × H × T × d FLOPs. Independent of KV: sharing does not reduce it. */
    public static long decodeScoreFlops(AttentionConfig c) {
        return exact(2L, c.heads(), c.seqLen(), c.headDim());
    }

    /** softmax(scores) · V: 2 × H × T × d FLOPs, also independent of KV. */
    public static long decodeValueFlops(AttentionConfig c) {
        return exact(2L, c.heads(), c.seqLen(), c.headDim());
    }

    /** Score plus value FLOPs of one decode step. */
    public static long decodeFlops(AttentionConfig c) {
        return decodeScoreFlops(c) + decodeValueFlops(c);
    }

    /** Bytes of K and V read in one decode step: 2 × KV × T × d × bytes (shrinks by H / KV). */
    public static long decodeKvBytesRead(AttentionConfig c) {
        return c.dtype().bytesFor(exact(2L, c.kvHeads(), c.seqLen(), c.headDim()));
    }

    /** FLOPs per byte of K/V read in a decode step: 2H / KV / bytes-per-element. */
    public static double decodeArithmeticIntensity(AttentionConfig c) {
        return (double) decodeFlops(c) / decodeKvBytesRead(c);
    }

    /** Causal prefill of T tokens, one layer, one sequence: QK^T and AV over the lower triangle. */
    public static long prefillFlops(AttentionConfig c) {
        long t = c.seqLen();
        long pairs = t * (t + 1) / 2;
        return exact(4L, c.heads(), c.headDim(), pairs);
    }

    private static long exact(long... factors) {
        long r = 1;
        try {
            for (long f : factors) {
                r = Math.multiplyExact(r, f);
            }
        } catch (ArithmeticException e) {
            throw new ConfigException("config.overflow",
                    "this configuration is too large to count in bytes; reduce the sequence length or batch");
        }
        return r;
    }
}
