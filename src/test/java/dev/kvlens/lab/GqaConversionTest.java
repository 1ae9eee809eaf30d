package dev.kvlens.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kvlens.kernel.AttentionKernel;
import dev.kvlens.kernel.KernelOps;
import dev.kvlens.lab.GqaConversion.Layer;
import dev.kvlens.lab.GqaConversion.Method;
import dev.kvlens.lab.GqaConversion.Result;
import dev.kvlens.model.AttentionConfig;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class GqaConversionTest {

    private static final AttentionKernel KERNEL = new AttentionKernel(1, KernelOps.scalar());

    @AfterAll
    static void close() {
        KERNEL.close();
    }

    private static Layer small(double diversity, long seed) {
        return GqaConversion.synthetic(8, 16, 24, 20, diversity, seed);
    }

    @Test
    void everyMethodIsTheIdentityWhenGroupsEqualHeads() {
        Layer l = small(1.0, 7);
        float[] mha = GqaConversion.attention(KERNEL, l, l.wk(), l.wv(), 8, null);
        for (Method m : Method.values()) {
            float[] wk = GqaConversion.convert(l.wk(), 8, 16, 24, 8, m, 3);
            float[] wv = GqaConversion.convert(l.wv(), 8, 16, 24, 8, m, 4);
            assertThat(wk).as(m.name()).containsExactly(l.wk());
            assertThat(wv).as(m.name()).containsExactly(l.wv());
            float[] out = GqaConversion.attention(KERNEL, l, wk, wv, 8, null);
            assertThat(out).containsExactly(mha);
        }
        List<Result> r = GqaConversion.sweep(KERNEL, l, List.of(8), List.of(Method.values()), 1, 4, null, null);
        assertThat(r).allSatisfy(x -> {
            assertThat(x.outputError()).isZero();
            assertThat(x.kvProjectionError()).isZero();
            assertThat(x.cacheSaved()).isZero();
        });
    }

    @Test
    void meanPoolIsTheElementwiseGroupMean() {
        Layer l = small(2.0, 11);
        int per = 16 * 24;
        float[] w = GqaConversion.convert(l.wk(), 8, 16, 24, 2, Method.MEAN_POOL, 0);
        assertThat(w).hasSize(2 * per);
        for (int g = 0; g < 2; g++) {
            for (int i : new int[] {0, 5, per - 1}) {
                double sum = 0;
                for (int h = g * 4; h < g * 4 + 4; h++) {
                    sum += l.wk()[h * per + i];
                }
                assertThat((double) w[g * per + i]).isCloseTo(sum / 4, within(1e-6));
            }
        }
    }

    @Test
    void firstAndRandomHeadPickWholeHeadsOfTheirOwnGroup() {
        Layer l = small(1.0, 5);
        int per = 16 * 24;
        for (int groups : AttentionConfig.divisors(8)) {
            float[] first = GqaConversion.convert(l.wk(), 8, 16, 24, groups, Method.FIRST_HEAD, 9);
            float[] rnd = GqaConversion.convert(l.wk(), 8, 16, 24, groups, Method.RANDOM_HEAD, 9);
            assertThat(first).hasSize(groups * per);
            assertThat(rnd).hasSize(groups * per);
            int size = 8 / groups;
            for (int g = 0; g < groups; g++) {
                float[] f = Arrays.copyOfRange(first, g * per, (g + 1) * per);
                assertThat(f).containsExactly(Arrays.copyOfRange(l.wk(), g * size * per, (g * size + 1) * per));
                float[] r = Arrays.copyOfRange(rnd, g * per, (g + 1) * per);
                boolean fromGroup = false;
                for (int h = g * size; h < (g + 1) * size; h++) {
                    fromGroup |= Arrays.equals(r, Arrays.copyOfRange(l.wk(), h * per, (h + 1) * per));
                }
                assertThat(fromGroup).as("group %d of %d takes one of its own heads", g, groups).isTrue();
            }
            // reproducible
            assertThat(GqaConversion.convert(l.wk(), 8, 16, 24, groups, Method.RANDOM_HEAD, 9)).containsExactly(rnd);
        }
    }

    @Test
    void groupsMustDivideHeads() {
        Layer l = small(1.0, 5);
        assertThatThrownBy(() -> GqaConversion.convert(l.wk(), 8, 16, 24, 3, Method.MEAN_POOL, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("divide");
        assertThatThrownBy(() -> GqaConversion.synthetic(8, 16, 24, 20, -1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void identicalHeadsConvertWithoutLossForEveryGroupCount() {
        Layer l = small(0.0, 3);
        List<Result> r = GqaConversion.sweep(KERNEL, l, AttentionConfig.divisors(8), List.of(Method.values()), 1, 2,
                null, null);
        assertThat(r).hasSize(4 * 3);
        assertThat(r).allSatisfy(x -> {
            assertThat(x.kvProjectionError()).isZero();
            assertThat(x.outputError()).isLessThan(1e-5);
        });
    }

    @Test
    void cacheSavedIsOneMinusGroupsOverHeads() {
        Layer l = small(1.0, 3);
        List<Result> r = GqaConversion.sweep(KERNEL, l, List.of(8, 4, 1), List.of(Method.MEAN_POOL), 1, 2, null, null);
        assertThat(r).extracting(Result::cacheSaved).containsExactly(0.0, 0.5, 0.875);
        assertThat(r.get(2).cacheBytesPerToken()).isEqualTo(2L * 1 * 16 * 2);
        assertThat(r.get(2).mhaCacheBytesPerToken()).isEqualTo(2L * 8 * 16 * 2);
    }

    /** Splitting groups (G → a multiple of G) can only shrink the within-group spread of mean-pooling. */
    @Property(tries = 40)
    void meanPoolProjectionErrorNeverGrowsWhenGroupsAreSplit(@ForAll @LongRange(min = 0, max = 1000) long seed,
                                                              @ForAll @DoubleRange(min = 0.1, max = 4) double div) {
        int h = 16;
        Layer l = GqaConversion.synthetic(h, 4, 6, 1, div, seed);
        List<Integer> divs = AttentionConfig.divisors(h); // 1, 2, 4, 8, 16: each divides the next
        double prev = Double.POSITIVE_INFINITY;
        for (int g : divs) {
            float[] w = GqaConversion.convert(l.wk(), h, 4, 6, g, Method.MEAN_POOL, 0);
            double e = GqaConversion.projectionError(l.wk(), w, h, 4, 6, g);
            assertThat(e).isLessThanOrEqualTo(prev + 1e-9);
            prev = e;
        }
        assertThat(prev).isZero();
    }

    /** The group mean minimises the summed squared distance to the group's heads: no single head beats it. */
    @Property(tries = 40)
    void meanPoolIsNeverWorseThanPickingAHead(@ForAll @LongRange(min = 0, max = 1000) long seed,
                                              @ForAll @DoubleRange(min = 0.1, max = 4) double div) {
        int h = 8;
        Layer l = GqaConversion.synthetic(h, 4, 6, 1, div, seed);
        for (int g : new int[] {1, 2, 4}) {
            double mean = GqaConversion.projectionError(l.wk(),
                    GqaConversion.convert(l.wk(), h, 4, 6, g, Method.MEAN_POOL, seed), h, 4, 6, g);
            double first = GqaConversion.projectionError(l.wk(),
                    GqaConversion.convert(l.wk(), h, 4, 6, g, Method.FIRST_HEAD, seed), h, 4, 6, g);
            double rnd = GqaConversion.projectionError(l.wk(),
                    GqaConversion.convert(l.wk(), h, 4, 6, g, Method.RANDOM_HEAD, seed), h, 4, 6, g);
            assertThat(mean).isLessThanOrEqualTo(first + 1e-9).isLessThanOrEqualTo(rnd + 1e-9);
        }
    }

    /** Projection errors of the same heads grow with their spread (diversity): for mean-pooling to MQA,
     *  the relative error is exactly the within-group share of the energy, which increases with diversity. */
    @Test
    void moreDiverseHeadsLoseMoreInTheOutput() {
        double prev = -1;
        for (double div : new double[] {0.0, 0.25, 1.0, 4.0}) {
            Layer l = GqaConversion.synthetic(8, 16, 24, 32, div, 21);
            List<Result> r = GqaConversion.sweep(KERNEL, l, List.of(1), List.of(Method.MEAN_POOL), 0, 4, null, null);
            assertThat(r.get(0).kvProjectionError()).isGreaterThan(prev);
            prev = r.get(0).kvProjectionError();
        }
    }

    @Test
    void sweepReportsProgressAndStopsOnCancel() {
        Layer l = small(1.0, 3);
        int[] calls = {0};
        GqaConversion.sweep(KERNEL, l, List.of(8, 2), List.of(Method.values()), 1, 4, null, (d, t) -> {
            assertThat(t).isEqualTo(6);
            calls[0]++;
        });
        assertThat(calls[0]).isEqualTo(6);
        assertThatThrownBy(() -> GqaConversion.sweep(KERNEL, l, List.of(8, 2), List.of(Method.values()), 1, 4,
                () -> true, null)).isInstanceOf(java.util.concurrent.CancellationException.class);
    }
}
