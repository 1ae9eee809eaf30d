package dev.kvlens.lab;

/**
 * Numbers published in the papers the Lab re-runs. Only values printed in the papers' tables are stored; the
 * curve of Ainslie et al. Figure 6 is described, not digitised.
 */
public final class PaperFigures {

    private PaperFigures() {
    }

    /**
     * Shazeer 2019, "Fast Transformer Decoding: One Write-Head is All You Need", arXiv 1911.02150, Table 2
     * (WMT14 EN-DE, TPUv2, d_model 1024, h = 8, d_k = d_v = 128, 128-token sequences, batch 1024 split over
     * 8 cores): incremental greedy decoding time per token of the whole decoder, µs.
     */
    public static final String SHAZEER_CITATION = "Shazeer 2019, arXiv 1911.02150, Table 2";
    public static final double SHAZEER_MHA_DECODER_US = 46.0;
    public static final double SHAZEER_MQA_DECODER_US = 3.8;
    public static final int SHAZEER_HEADS = 8;
    public static final int SHAZEER_HEAD_DIM = 128;
    public static final int SHAZEER_LENGTH = 128;
    public static final int SHAZEER_BATCH = 1024;
    public static final int SHAZEER_CORES = 8;

    /** MHA time / MQA time in the paper: 46 / 3.8 ≈ 12.1. */
    public static double shazeerSpeedup() {
        return SHAZEER_MHA_DECODER_US / SHAZEER_MQA_DECODER_US;
    }

    /**
     * Ainslie et al. 2023, "GQA: Training Generalized Multi-Query Transformer Models from Multi-Head
     * Checkpoints", arXiv 2305.13245, Table 1: inference time per sample (s) of T5-XXL (64 heads, d_kv 64) on
     * TPUv4; Figure 6 plots the same quantity against the number of GQA groups (1 → 64).
     */
    public static final String AINSLIE_CITATION = "Ainslie et al. 2023, arXiv 2305.13245, Table 1 / Figure 6";
    public static final double AINSLIE_MHA_XXL_S = 1.51;
    public static final double AINSLIE_GQA8_XXL_S = 0.28;
    public static final double AINSLIE_MQA_XXL_S = 0.24;
    public static final int AINSLIE_XXL_HEADS = 64;
    public static final int AINSLIE_XXL_HEAD_DIM = 64;
    public static final int AINSLIE_INPUT_LENGTH = 2048;

    /** A published point: KV heads (groups) and time per sample as a fraction of MHA's. */
    public record Point(int kvHeads, double seconds, double ratioToMha) {
    }

    /** The three Table 1 XXL points, as ratios to MHA-XXL: 1.00, 0.185 (GQA-8), 0.159 (MQA). */
    public static java.util.List<Point> ainslieTable1() {
        return java.util.List.of(
                new Point(AINSLIE_XXL_HEADS, AINSLIE_MHA_XXL_S, 1.0),
                new Point(8, AINSLIE_GQA8_XXL_S, AINSLIE_GQA8_XXL_S / AINSLIE_MHA_XXL_S),
                new Point(1, AINSLIE_MQA_XXL_S, AINSLIE_MQA_XXL_S / AINSLIE_MHA_XXL_S));
    }

    /** DeepSeek-V2, arXiv 2405.04434 §2.1 and Table 1; shape from the official config.json. */
    public static final String DEEPSEEK_V2_CITATION = "DeepSeek-AI 2024, arXiv 2405.04434, §2.1, Table 1";
}
