package dev.kvlens.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KvCacheMathTest {

    /** Llama-7B: hidden 4096, 32 heads of 128, 32 layers, fp16, MHA. */
    private static final AttentionConfig LLAMA_7B = new AttentionConfig(4096, 32, 32, 128, 32, 1, 1024, KvDtype.FP16);

    @Test
    void classicLlama7bWorkedExample() {
        assertThat(KvCacheMath.bytesPerTokenPerLayer(LLAMA_7B)).isEqualTo(16 * 1024);
        assertThat(KvCacheMath.bytesPerToken(LLAMA_7B)).isEqualTo(512 * 1024);
        assertThat(KvCacheMath.totalBytes(LLAMA_7B)).isEqualTo(512L * 1024 * 1024);
        assertThat(KvCacheMath.bytesForTokens(LLAMA_7B, 1024)).isEqualTo(512L * 1024 * 1024);
        assertThat(Units.bytes(KvCacheMath.totalBytes(LLAMA_7B))).isEqualTo("512 MiB");
    }

    @Test
    void llama2_70bGqa8At4096TokensBatch8() {
        // 2 × 80 layers × 8 KV heads × 128 × 2 B = 327,680 B per token; × 4096 × 8 = 10 GiB
        AttentionConfig c = new AttentionConfig(8192, 64, 8, 128, 80, 8, 4096, KvDtype.FP16);
        assertThat(KvCacheMath.bytesPerToken(c)).isEqualTo(327_680);
        assertThat(KvCacheMath.totalBytes(c)).isEqualTo(327_680L * 4096 * 8);
        assertThat(Units.bytes(KvCacheMath.totalBytes(c))).isEqualTo("10 GiB");
        assertThat(KvCacheMath.ratioToMha(c)).isEqualTo(8.0);
        assertThat(KvCacheMath.ratioToMqa(c)).isEqualTo(8.0);
    }

    @Test
    void dtypesScaleBytes() {
        assertThat(KvCacheMath.bytesPerTokenPerLayer(LLAMA_7B.withDtype(KvDtype.FP32))).isEqualTo(32 * 1024);
        assertThat(KvCacheMath.bytesPerTokenPerLayer(LLAMA_7B.withDtype(KvDtype.BF16))).isEqualTo(16 * 1024);
        assertThat(KvCacheMath.bytesPerTokenPerLayer(LLAMA_7B.withDtype(KvDtype.INT8))).isEqualTo(8 * 1024);
        assertThat(KvCacheMath.bytesPerTokenPerLayer(LLAMA_7B.withDtype(KvDtype.FP8))).isEqualTo(8 * 1024);
        assertThat(KvCacheMath.bytesPerTokenPerLayer(LLAMA_7B.withDtype(KvDtype.INT4))).isEqualTo(4 * 1024);
        // int4 with an odd element count rounds up to whole bytes
        assertThat(KvDtype.INT4.bytesFor(3)).isEqualTo(2);
    }

    @Test
    void sharingDoesNotChangeScoreFlopsButDividesBytesRead() {
        AttentionConfig mha = LLAMA_7B.withSeqLen(4096);
        AttentionConfig gqa = mha.withKvHeads(8);
        AttentionConfig mqa = mha.withKvHeads(1);
        assertThat(KvCacheMath.decodeScoreFlops(gqa)).isEqualTo(KvCacheMath.decodeScoreFlops(mha));
        assertThat(KvCacheMath.decodeScoreFlops(mqa)).isEqualTo(KvCacheMath.decodeScoreFlops(mha));
        assertThat(KvCacheMath.decodeScoreFlops(mha)).isEqualTo(2L * 32 * 4096 * 128);
        assertThat(KvCacheMath.decodeKvBytesRead(mha)).isEqualTo(2L * 32 * 4096 * 128 * 2);
        assertThat(KvCacheMath.decodeKvBytesRead(mha) / KvCacheMath.decodeKvBytesRead(gqa)).isEqualTo(4);
        assertThat(KvCacheMath.decodeKvBytesRead(mha) / KvCacheMath.decodeKvBytesRead(mqa)).isEqualTo(32);
        // intensity grows by H/KV: MHA fp16 does 1 FLOP per byte, MQA 32
        assertThat(KvCacheMath.decodeArithmeticIntensity(mha)).isEqualTo(1.0);
        assertThat(KvCacheMath.decodeArithmeticIntensity(mqa)).isEqualTo(32.0);
    }

    @Test
    void projectionParametersShrinkForKAndVOnly() {
        AttentionConfig gqa = LLAMA_7B.withKvHeads(8);
        assertThat(KvCacheMath.keyProjectionParams(LLAMA_7B)).isEqualTo(4096L * 4096);
        assertThat(KvCacheMath.keyProjectionParams(gqa)).isEqualTo(4096L * 1024);
        assertThat(KvCacheMath.queryProjectionParams(gqa)).isEqualTo(KvCacheMath.queryProjectionParams(LLAMA_7B));
        assertThat(KvCacheMath.attentionParamsPerLayer(LLAMA_7B)).isEqualTo(4L * 4096 * 4096);
        assertThat(KvCacheMath.attentionParamsPerLayer(gqa)).isEqualTo(2L * 4096 * 4096 + 2L * 4096 * 1024);
        assertThat(KvCacheMath.attentionParams(gqa)).isEqualTo(32 * KvCacheMath.attentionParamsPerLayer(gqa));
    }

    @Test
    void prefillFlopsCountTheCausalTriangle() {
        AttentionConfig c = AttentionConfig.of(2, 2, 4, 1, 1, 3, KvDtype.FP32);
        // pairs (i, j ≤ i) for T=3: 6; each pair: QK (2d) + AV (2d) per head
        assertThat(KvCacheMath.prefillFlops(c)).isEqualTo(4L * 2 * 4 * 6);
    }

    @Test
    void tokensThatFit() {
        AttentionConfig c = LLAMA_7B; // 512 KiB per token
        assertThat(KvCacheMath.tokensThatFit(c, 512L * 1024 * 1000)).isEqualTo(1000);
        assertThat(KvCacheMath.tokensThatFit(c.withBatch(4), 512L * 1024 * 1000)).isEqualTo(250);
    }

    @Test
    void overflowIsAClearError() {
        AttentionConfig huge = new AttentionConfig(1 << 20, 1024, 1024, 4096, 1024, 1 << 16, 1 << 24, KvDtype.FP32);
        assertThatThrownBy(() -> KvCacheMath.totalBytes(huge)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("too large");
    }
}
