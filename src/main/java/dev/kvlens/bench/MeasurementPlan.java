package dev.kvlens.bench;

import dev.kvlens.kernel.KvCache;
import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What one sweep measures for a config: one attention layer and one sequence of the real kernel (fp32 K/V),
 * for MHA, the current KV-head count and MQA with the same H and d. The model total is the per-layer number
 * × L (and × batch), which the charts label as such.
 *
 * @param config         the config the plan was made for (its T, L, batch and dtype are for the formula side)
 * @param kvHeads        distinct KV-head counts to measure, current first, then MHA (= H), then MQA (= 1)
 * @param contexts       decode context lengths, ascending, the largest = T
 * @param prefillTokens  the prompt length whose prefill is timed (≤ T, bounded by the FLOP cap)
 * @param limits         the limits the plan was made with
 */
public record MeasurementPlan(AttentionConfig config, List<Integer> kvHeads, List<Integer> contexts,
                              int prefillTokens, MeasurementLimits limits) {

    public MeasurementPlan {
        kvHeads = List.copyOf(kvHeads);
        contexts = List.copyOf(contexts);
    }

    public static MeasurementPlan forConfig(AttentionConfig c, MeasurementLimits limits) {
        List<Integer> kvs = new ArrayList<>();
        for (int kv : new int[] {c.kvHeads(), c.heads(), 1}) {
            if (!kvs.contains(kv)) {
                kvs.add(kv);
            }
        }
        int p = prefillTokens(c.heads(), c.headDim(), c.seqLen(), limits.prefillFlopCap());
        return new MeasurementPlan(c, kvs, contexts(c.seqLen(), limits.minContext(), limits.maxContexts(), p),
                p, limits);
    }

    /** T, T/2, T/4, … while ≥ minContext (at most {@code max} of them), plus the prefill length; ascending. */
    static List<Integer> contexts(int t, int minContext, int max, int prefill) {
        TreeSet<Integer> s = new TreeSet<>();
        for (int x = t; x >= minContext && s.size() < max; x /= 2) {
            s.add(x);
        }
        s.add(Math.min(t, Math.max(1, s.isEmpty() ? t : s.first())));
        s.add(prefill);
        return List.copyOf(s);
    }

    /** Longest p ≤ t with causal prefill FLOPs 4·H·d·p(p+1)/2 ≤ cap; at least 1. */
    static int prefillTokens(int heads, int headDim, int t, double flopCap) {
        double perPair = 4.0 * heads * headDim;
        int p = (int) Math.floor(Math.sqrt(2 * flopCap / perPair));
        while (p > 1 && perPair * p * (p + 1) / 2 > flopCap) {
            p--;
        }
        return Math.max(1, Math.min(t, p));
    }

    public int heads() {
        return config.heads();
    }

    public int headDim() {
        return config.headDim();
    }

    public int currentKv() {
        return config.kvHeads();
    }

    /** Largest decode context (= T). */
    public int maxContext() {
        return contexts.get(contexts.size() - 1);
    }

    /** "MHA", "GQA-8", "MQA" for a KV-head count of this plan. */
    public String label(int kv) {
        return Variant.label(config.heads(), kv);
    }

    /** Bytes of the one-layer, one-sequence fp32 cache the kernel allocates for {@code capacity} tokens. */
    public long cacheBytes(int kv, int capacity) {
        return KvCache.bytesFor(1, config.heads(), kv, config.headDim(), capacity, false);
    }

    /** Why a point would not be measured, or null if it will be. */
    public SkipReason skipReason(int kv, int capacity) {
        long need = cacheBytes(kv, capacity);
        if (need > limits.memoryBudgetBytes()) {
            return SkipReason.OVER_BUDGET;
        }
        if (need > limits.cacheCapBytes()) {
            return SkipReason.OVER_CAP;
        }
        return null;
    }

    /** Number of (variant, context) decode points plus prefill points: the progress denominator. */
    public int steps() {
        return kvHeads.size() * (contexts.size() + 1);
    }

    /** Same plan inputs (the formula-only fields L, batch and dtype may differ). */
    public boolean sameMeasurement(MeasurementPlan o) {
        return o != null && o.kvHeads.equals(kvHeads) && o.contexts.equals(contexts)
                && o.prefillTokens == prefillTokens && o.heads() == heads() && o.headDim() == headDim();
    }

    /** Why a point is drawn formula-only. */
    public enum SkipReason {
        /** The cache would not fit the memory budget. */
        OVER_BUDGET,
        /** It would fit, but measuring it would make the sweep too slow. */
        OVER_CAP
    }
}
