package dev.kvlens.lab;

import dev.kvlens.model.Variant;

/**
 * One attention shape to time: {@code mode} decode (one step at context {@code seq}) or prefill ({@code seq}
 * tokens into an empty cache). fp32, one layer.
 */
public record Shape(Mode mode, int batch, int heads, int kvHeads, int headDim, int seq) {

    public enum Mode { DECODE, PREFILL }

    public Shape {
        if (batch < 1 || heads < 1 || kvHeads < 1 || headDim < 1 || seq < 1) {
            throw new IllegalArgumentException("batch, heads, kvHeads, headDim and seq must be at least 1");
        }
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("kvHeads must divide heads (" + heads + "), got " + kvHeads);
        }
    }

    public static Shape decode(int batch, int heads, int kvHeads, int headDim, int seq) {
        return new Shape(Mode.DECODE, batch, heads, kvHeads, headDim, seq);
    }

    public static Shape prefill(int batch, int heads, int kvHeads, int headDim, int seq) {
        return new Shape(Mode.PREFILL, batch, heads, kvHeads, headDim, seq);
    }

    /** "MHA", "GQA-8", "MQA". */
    public String variant() {
        return Variant.label(heads, kvHeads);
    }

    /** FLOPs of the call: decode 4·B·H·T·d; prefill 4·B·H·d·T(T+1)/2 (QK^T and AV, causal). */
    public long flops() {
        if (mode == Mode.DECODE) {
            return 4L * batch * heads * seq * headDim;
        }
        return 4L * batch * heads * headDim * ((long) seq * (seq + 1) / 2);
    }

    /** Bytes of fp32 K and V the call reads (decode) or fills (prefill): 2·B·KV·T·d·4. */
    public long kvBytes() {
        return 2L * batch * kvHeads * seq * headDim * Float.BYTES;
    }

    /** FLOPs per byte of K/V. */
    public double intensity() {
        return (double) flops() / kvBytes();
    }
}
