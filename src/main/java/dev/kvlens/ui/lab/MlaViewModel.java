package dev.kvlens.ui.lab;

import dev.kvlens.lab.KvReductions;
import dev.kvlens.lab.MlaCache;
import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvDtype;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.Csv;
import java.util.List;

/** Cache-size curves: MHA / current / MQA of the config beside MLA with DeepSeek-V2's published shape. */
public final class MlaViewModel {

    public static final int POINTS = 32;

    private final ConfigModel config;

    MlaViewModel(ConfigModel config) {
        this.config = config;
    }

    public ConfigModel config() {
        return config;
    }

    public List<MlaCache.Point> curve() {
        AttentionConfig c = config.get();
        return MlaCache.curve(c, c.seqLen(), Math.min(POINTS, c.seqLen()));
    }

    /** The last point (the config's sequence length). */
    public MlaCache.Point atSeqLen() {
        AttentionConfig c = config.get();
        return MlaCache.at(c, c.seqLen());
    }

    public long deepSeekBytesPerToken() {
        return MlaCache.deepSeekV2BytesPerToken(KvDtype.BF16);
    }

    /** DeepSeek-V2 with plain MHA (128 heads × d 128, 60 layers, bf16), for scale. */
    public long deepSeekAsMhaBytesPerToken() {
        return KvDtype.BF16.bytesFor(2L * MlaCache.DEEPSEEK_V2_LAYERS * MlaCache.DEEPSEEK_V2_HEADS
                * MlaCache.DEEPSEEK_V2_HEAD_DIM);
    }

    public double equivalentGroups() {
        return MlaCache.equivalentGqaGroups(config.get().headDim());
    }

    /** Measured KV reductions the kernel provides (empty until the kernel supports them). */
    public List<KvReductions.Source> measuredSources() {
        return KvReductions.available();
    }

    public String csv() {
        AttentionConfig c = config.get();
        Csv csv = new Csv("tokens", "mha_bytes", "current_bytes", "current_variant", "mqa_bytes",
                "mla_deepseek_v2_shape_bytes", "layers", "head_dim", "dtype");
        for (MlaCache.Point p : curve()) {
            csv.row(p.tokens(), p.mha(), p.current(), c.variantLabel(), p.mqa(), p.mla(), c.layers(), c.headDim(),
                    c.dtype().id());
        }
        return csv.text();
    }
}
