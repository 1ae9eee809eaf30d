package dev.kvlens.model;

/**
 * A published model's attention shape, exactly as its source gives it.
 *
 * @param id          stable lower-case id used by the CLI ({@code llama-2-70b})
 * @param name        display name ({@code Llama-2-70B})
 * @param layers      transformer layers
 * @param hidden      model width
 * @param heads       query heads
 * @param kvHeads     key/value heads
 * @param headDim     per-head width
 * @param maxContext  trained context length in tokens
 * @param source      where the numbers come from (official config or paper), a URL or citation
 * @param note        caveats: disagreements between sources, what the model shares, etc. (may be empty)
 */
public record ModelPreset(String id, String name, int layers, int hidden, int heads, int kvHeads, int headDim,
                          int maxContext, String source, String note) {

    /** This preset's shape with the given batch, sequence length and dtype. */
    public AttentionConfig toConfig(int batch, int seqLen, KvDtype dtype) {
        return new AttentionConfig(hidden, heads, kvHeads, headDim, layers, batch, seqLen, dtype);
    }

    public Variant variant() {
        return Variant.of(heads, kvHeads);
    }

    public String variantLabel() {
        return Variant.label(heads, kvHeads);
    }

    @Override
    public String toString() {
        return name;
    }
}
