package dev.kvlens.ui.study;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvCacheMath;
import dev.kvlens.model.KvDtype;
import dev.kvlens.model.ModelPreset;
import dev.kvlens.model.Presets;
import dev.kvlens.model.Units;
import java.util.List;
import java.util.function.Function;

/**
 * One step of the guided lesson: its text ({@code lesson.ID.title}, {@code lesson.ID.body} in the study bundle,
 * formatted with numbers computed from the step's configuration), the configuration it puts on the sliders
 * (from a preset or a hand-made shape) and the page that shows it best.
 */
public record LessonStep(String id, String presetId, AttentionConfig config, String pageId,
                         Function<AttentionConfig, List<Object>> args) {

    public String titleKey() {
        return "lesson." + id + ".title";
    }

    public String bodyKey() {
        return "lesson." + id + ".body";
    }

    /** The numbers quoted in the body, computed from this step's configuration. */
    public Object[] bodyArgs() {
        return args.apply(config).toArray();
    }

    /** The steps, in teaching order: Q/K/V → MHA → KV cache → decode is memory-bound → MQA → GQA → uptraining → beyond. */
    public static final List<LessonStep> ALL = List.of(
            new LessonStep("qkv", null, new AttentionConfig(512, 8, 8, 64, 1, 1, 16, KvDtype.FP16), "diagram",
                    c -> List.of(c.heads(), c.headDim(), c.seqLen())),
            preset("mha", "llama-2-7b", 1, 4096, KvDtype.FP16, "diagram",
                    c -> List.of(c.heads(), Units.bytes(KvCacheMath.bytesPerTokenPerLayer(c)), c.layers(),
                            Units.bytes(KvCacheMath.bytesPerToken(c)))),
            preset("cache", "llama-2-7b", 1, 4096, KvDtype.FP16, "kvcache",
                    c -> List.of(Units.count(c.seqLen()), Units.bytes(KvCacheMath.totalBytes(c)),
                            Units.bytes(KvCacheMath.totalBytes(c.withBatch(8))))),
            preset("decode", "llama-2-7b", 1, 4096, KvDtype.FP16, "measure",
                    c -> List.of(Units.bytes(KvCacheMath.decodeKvBytesRead(c)), Units.count(KvCacheMath.decodeFlops(c)),
                            QuizGenerator.plain(KvCacheMath.decodeArithmeticIntensity(c)))),
            new LessonStep("mqa", null, Presets.require("llama-2-7b").toConfig(1, 4096, KvDtype.FP16).asMqa(),
                    "diagram",
                    c -> List.of(Units.bytes(KvCacheMath.bytesPerToken(c.asMha())), Units.bytes(KvCacheMath.bytesPerToken(c)),
                            c.heads(), Units.count(KvCacheMath.decodeScoreFlops(c)))),
            preset("gqa", "llama-2-70b", 1, 4096, KvDtype.FP16, "diagram",
                    c -> List.of(c.heads(), c.kvHeads(), c.headsPerGroup(), Units.bytes(KvCacheMath.bytesPerToken(c)),
                            Units.bytes(KvCacheMath.bytesPerToken(c.asMha())),
                            Units.bytes(KvCacheMath.bytesPerToken(c.asMqa())))),
            preset("uptrain", "llama-2-70b", 1, 4096, KvDtype.FP16, "diagram",
                    c -> List.of(c.heads(), c.kvHeads(), c.headsPerGroup())),
            preset("beyond", "mistral-7b", 1, 32768, KvDtype.INT8, "calculator",
                    c -> List.of(Units.bytes(KvCacheMath.bytesPerToken(c.withDtype(KvDtype.FP16))),
                            Units.bytes(KvCacheMath.bytesPerToken(c)),
                            Units.bytes(KvCacheMath.bytesForTokens(c.withDtype(KvDtype.FP16), c.seqLen())),
                            Units.bytes(KvCacheMath.bytesForTokens(c.withDtype(KvDtype.FP16), 4096)))));

    private static LessonStep preset(String id, String presetId, int batch, int seqLen, KvDtype dtype, String page,
                                     Function<AttentionConfig, List<Object>> args) {
        ModelPreset p = Presets.require(presetId);
        return new LessonStep(id, presetId, p.toConfig(batch, seqLen, dtype), page, args);
    }
}
