package dev.kvlens.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AttentionConfigTest {

    @Test
    void rejectsKvThatIsNotADivisorWithTheChoices() {
        assertThatThrownBy(() -> AttentionConfig.of(32, 5, 128, 32, 1, 4096, KvDtype.FP16))
                .isInstanceOf(ConfigException.class)
                .hasMessage("32 query heads cannot be split into 5 groups; choose 1, 2, 4, 8, 16 or 32")
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("config.kvNotDivisor"));
    }

    @Test
    void rejectsKvAboveHeadsAndNonPositiveSizes() {
        assertThatThrownBy(() -> AttentionConfig.of(8, 16, 64, 1, 1, 1, KvDtype.FP16))
                .hasMessageContaining("16 KV heads is more than the 8 query heads");
        assertThatThrownBy(() -> AttentionConfig.of(0, 1, 64, 1, 1, 1, KvDtype.FP16))
                .hasMessage("query heads must be at least 1 (got 0)");
        assertThatThrownBy(() -> AttentionConfig.of(8, 8, 64, 1, 1, -3, KvDtype.FP16))
                .hasMessage("sequence length must be at least 1 (got -3)");
        assertThatThrownBy(() -> AttentionConfig.of(8, 8, 64, 1, 1, 1, null))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void variantNaming() {
        AttentionConfig c = AttentionConfig.of(32, 32, 128, 32, 1, 4096, KvDtype.FP16);
        assertThat(c.variantLabel()).isEqualTo("MHA");
        assertThat(c.withKvHeads(8).variantLabel()).isEqualTo("GQA-8");
        assertThat(c.withKvHeads(8).groups()).isEqualTo(8);
        assertThat(c.withKvHeads(8).headsPerGroup()).isEqualTo(4);
        assertThat(c.withKvHeads(1).variantLabel()).isEqualTo("MQA");
        assertThat(c.withKvHeads(1).variant()).isEqualTo(Variant.MQA);
        // GQA-1 is MQA and GQA-H is MHA: the same mechanism
        assertThat(Variant.of(1, 1)).isEqualTo(Variant.MHA);
    }

    @Test
    void queryHeadReadsKvHeadOfItsGroup() {
        AttentionConfig c = AttentionConfig.of(8, 2, 16, 1, 1, 1, KvDtype.FP32);
        assertThat(c.kvHeadOf(0)).isZero();
        assertThat(c.kvHeadOf(3)).isZero();
        assertThat(c.kvHeadOf(4)).isEqualTo(1);
        assertThat(c.kvHeadOf(7)).isEqualTo(1);
    }

    @Test
    void changingHeadsMovesKvToNearestDivisor() {
        AttentionConfig c = AttentionConfig.of(32, 8, 128, 32, 1, 4096, KvDtype.FP16);
        assertThat(c.withHeads(71).kvHeads()).isEqualTo(1); // 71 is prime: 1 or 71; 8 is nearer to 1
        assertThat(c.withHeads(12).kvHeads()).isEqualTo(6);
        assertThat(c.withHeads(64).kvHeads()).isEqualTo(8);
        assertThat(AttentionConfig.divisors(12)).containsExactly(1, 2, 3, 4, 6, 12);
        assertThat(AttentionConfig.divisors(1)).containsExactly(1);
    }

    @Test
    void dtypeParsing() {
        assertThat(KvDtype.parse(" FP16 ")).isEqualTo(KvDtype.FP16);
        assertThatThrownBy(() -> KvDtype.parse("fp13")).hasMessage(
                "unknown dtype 'fp13'; choose one of fp32, fp16, bf16, fp8, int8, int4");
    }

    @Test
    void unitsParseAndFormat() {
        assertThat(Units.parseCount("32k")).isEqualTo(32768);
        assertThat(Units.parseCount("4,096")).isEqualTo(4096);
        assertThat(Units.parseCount("1M")).isEqualTo(1 << 20);
        assertThatThrownBy(() -> Units.parseCount("abc")).isInstanceOf(ConfigException.class);
        assertThat(Units.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Units.bytes(1000)).isEqualTo("1000 B");
        assertThat(Units.duration(12.3e-6)).isEqualTo("12.3 µs");
        assertThat(Units.duration(0.0045)).isEqualTo("4.5 ms");
    }
}
