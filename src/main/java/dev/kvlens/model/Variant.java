package dev.kvlens.model;

/**
 * The three names of one mechanism: grouped-query attention with {@code kvHeads} groups. MHA is GQA with H
 * groups, MQA is GQA with one group.
 */
public enum Variant {
    MHA, GQA, MQA;

    /** The variant for H query heads and KV key/value heads; KV = H is MHA (also when H = 1). */
    public static Variant of(int heads, int kvHeads) {
        if (kvHeads == heads) {
            return MHA;
        }
        if (kvHeads == 1) {
            return MQA;
        }
        return GQA;
    }

    /** "MHA", "MQA" or "GQA-8" (the number is the count of KV heads, i.e. of groups). */
    public static String label(int heads, int kvHeads) {
        Variant v = of(heads, kvHeads);
        return v == GQA ? "GQA-" + kvHeads : v.name();
    }
}
