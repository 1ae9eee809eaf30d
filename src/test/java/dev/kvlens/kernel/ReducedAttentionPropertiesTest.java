package dev.kvlens.kernel;

import static dev.kvlens.kernel.KernelTestSupport.assertClose;
import static dev.kvlens.kernel.KernelTestSupport.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvlens.model.ConfigException;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Test;

/**
 * {@link ReducedAttention} over {@link ReducedKvCache} on random shapes: many decode steps in a row (so a window's
 * ring buffer wraps while decoding), GQA sharing against MHA on replicated K/V in every storage format, both
 * kernel routines and thread counts.
 */
class ReducedAttentionPropertiesTest {

    static final ReducedAttention VECTOR1 = new ReducedAttention(1, KernelOps.best());
    static final ReducedAttention VECTOR2 = new ReducedAttention(2, KernelOps.best());
    static final ReducedAttention SCALAR2 = new ReducedAttention(2, KernelOps.scalar());

    @AfterContainer
    static void closeKernels() {
        VECTOR1.close();
        VECTOR2.close();
        SCALAR2.close();
    }

    /** steps decode steps from an empty cache; window 0 = a full cache. */
    record Shape(int batch, int heads, int kvHeads, int d, int steps, int window, KvFormat format, long seed) {
    }

    @Provide
    Arbitrary<Shape> shapes() {
        return Combinators.combine(Arbitraries.integers().between(1, 2), Arbitraries.of(1, 2, 4, 6, 8),
                        Arbitraries.integers().between(1, 8), Arbitraries.of(1, 7, 16, 33, 64),
                        Arbitraries.integers().between(1, 300), Arbitraries.of(0, 1, 5, 64, 130),
                        Arbitraries.of(KvFormat.class), Arbitraries.longs())
                .as((b, h, kvPick, d, steps, w, f, seed) ->
                        new Shape(b, h, AttentionConfigDivisors.pick(h, kvPick), d, steps, w, f, seed));
    }

    /** A stored row as the cache's format gives it back: the format's rounding of x, done element by element. */
    static float[] stored(KvFormat f, float[] x, int off, int d) {
        float[] r = new float[d];
        switch (f) {
            case FP32 -> System.arraycopy(x, off, r, 0, d);
            case FP16 -> {
                for (int j = 0; j < d; j++) {
                    r[j] = KvFormat.halfToFloat(KvFormat.floatToHalf(x[off + j]));
                }
            }
            case BF16 -> {
                for (int j = 0; j < d; j++) {
                    r[j] = KvFormat.bf16ToFloat(KvFormat.floatToBf16(x[off + j]));
                }
            }
            case INT8 -> {
                byte[] q = new byte[d];
                float scale = KvFormat.quantizeInt8(x, off, d, q, 0);
                for (int j = 0; j < d; j++) {
                    r[j] = q[j] * scale;
                }
            }
        }
        return r;
    }

    /**
     * Naive double attention of step t's query heads over the rounded K/V of steps max(0, t − W + 1) … t of
     * sequence b (W = window, or all steps for a full cache). K/V per step: [B][KV][d].
     */
    static double[] reference(Shape s, float[][] q, float[][] k, float[][] v, int t, int b) {
        int d = s.d();
        int first = s.window() > 0 ? Math.max(0, t - s.window() + 1) : 0;
        int n = t - first + 1;
        int g = s.heads() / s.kvHeads();
        double[] out = new double[s.heads() * d];
        for (int h = 0; h < s.heads(); h++) {
            int kvh = h / g;
            float[] keys = new float[n * d];
            float[] vals = new float[n * d];
            for (int p = first; p <= t; p++) {
                int o = (b * s.kvHeads() + kvh) * d;
                System.arraycopy(stored(s.format(), k[p], o, d), 0, keys, (p - first) * d, d);
                System.arraycopy(stored(s.format(), v[p], o, d), 0, vals, (p - first) * d, d);
            }
            double[] w = NaiveAttention.weights(q[t], (b * s.heads() + h) * d, keys, 0, n, d, 1.0 / Math.sqrt(d));
            for (int p = 0; p < n; p++) {
                for (int j = 0; j < d; j++) {
                    out[h * d + j] += w[p] * vals[p * d + j];
                }
            }
        }
        return out;
    }

    static ReducedKvCache cache(Shape s, int kvHeads) {
        return s.window() > 0 ? ReducedKvCache.window(s.batch(), s.heads(), kvHeads, s.d(), s.window(), s.format())
                : ReducedKvCache.full(s.batch(), s.heads(), kvHeads, s.d(), s.steps(), s.format());
    }

    @Property(tries = 50)
    void everyStepAttendsOverTheLastWRoundedPositions(@ForAll("shapes") Shape s) {
        int d = s.d();
        float[][] q = new float[s.steps()][];
        float[][] k = new float[s.steps()][];
        float[][] v = new float[s.steps()][];
        ReducedKvCache vec = cache(s, s.kvHeads());
        ReducedKvCache sca = cache(s, s.kvHeads());
        ReducedAttention kernel = s.seed() % 2 == 0 ? VECTOR1 : VECTOR2;
        for (int t = 0; t < s.steps(); t++) {
            q[t] = random(s.batch() * s.heads() * d, s.seed() + 3L * t, 1.5f);
            k[t] = random(s.batch() * s.kvHeads() * d, s.seed() + 3L * t + 1, 1f);
            v[t] = random(s.batch() * s.kvHeads() * d, s.seed() + 3L * t + 2, 1f);
            float[] out = new float[s.batch() * s.heads() * d];
            float[] outScalar = new float[out.length];
            kernel.decode(vec, q[t], k[t], v[t], out, null);
            SCALAR2.decode(sca, q[t], k[t], v[t], outScalar, null);
            // check every step of short runs, and a sample of the long ones (the reference is O(T) per step)
            if (s.steps() <= 40 || t % 23 == 0 || t == s.steps() - 1) {
                for (int b = 0; b < s.batch(); b++) {
                    float[] one = Arrays.copyOfRange(out, b * s.heads() * d, (b + 1) * s.heads() * d);
                    assertClose(one, reference(s, q, k, v, t, b), 2e-5, s + " step " + t + " seq " + b);
                }
                assertClose(out, outScalar, 2e-5, "vector vs scalar at step " + t);
            }
        }
        int held = s.window() > 0 ? Math.min(s.steps(), s.window()) : s.steps();
        assertThat(vec.length()).isEqualTo(s.steps());
        assertThat(vec.stored()).isEqualTo(held);
        assertThat(vec.usedBytes()).isEqualTo(2L * s.batch() * s.kvHeads() * held * s.format().rowBytes(d));
        assertThat(vec.allocatedBytes()).isEqualTo(2L * s.batch() * s.kvHeads() * vec.slots() * s.format().rowBytes(d));
    }

    @Property(tries = 40)
    void gqaEqualsMhaOnReplicatedKvInEveryFormat(@ForAll("shapes") Shape s) {
        int d = s.d();
        int g = s.heads() / s.kvHeads();
        int steps = Math.min(s.steps(), 150);
        Shape bounded = new Shape(s.batch(), s.heads(), s.kvHeads(), d, steps, s.window(), s.format(), s.seed());
        ReducedKvCache gqa = cache(bounded, s.kvHeads());
        ReducedKvCache mha = cache(bounded, s.heads());
        float[] outG = new float[s.batch() * s.heads() * d];
        float[] outM = new float[outG.length];
        for (int t = 0; t < steps; t++) {
            float[] q = random(outG.length, s.seed() + 3L * t, 1.5f);
            float[] k = random(s.batch() * s.kvHeads() * d, s.seed() + 3L * t + 1, 1f);
            float[] v = random(s.batch() * s.kvHeads() * d, s.seed() + 3L * t + 2, 1f);
            float[] kRep = new float[s.batch() * s.heads() * d];
            float[] vRep = new float[kRep.length];
            for (int b = 0; b < s.batch(); b++) {
                for (int h = 0; h < s.heads(); h++) {
                    System.arraycopy(k, (b * s.kvHeads() + h / g) * d, kRep, (b * s.heads() + h) * d, d);
                    System.arraycopy(v, (b * s.kvHeads() + h / g) * d, vRep, (b * s.heads() + h) * d, d);
                }
            }
            VECTOR2.decode(gqa, q, k, v, outG, null);
            VECTOR1.decode(mha, q, kRep, vRep, outM, null);
        }
        // identical rows quantize identically (the int8 scale is per row), so only summation order differs
        assertClose(outG, outM, 1e-5, "GQA vs MHA on replicated K/V, " + s.format());
        assertThat(gqa.allocatedBytes() * g).isEqualTo(mha.allocatedBytes());
    }

    @Test
    void aStepCancelledMidwayLeavesAFullCacheAsItWasAndTheNextStepWorks() {
        int heads = 8;
        int kv = 4;
        int d = 32;
        ReducedKvCache c = ReducedKvCache.full(1, heads, kv, d, 2000, KvFormat.INT8);
        c.append(random(kv * 1500 * d, 1, 1f), random(kv * 1500 * d, 2, 1f), 1500);
        float[] q = random(heads * d, 3, 1f);
        float[] k = random(kv * d, 4, 1f);
        float[] v = random(kv * d, 5, 1f);
        AtomicInteger polls = new AtomicInteger();
        assertThatThrownBy(() -> VECTOR2.decode(c, q, k, v, new float[heads * d], () -> polls.incrementAndGet() > 5))
                .isInstanceOf(CancellationException.class);
        assertThat(polls.get()).isGreaterThan(5); // it ran some blocks before stopping
        assertThat(c.length()).isEqualTo(1500);
        float[] out = new float[heads * d];
        VECTOR2.decode(c, q, k, v, out, null);
        assertThat(c.length()).isEqualTo(1501);
        assertThat(c.key(0, 2, 1500)).containsExactly(stored(KvFormat.INT8, k, 2 * d, d));
    }

    @Test
    void budgetCheckedFactoriesRefuseWithASentenceBeforeAllocating() {
        MemoryBudget budget = new MemoryBudget(64L << 20);
        assertThatThrownBy(() -> ReducedKvCache.full(1, 32, 8, 128, 1 << 20, KvFormat.INT8, budget))
                .isInstanceOf(ConfigException.class)
                .hasMessage("a 1048576-token GQA-8 int8 cache needs 2.063 GiB but the budget is 64 MiB; "
                        + "lower the sequence length or batch");
        assertThatThrownBy(() -> ReducedKvCache.window(1, 32, 32, 128, 1 << 16, KvFormat.FP32, budget))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sliding-window cache needs 2 GiB");
        // the same shapes fit once the element or the window is small enough
        assertThat(ReducedKvCache.window(1, 32, 32, 128, 4096, KvFormat.INT8, budget).allocatedBytes())
                .isEqualTo(2L * 32 * 4096 * 132);
    }
}
