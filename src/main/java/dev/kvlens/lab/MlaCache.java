package dev.kvlens.lab;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvCacheMath;
import dev.kvlens.model.KvDtype;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-head latent attention (MLA, DeepSeek-V2, arXiv 2405.04434 §2.1): per layer and token the cache holds
 * one compressed latent c_KV of {@code kv_lora_rank} numbers plus one decoupled RoPE key of
 * {@code qk_rope_head_dim} numbers shared by all heads — independent of the number of heads. The shape is the
 * published one (official config.json of deepseek-ai/DeepSeek-V2: kv_lora_rank 512, qk_rope_head_dim 64,
 * num_hidden_layers 60, num_attention_heads 128, qk_nope_head_dim 128, v_head_dim 128). Formula only: the
 * kernel does not implement MLA.
 */
public final class MlaCache {

    /** d_c: width of the compressed KV latent (config kv_lora_rank). */
    public static final int KV_LORA_RANK = 512;
    /** d_h^R: width of the shared RoPE key (config qk_rope_head_dim). */
    public static final int QK_ROPE_HEAD_DIM = 64;
    /** DeepSeek-V2's layers (config num_hidden_layers). */
    public static final int DEEPSEEK_V2_LAYERS = 60;
    /** DeepSeek-V2's attention heads (config num_attention_heads). */
    public static final int DEEPSEEK_V2_HEADS = 128;
    /** DeepSeek-V2's per-head dimension d_h (config v_head_dim = qk_nope_head_dim). */
    public static final int DEEPSEEK_V2_HEAD_DIM = 128;

    private MlaCache() {
    }

    /** Cached numbers per token per layer: d_c + d_h^R = 576. */
    public static int elementsPerTokenPerLayer() {
        return KV_LORA_RANK + QK_ROPE_HEAD_DIM;
    }

    /** Bytes of one token's MLA cache over {@code layers} layers: (512 + 64) × layers × bytes per element. */
    public static long bytesPerToken(int layers, KvDtype dtype) {
        return dtype.bytesFor((long) elementsPerTokenPerLayer() * layers);
    }

    /** DeepSeek-V2 itself: 576 × 60 = 34,560 numbers per token (69,120 bytes in bf16). */
    public static long deepSeekV2BytesPerToken(KvDtype dtype) {
        return bytesPerToken(DEEPSEEK_V2_LAYERS, dtype);
    }

    /**
     * How many GQA groups of head dimension {@code headDim} cache the same number of elements per layer:
     * 576 / (2 d). With d = 128 this is 2.25, the figure of the DeepSeek-V2 paper's Table 1.
     */
    public static double equivalentGqaGroups(int headDim) {
        return elementsPerTokenPerLayer() / (2.0 * headDim);
    }

    /** One point of the cache-size curves: tokens of one sequence and the bytes of each variant. */
    public record Point(long tokens, long mha, long current, long mqa, long mla) {
    }

    /**
     * Cache bytes of one sequence for {@code tokens} tokens: MHA / current / MQA from the config (its layers,
     * head dim and dtype), and MLA with DeepSeek-V2's latent sizes over the config's layers and dtype.
     */
    public static Point at(AttentionConfig c, long tokens) {
        return new Point(tokens, KvCacheMath.bytesForTokens(c.asMha(), tokens), KvCacheMath.bytesForTokens(c, tokens),
                KvCacheMath.bytesForTokens(c.asMqa(), tokens),
                Math.multiplyExact(bytesPerToken(c.layers(), c.dtype()), tokens));
    }

    /** {@code points} evenly spaced token counts from maxTokens/points to maxTokens. */
    public static List<Point> curve(AttentionConfig c, long maxTokens, int points) {
        if (maxTokens < 1 || points < 1) {
            throw new IllegalArgumentException("maxTokens and points must be at least 1");
        }
        List<Point> out = new ArrayList<>();
        for (int i = 1; i <= points; i++) {
            long t = Math.max(1, maxTokens * i / points);
            out.add(at(c, t));
        }
        return out;
    }
}
