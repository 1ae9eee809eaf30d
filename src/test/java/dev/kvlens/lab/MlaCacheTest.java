package dev.kvlens.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvDtype;
import java.util.List;
import org.junit.jupiter.api.Test;

class MlaCacheTest {

    @Test
    void deepSeekV2CachesLatentPlusRopeKeyPerLayer() {
        assertThat(MlaCache.elementsPerTokenPerLayer()).isEqualTo(576);
        // 576 × 60 layers × 2 bytes (bf16)
        assertThat(MlaCache.deepSeekV2BytesPerToken(KvDtype.BF16)).isEqualTo(69_120L);
        assertThat(MlaCache.bytesPerToken(32, KvDtype.FP32)).isEqualTo(576L * 32 * 4);
        assertThat(MlaCache.bytesPerToken(60, KvDtype.INT4)).isEqualTo(576L * 60 / 2);
    }

    @Test
    void equalsGqaWithTwoAndAQuarterGroupsAtHeadDim128() {
        // DeepSeek-V2 Table 1: MLA's cache equals GQA with only 2.25 groups
        assertThat(MlaCache.equivalentGqaGroups(128)).isEqualTo(2.25);
        assertThat(MlaCache.equivalentGqaGroups(64)).isEqualTo(4.5);
    }

    @Test
    void curveSetsMlaBesideTheConfigsVariants() {
        // Llama-2-70B-like: 64 query heads, 8 KV heads, d 128, 80 layers, fp16
        AttentionConfig c = AttentionConfig.of(64, 8, 128, 80, 1, 4096, KvDtype.FP16);
        MlaCache.Point p = MlaCache.at(c, 1000);
        assertThat(p.mha()).isEqualTo(2L * 80 * 64 * 128 * 2 * 1000);
        assertThat(p.current()).isEqualTo(2L * 80 * 8 * 128 * 2 * 1000);
        assertThat(p.mqa()).isEqualTo(2L * 80 * 1 * 128 * 2 * 1000);
        assertThat(p.mla()).isEqualTo(576L * 80 * 2 * 1000);
        assertThat(p.mqa()).isLessThan(p.mla()).isLessThan(p.current());
        List<MlaCache.Point> curve = MlaCache.curve(c, 4096, 4);
        assertThat(curve).extracting(MlaCache.Point::tokens).containsExactly(1024L, 2048L, 3072L, 4096L);
    }
}
