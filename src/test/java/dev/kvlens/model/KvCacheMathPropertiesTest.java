package dev.kvlens.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class KvCacheMathPropertiesTest {

    @Provide
    Arbitrary<AttentionConfig> configs() {
        Arbitrary<Integer> heads = Arbitraries.integers().between(1, 128);
        return Combinators.combine(heads, Arbitraries.integers().between(0, 1000),
                        Arbitraries.integers().between(1, 256), Arbitraries.integers().between(1, 128),
                        Arbitraries.integers().between(1, 64), Arbitraries.integers().between(1, 131072),
                        Arbitraries.of(KvDtype.class))
                .as((h, pick, d, l, b, t, dt) -> {
                    List<Integer> divs = AttentionConfig.divisors(h);
                    return AttentionConfig.of(h, divs.get(pick % divs.size()), d, l, b, t, dt);
                });
    }

    @Property(tries = 300)
    void mhaAtLeastGqaAtLeastMqa(@ForAll("configs") AttentionConfig c) {
        assertThat(KvCacheMath.totalBytes(c.asMha())).isGreaterThanOrEqualTo(KvCacheMath.totalBytes(c));
        assertThat(KvCacheMath.totalBytes(c)).isGreaterThanOrEqualTo(KvCacheMath.totalBytes(c.asMqa()));
    }

    @Property(tries = 300)
    void ratioIsHeadsOverKv(@ForAll("configs") AttentionConfig c) {
        assertThat(KvCacheMath.ratioToMha(c)).isEqualTo((double) c.heads() / c.kvHeads());
        if (c.dtype() != KvDtype.INT4) {
            // exact division when no half-bytes are rounded
            assertThat((double) KvCacheMath.bytesPerToken(c.asMha()) / KvCacheMath.bytesPerToken(c))
                    .isEqualTo(KvCacheMath.ratioToMha(c));
        }
    }

    @Property(tries = 300)
    void formulaIsTwoTimesLayersKvHeadDimBytes(@ForAll("configs") AttentionConfig c) {
        double expected = 2.0 * c.layers() * c.kvHeads() * c.headDim() * c.dtype().bytesPerElement();
        assertThat((double) KvCacheMath.bytesPerToken(c)).isEqualTo(Math.ceil(expected));
        assertThat(KvCacheMath.decodeScoreFlops(c)).isEqualTo(KvCacheMath.decodeScoreFlops(c.asMqa()));
    }
}
