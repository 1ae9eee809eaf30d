package dev.kvlens.kernel;

import static dev.kvlens.kernel.KernelTestSupport.assertClose;
import static dev.kvlens.kernel.KernelTestSupport.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
    @Test
    void fusedReadsOfStoredRowsMatchWideningThenTheFp32Routines() {
        KernelOps v = KernelOps.best();
        KernelOps sc = KernelOps.scalar();
        for (int n : new int[] {1, 15, 16, 17, 33, 128, 200}) {
            float[] a = random(n + 3, n, 1f);
            float[] x = random(n + 5, n + 1L, 2f);
            byte[] b = new byte[n + 5];
            short[] h = new short[n + 5];
            short[] bf = new short[n + 5];
            for (int i = 0; i < x.length; i++) {
                b[i] = (byte) Math.round(x[i] * 60);
                h[i] = KvFormat.floatToHalf(x[i]);
                bf[i] = KvFormat.floatToBf16(x[i]);
            }
            float[] wb = new float[n];
            float[] wh = new float[n];
            float[] wbf = new float[n];
            sc.int8ToFloat(b, 2, 1f, wb, 0, n);
            sc.halfToFloat(h, 2, wh, 0, n);
            sc.bf16ToFloat(bf, 2, wbf, 0, n);
            for (KernelOps ops : new KernelOps[] {v, sc}) {
                double tol = 1e-5 * n;
                assertThat((double) ops.dotInt8(a, 3, b, 2, n)).isCloseTo(sc.dot(a, 3, wb, 0, n), within(tol * 60));
                assertThat((double) ops.dotHalf(a, 3, h, 2, n)).isCloseTo(sc.dot(a, 3, wh, 0, n), within(tol));
                assertThat((double) ops.dotBf16(a, 3, bf, 2, n)).isCloseTo(sc.dot(a, 3, wbf, 0, n), within(tol));
                float[][] ys = new float[6][n + 1];
                ops.axpyInt8(0.5f, b, 2, ys[0], 1, n);
                sc.axpy(0.5f, wb, 0, ys[1], 1, n);
                ops.axpyHalf(-1.5f, h, 2, ys[2], 1, n);
                sc.axpy(-1.5f, wh, 0, ys[3], 1, n);
                ops.axpyBf16(2f, bf, 2, ys[4], 1, n);
                sc.axpy(2f, wbf, 0, ys[5], 1, n);
                for (int k = 0; k < 6; k += 2) {
                    assertThat(ys[k]).containsExactly(ys[k + 1]); // one multiply-add per element: same rounding
                }
            }
        }
    }
    @Test
    void fusedHalfWideningIsExactForEveryHalfIncludingSubnormalsInfinitiesAndNaN() {
        short[] all = new short[0x10000];
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) i;
        }
        for (KernelOps ops : new KernelOps[] {KernelOps.best(), KernelOps.scalar()}) {
            float[] y = new float[all.length];
            ops.axpyHalf(1f, all, 0, y, 0, all.length); // 0 + 1 · x is exact (−0 becomes +0)
            for (int i = 0; i < all.length; i++) {
                float want = KvFormat.halfToFloat(all[i]);
                if (Float.isNaN(want)) {
                    assertThat(y[i]).as("half %04x", i).isNaN();
                } else {
                    assertThat(y[i] == want).as("half %04x: %s vs %s", i, y[i], want).isTrue();
                }
            }
            float[] one = new float[16];
            for (int i = 0; i < all.length; i += 16) {
                java.util.Arrays.fill(one, 0f);
                one[i % 13] = 1f; // a dot product that picks one element of each run of 16
                float want = KvFormat.halfToFloat(all[i + i % 13]);
                float got = ops.dotHalf(one, 0, all, i, 16);
                if (Float.isNaN(want) || Float.isInfinite(want)) {
                    assertThat(Float.isNaN(got) || got == want).isTrue();
                } else if (!Float.isNaN(got)) {
                    assertThat(got).as("dot at %04x", i).isEqualTo(want + 0f);
                }
            }
        }
    }
    @Provide
    Arbitrary<Shape> longFewHeads() {
        return Combinators.combine(Arbitraries.integers().between(1, 2), Arbitraries.of(1, 4, 8),
                        Arbitraries.of(1, 2), Arbitraries.of(16, 40), Arbitraries.integers().between(2, 2600),
                        Arbitraries.of(0, 0, 300, 1100), Arbitraries.of(KvFormat.class), Arbitraries.longs())
                .as((b, h, kvPick, d, tokens, w, f, seed) ->
                        new Shape(b, h, Math.min(h, kvPick), d, tokens, w, f, seed));
    }

    /** Few KV heads and long sequences: the step is split over positions on 3 threads and merged. */
    @Property(tries = 25)
    void positionSplitsMergeToTheSameAttention(@ForAll("longFewHeads") Shape s) {
        int d = s.d();
        int t = s.steps(); // tokens: t − 1 appended, then one decode step
        ReducedKvCache c = cache(new Shape(s.batch(), s.heads(), s.kvHeads(), d, t, s.window(), s.format(), s.seed()),
                s.kvHeads());
        float[][] q = new float[t][];
        float[][] k = new float[t][];
        float[][] v = new float[t][];
        for (int p = 0; p < t; p++) {
            k[p] = random(s.batch() * s.kvHeads() * d, s.seed() + 3L * p + 1, 1f);
            v[p] = random(s.batch() * s.kvHeads() * d, s.seed() + 3L * p + 2, 1f);
        }
        q[t - 1] = random(s.batch() * s.heads() * d, s.seed() - 1, 1.5f);
        // [B][KV][t − 1][d] for append
        float[] ka = new float[s.batch() * s.kvHeads() * (t - 1) * d];
        float[] va = new float[ka.length];
        for (int u = 0; u < s.batch() * s.kvHeads(); u++) {
            for (int p = 0; p < t - 1; p++) {
                System.arraycopy(k[p], u * d, ka, (u * (t - 1) + p) * d, d);
                System.arraycopy(v[p], u * d, va, (u * (t - 1) + p) * d, d);
            }
        }
        c.append(ka, va, t - 1);
        float[] out = new float[s.batch() * s.heads() * d];
        try (ReducedAttention three = new ReducedAttention(3)) {
            three.decode(c, q[t - 1], k[t - 1], v[t - 1], out, null);
        }
        for (int b = 0; b < s.batch(); b++) {
            float[] one = Arrays.copyOfRange(out, b * s.heads() * d, (b + 1) * s.heads() * d);
            assertClose(one, reference(s, q, k, v, t - 1, b), 2e-5, s + " seq " + b);
        }
    }
}
