package dev.kvlens.model;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One attention configuration, immutable and always valid.
 *
 * @param hidden   model (embedding) width; only used for projection parameter counts
 * @param heads    query heads H
 * @param kvHeads  key/value heads (= groups); 1 ≤ kvHeads ≤ H and H % kvHeads == 0
 * @param headDim  per-head width d (explicit: Gemma-7B has d = 256 with hidden = 3072)
 * @param layers   transformer layers L
 * @param batch    sequences decoded together B
 * @param seqLen   tokens per sequence T
 * @param dtype    element type of the KV cache
 */
public record AttentionConfig(int hidden, int heads, int kvHeads, int headDim, int layers, int batch,
                              int seqLen, KvDtype dtype) {

    public static final int MAX_HEADS = 1024;
    public static final int MAX_HEAD_DIM = 4096;
    public static final int MAX_LAYERS = 1024;
    public static final int MAX_BATCH = 1 << 16;
    public static final int MAX_SEQ = 1 << 24;
    public static final int MAX_HIDDEN = 1 << 20;

    public AttentionConfig {
        if (dtype == null) {
            throw new ConfigException("config.dtypeMissing", "a KV-cache dtype is required; choose one of "
                    + KvDtype.allIds(), KvDtype.allIds());
        }
        positive("heads", "query heads", heads, MAX_HEADS);
        positive("kvHeads", "KV heads", kvHeads, MAX_HEADS);
        positive("headDim", "head dim", headDim, MAX_HEAD_DIM);
        positive("layers", "layers", layers, MAX_LAYERS);
        positive("batch", "batch", batch, MAX_BATCH);
        positive("seqLen", "sequence length", seqLen, MAX_SEQ);
        positive("hidden", "hidden size", hidden, MAX_HIDDEN);
        if (kvHeads > heads) {
            throw new ConfigException("config.kvAboveHeads",
                    kvHeads + " KV heads is more than the " + heads + " query heads; KV heads must be between 1 and "
                            + heads, kvHeads, heads);
        }
        if (heads % kvHeads != 0) {
            String choices = divisorList(heads);
            throw new ConfigException("config.kvNotDivisor",
                    heads + " query heads cannot be split into " + kvHeads + " groups; choose " + choices,
                    heads, kvHeads, choices);
        }
    }

    /** A config whose hidden size is H × d, the common case. */
    public static AttentionConfig of(int heads, int kvHeads, int headDim, int layers, int batch, int seqLen,
                                     KvDtype dtype) {
        long hidden = (long) heads * headDim;
        return new AttentionConfig((int) Math.min(hidden, MAX_HIDDEN), heads, kvHeads, headDim, layers, batch,
                seqLen, dtype);
    }

    /** The app's starting point: the Llama-3-8B shape (GQA-8), 4096 tokens, batch 1, fp16. */
    public static AttentionConfig defaults() {
        return new AttentionConfig(4096, 32, 8, 128, 32, 1, 4096, KvDtype.FP16);
    }

    private static void positive(String field, String name, long value, long max) {
        if (value < 1) {
            throw new ConfigException("config.notPositive", name + " must be at least 1 (got " + value + ")",
                    field, value);
        }
        if (value > max) {
            throw new ConfigException("config.tooLarge", name + " must be at most " + max + " (got " + value + ")",
                    field, value, max);
        }
    }

    /** All divisors of n, ascending: the only valid KV-head counts for n query heads. */
    public static List<Integer> divisors(int n) {
        List<Integer> low = new ArrayList<>();
        List<Integer> high = new ArrayList<>();
        for (int i = 1; (long) i * i <= n; i++) {
            if (n % i == 0) {
                low.add(i);
                if (i != n / i) {
                    high.add(0, n / i);
                }
            }
        }
        low.addAll(high);
        return low;
    }

    /** "1, 2, 4, 8, 16 or 32". */
    static String divisorList(int n) {
        List<Integer> d = divisors(n);
        if (d.size() == 1) {
            return String.valueOf(d.get(0));
        }
        String head = d.subList(0, d.size() - 1).stream().map(String::valueOf).collect(Collectors.joining(", "));
        return head + " or " + d.get(d.size() - 1);
    }

    /** The divisor of {@code heads} closest to {@code wanted} (ties go to the smaller one). */
    public static int nearestDivisor(int heads, int wanted) {
        int best = 1;
        for (int d : divisors(heads)) {
            if (Math.abs(d - wanted) < Math.abs(best - wanted)) {
                best = d;
            }
        }
        return best;
    }

    public Variant variant() {
        return Variant.of(heads, kvHeads);
    }

    /** "MHA", "GQA-8" or "MQA". */
    public String variantLabel() {
        return Variant.label(heads, kvHeads);
    }

    /** Number of KV groups (= KV heads). */
    public int groups() {
        return kvHeads;
    }

    /** Query heads that share one K/V head. */
    public int headsPerGroup() {
        return heads / kvHeads;
    }

    /** The KV head that query head {@code h} reads. */
    public int kvHeadOf(int queryHead) {
        return queryHead / headsPerGroup();
    }

    public AttentionConfig withHidden(int v) {
        return new AttentionConfig(v, heads, kvHeads, headDim, layers, batch, seqLen, dtype);
    }

    /** Changes H; the KV-head count moves to the nearest valid divisor of the new H. */
    public AttentionConfig withHeads(int v) {
        int kv = v >= 1 && v <= MAX_HEADS ? nearestDivisor(v, Math.min(kvHeads, v)) : kvHeads;
        return new AttentionConfig(hidden, v, kv, headDim, layers, batch, seqLen, dtype);
    }

    public AttentionConfig withKvHeads(int v) {
        return new AttentionConfig(hidden, heads, v, headDim, layers, batch, seqLen, dtype);
    }

    public AttentionConfig withHeadDim(int v) {
        return new AttentionConfig(hidden, heads, kvHeads, v, layers, batch, seqLen, dtype);
    }

    public AttentionConfig withLayers(int v) {
        return new AttentionConfig(hidden, heads, kvHeads, headDim, v, batch, seqLen, dtype);
    }

    public AttentionConfig withBatch(int v) {
        return new AttentionConfig(hidden, heads, kvHeads, headDim, layers, v, seqLen, dtype);
    }

    public AttentionConfig withSeqLen(int v) {
        return new AttentionConfig(hidden, heads, kvHeads, headDim, layers, batch, v, dtype);
    }

    public AttentionConfig withDtype(KvDtype v) {
        return new AttentionConfig(hidden, heads, kvHeads, headDim, layers, batch, seqLen, v);
    }

    /** The same shape as MHA (KV = H). */
    public AttentionConfig asMha() {
        return withKvHeads(heads);
    }

    /** The same shape as MQA (KV = 1). */
    public AttentionConfig asMqa() {
        return withKvHeads(1);
    }
}
