package dev.kvlens.kernel;

import static dev.kvlens.kernel.KernelTestSupport.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvlens.model.ConfigException;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ReducedKvCacheTest {

    private static final ReducedAttention ONE = new ReducedAttention(1);
    private static final ReducedAttention TWO = new ReducedAttention(2);

    @AfterAll
    static void close() {
        ONE.close();
        TWO.close();
    }

    // ------------------------------------------------------------------ element conversions

    @Test
    void everyHalfRoundTripsExactly() {
        for (int h = 0; h < 0x10000; h++) {
            float f = KvFormat.halfToFloat((short) h);
            int back = KvFormat.floatToHalf(f) & 0xFFFF;
            if ((h & 0x7C00) == 0x7C00 && (h & 0x3FF) != 0) {
                assertThat(Float.isNaN(f)).as("NaN %04x", h).isTrue();
                assertThat(back & 0x7C00).isEqualTo(0x7C00);
                assertThat(back & 0x3FF).isNotZero();
            } else {
                assertThat(back).as("half %04x → %s", h, f).isEqualTo(h);
            }
        }
        assertThat(KvFormat.halfToFloat((short) 0x3C00)).isEqualTo(1f);
        assertThat(KvFormat.halfToFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(KvFormat.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f); // smallest subnormal
        assertThat(KvFormat.halfToFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Float.floatToRawIntBits(KvFormat.halfToFloat((short) 0x8000))).isEqualTo(0x80000000); // -0
    }

    @Test
    void halfRoundsToNearestEvenBetweenEveryPairOfNeighbours() {
        for (int a = 0; a < 0x7BFF; a++) { // positive finite halves and their upper neighbour
            int b = a + 1;
            float fa = KvFormat.halfToFloat((short) a);
            float fb = KvFormat.halfToFloat((short) b);
            float mid = (fa + fb) / 2; // exact: 12 significant bits
            int even = (a & 1) == 0 ? a : b;
            assertThat(KvFormat.floatToHalf(mid) & 0xFFFF).as("tie between %04x and %04x", a, b).isEqualTo(even);
            assertThat(KvFormat.floatToHalf(Math.nextDown(mid)) & 0xFFFF).isEqualTo(a);
            assertThat(KvFormat.floatToHalf(Math.nextUp(mid)) & 0xFFFF).isEqualTo(b);
            assertThat(KvFormat.floatToHalf(-mid) & 0xFFFF).isEqualTo(even | 0x8000);
        }
        assertThat(KvFormat.floatToHalf(65519.99f) & 0xFFFF).isEqualTo(0x7BFF);
        assertThat(KvFormat.floatToHalf(65520f) & 0xFFFF).isEqualTo(0x7C00); // the tie rounds to even: infinity
        assertThat(KvFormat.floatToHalf(1e9f) & 0xFFFF).isEqualTo(0x7C00);
        assertThat(KvFormat.floatToHalf(0x1p-25f) & 0xFFFF).isZero();
        assertThat(KvFormat.floatToHalf(Math.nextUp(0x1p-25f)) & 0xFFFF).isEqualTo(1);
        assertThat(Float.isNaN(KvFormat.halfToFloat(KvFormat.floatToHalf(Float.NaN)))).isTrue();
    }

    @Test
    void halfAndBf16RelativeErrorsStayWithinHalfAnUlp() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            float x = (float) ((r.nextDouble() * 2 - 1) * Math.pow(2, r.nextInt(-14, 15)));
            float h = KvFormat.halfToFloat(KvFormat.floatToHalf(x));
            // relative 2^-11 for normals; below 2^-14 (subnormal halves) half a step of 2^-24
            float bound = Math.max(Math.abs(x) * 0x1p-11f, 0x1p-25f);
            assertThat(Math.abs(h - x)).as("fp16 of %s", x).isLessThanOrEqualTo(bound);
            float y = (float) ((r.nextDouble() * 2 - 1) * Math.pow(2, r.nextInt(-100, 100)));
            float b = KvFormat.bf16ToFloat(KvFormat.floatToBf16(y));
            assertThat(Math.abs(b - y)).as("bf16 of %s", y).isLessThanOrEqualTo(Math.abs(y) * 0x1p-8f);
        }
        assertThat(KvFormat.bf16ToFloat(KvFormat.floatToBf16(1.00390625f))).isEqualTo(1f); // tie → even
        assertThat(KvFormat.bf16ToFloat(KvFormat.floatToBf16(1.01171875f))).isEqualTo(1.015625f); // tie → even
        assertThat(Float.isNaN(KvFormat.bf16ToFloat(KvFormat.floatToBf16(Float.NaN)))).isTrue();
    }

    @Test
    void int8ErrorIsAtMostHalfAScaleStep() {
        float[] x = random(1000, 5, 3f);
        byte[] q = new byte[1000];
        for (int row = 0; row < 10; row++) {
            float scale = KvFormat.quantizeInt8(x, row * 100, 100, q, row * 100);
            float max = 0;
            for (int i = 0; i < 100; i++) {
                max = Math.max(max, Math.abs(x[row * 100 + i]));
            }
            assertThat(scale).isEqualTo(max / 127f);
            for (int i = 0; i < 100; i++) {
                float err = Math.abs(q[row * 100 + i] * scale - x[row * 100 + i]);
                assertThat(err).isLessThanOrEqualTo(scale * 0.5f * (1 + 1e-5f));
            }
        }
        assertThat(KvFormat.quantizeInt8(new float[4], 0, 4, new byte[4], 0)).isZero();
    }

    @Test
    void vectorDequantizationMatchesScalar() {
        KernelOps v = KernelOps.best();
        KernelOps s = KernelOps.scalar();
        short[] halves = new short[0x10000 + 7];
        for (int i = 0; i < halves.length; i++) {
            halves[i] = (short) i;
        }
        float[] a = new float[halves.length];
        float[] b = new float[halves.length];
        v.halfToFloat(halves, 0, a, 0, halves.length);
        s.halfToFloat(halves, 0, b, 0, halves.length);
        for (int i = 0; i < a.length; i++) {
            assertThat(Float.floatToIntBits(a[i])).as("half %04x", i & 0xFFFF).isEqualTo(Float.floatToIntBits(b[i]));
        }
        v.bf16ToFloat(halves, 3, a, 1, 1000);
        s.bf16ToFloat(halves, 3, b, 1, 1000);
        for (int i = 1; i <= 1000; i++) {
            assertThat(Float.floatToIntBits(a[i])).isEqualTo(Float.floatToIntBits(b[i]));
        }
        byte[] bytes = new byte[259];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i - 128);
        }
        v.int8ToFloat(bytes, 2, 0.37f, a, 0, 257);
        s.int8ToFloat(bytes, 2, 0.37f, b, 0, 257);
        for (int i = 0; i < 257; i++) {
            assertThat(a[i]).isEqualTo(b[i]);
        }
    }

    // ------------------------------------------------------------------ decode

    /** A cache filled with T − 1 random tokens; the decode step adds token T. */
    private record Setup(ReducedKvCache cache, float[] k, float[] v, float[] q, float[] kNew, float[] vNew) {
    }

    private static Setup setup(int heads, int kv, int d, int tokens, KvFormat f, int window, long seed) {
        ReducedKvCache c = window > 0 ? ReducedKvCache.window(1, heads, kv, d, window, f)
                : ReducedKvCache.full(1, heads, kv, d, tokens, f);
        float[] k = random(kv * (tokens - 1) * d, seed, 1f);
        float[] v = random(kv * (tokens - 1) * d, seed + 1, 1f);
        c.append(k, v, tokens - 1);
        return new Setup(c, k, v, random(heads * d, seed + 2, 1.5f), random(kv * d, seed + 3, 1f),
                random(kv * d, seed + 4, 1f));
    }

    /** Naive double attention of the new token over positions [first, T) of K/V [KV][T][d] (new token last). */
    private static double[] reference(Setup s, int heads, int kv, int d, int tokens, int first, boolean stored) {
        int n = tokens - first;
        double[] out = new double[heads * d];
        int group = heads / kv;
        for (int h = 0; h < heads; h++) {
            int g = h / group;
            float[] keys = new float[n * d];
            float[] vals = new float[n * d];
            for (int t = first; t < tokens; t++) {
                float[] kr;
                float[] vr;
                if (t == tokens - 1) {
                    kr = java.util.Arrays.copyOfRange(s.kNew(), g * d, g * d + d);
                    vr = java.util.Arrays.copyOfRange(s.vNew(), g * d, g * d + d);
                    if (stored) { // the new token as the cache will store it
                        ReducedKvCache one = ReducedKvCache.full(1, heads, kv, d, 1, s.cache().format());
                        one.append(s.kNew(), s.vNew(), 1);
                        kr = one.key(0, g, 0);
                        vr = one.value(0, g, 0);
                    }
                } else if (stored) {
                    kr = s.cache().key(0, g, t % s.cache().slots());
                    vr = s.cache().value(0, g, t % s.cache().slots());
                } else {
                    int o = (g * (tokens - 1) + t) * d;
                    kr = java.util.Arrays.copyOfRange(s.k(), o, o + d);
                    vr = java.util.Arrays.copyOfRange(s.v(), o, o + d);
                }
                System.arraycopy(kr, 0, keys, (t - first) * d, d);
                System.arraycopy(vr, 0, vals, (t - first) * d, d);
            }
            double[] w = NaiveAttention.weights(s.q(), h * d, keys, 0, n, d, 1.0 / Math.sqrt(d));
            for (int t = 0; t < n; t++) {
                for (int j = 0; j < d; j++) {
                    out[h * d + j] += w[t] * vals[t * d + j];
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({"8,8,16,1", "8,2,32,300", "16,1,64,129", "32,4,128,700", "12,3,20,257", "8,8,67,50"})
    void decodeReadsExactlyWhatIsStoredInEveryFormat(int heads, int kv, int d, int tokens) {
        for (KvFormat f : KvFormat.values()) {
            for (ReducedAttention a : new ReducedAttention[] {ONE, TWO}) {
                Setup s = setup(heads, kv, d, tokens, f, 0, tokens * 31L + d);
                float[] out = new float[heads * d];
                a.decode(s.cache(), s.q(), s.kNew(), s.vNew(), out, null);
                // reference: attention in double over the dequantized stored K/V (new token included)
                KernelTestSupport.assertClose(out, reference(s, heads, kv, d, tokens, 0, true), 2e-5,
                        f + " H" + heads + " KV" + kv);
                assertThat(s.cache().length()).isEqualTo(tokens);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(KvFormat.class)
    void quantizedOutputStaysWithinTheErrorBoundDerivedFromTheFormat(KvFormat f) {
        int heads = 16;
        int kv = 4;
        int d = 64;
        int tokens = 500;
        Setup s = setup(heads, kv, d, tokens, f, 0, 77);
        float[] out = new float[heads * d];
        ONE.decode(s.cache(), s.q(), s.kNew(), s.vNew(), out, null);
        double[] exact = reference(s, heads, kv, d, tokens, 0, false);
        // Per-element storage error of |x| ≤ 1: fp16 ≤ 2^-11 (|x| ≥ 2^-14; below, ≤ 2^-25), bf16 ≤ 2^-8,
        // int8 ≤ half a step = max|row| / 254 ≤ 1/254. A score moves by at most
        // Δ = (1/sqrt d)·Σ|q_j|·e_k, so each softmax weight by a factor within e^{±2Δ}; the output (a convex
        // combination of values) then moves by at most e_v + (e^{2Δ} − 1)·max|v|.
        double e = switch (f) {
            case FP32 -> 0;
            case FP16 -> 0x1p-11;
            case BF16 -> 0x1p-8;
            case INT8 -> 1.0 / 254;
        };
        double bound = 0;
        for (int h = 0; h < heads; h++) {
            double qsum = 0;
            for (int j = 0; j < d; j++) {
                qsum += Math.abs(s.q()[h * d + j]);
            }
            double delta = qsum * e / Math.sqrt(d);
            bound = Math.max(bound, e + Math.expm1(2 * delta) * 1.0);
        }
        double worst = 0;
        for (int i = 0; i < exact.length; i++) {
            worst = Math.max(worst, Math.abs(out[i] - exact[i]));
        }
        assertThat(worst).as(f + " worst output error").isLessThanOrEqualTo(bound + 1e-5);
        if (f != KvFormat.FP32) {
            assertThat(worst).as(f + " is really quantized").isGreaterThan(0);
        }
    }

    @ParameterizedTest
    @CsvSource({"8,2,16,100,100", "8,2,16,40,100", "4,4,32,1,8", "16,1,32,333,1000"})
    void aWindowAsLongAsTheSequenceIsFullAttention(int heads, int kv, int d, int tokens, int window) {
        Setup w = setup(heads, kv, d, tokens, KvFormat.FP32, window, 9);
        Setup full = setup(heads, kv, d, tokens, KvFormat.FP32, 0, 9);
        float[] ow = new float[heads * d];
        float[] of = new float[heads * d];
        TWO.decode(w.cache(), w.q(), w.kNew(), w.vNew(), ow, null);
        TWO.decode(full.cache(), full.q(), full.kNew(), full.vNew(), of, null);
        KernelTestSupport.assertClose(ow, of, 1e-6, "window " + window + " ≥ T " + tokens);
        assertThat(w.cache().allocatedBytes()).isEqualTo(2L * kv * window * d * 4);
    }

    @ParameterizedTest
    @CsvSource({"8,2,16,300,64", "8,8,16,129,128", "4,1,32,1000,100", "16,4,64,257,1"})
    void pastTheWindowOnlyTheLastWPositionsCount(int heads, int kv, int d, int tokens, int window) {
        Setup w = setup(heads, kv, d, tokens, KvFormat.FP32, window, 11);
        float[] out = new float[heads * d];
        ONE.decode(w.cache(), w.q(), w.kNew(), w.vNew(), out, null);
        KernelTestSupport.assertClose(out, reference(w, heads, kv, d, tokens, tokens - window, false), 2e-5,
                "window " + window);
        assertThat(w.cache().stored()).isEqualTo(window);
        assertThat(w.cache().length()).isEqualTo(tokens);
        assertThat(w.cache().usedBytes()).isEqualTo(w.cache().allocatedBytes());
        // a window cache costs the same however long the sequence grows
        assertThat(w.cache().allocatedBytes()).isEqualTo(ReducedKvCache.bytesFor(1, kv, d, window, KvFormat.FP32));
    }

    @Test
    void quantizedWindowCombinesBoth() {
        Setup w = setup(8, 2, 32, 400, KvFormat.INT8, 100, 13);
        float[] out = new float[8 * 32];
        TWO.decode(w.cache(), w.q(), w.kNew(), w.vNew(), out, null);
        KernelTestSupport.assertClose(out, reference(w, 8, 2, 32, 400, 300, true), 2e-5, "int8 window");
    }

    @Test
    void bytesAreExact() {
        int d = 128;
        // per position per KV head: K and V rows; int8 adds a 4-byte scale to each row
        assertThat(ReducedKvCache.full(1, 32, 8, d, 1000, KvFormat.FP32).allocatedBytes()).isEqualTo(2L * 8 * 1000 * d * 4);
        assertThat(ReducedKvCache.full(1, 32, 8, d, 1000, KvFormat.FP16).allocatedBytes()).isEqualTo(2L * 8 * 1000 * d * 2);
        assertThat(ReducedKvCache.full(1, 32, 8, d, 1000, KvFormat.BF16).allocatedBytes()).isEqualTo(2L * 8 * 1000 * d * 2);
        ReducedKvCache i8 = ReducedKvCache.full(2, 32, 8, d, 1000, KvFormat.INT8);
        assertThat(i8.allocatedBytes()).isEqualTo(2L * 2 * 8 * 1000 * (d + 4));
        assertThat(i8.usedBytes()).isZero();
        i8.append(new float[2 * 8 * 10 * d], new float[2 * 8 * 10 * d], 10);
        assertThat(i8.usedBytes()).isEqualTo(2L * 2 * 8 * 10 * (d + 4));
        // int8 with fp32 scales: 4 / (1 + 4/128) = 3.88× smaller than fp32 at d = 128
        assertThat(4.0 * d / KvFormat.INT8.rowBytes(d)).isCloseTo(3.879, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void aCancelledStepLeavesEvenAFullWindowAsItWas() {
        Setup w = setup(8, 2, 16, 200, KvFormat.FP16, 64, 21);
        float[] before = w.cache().key(0, 1, w.cache().nextSlot());
        long len = w.cache().length();
        assertThatThrownBy(() -> TWO.decode(w.cache(), w.q(), w.kNew(), w.vNew(), new float[8 * 16], () -> true))
                .isInstanceOf(CancellationException.class);
        assertThat(w.cache().length()).isEqualTo(len);
        assertThat(w.cache().key(0, 1, w.cache().nextSlot())).containsExactly(before);
    }

    @Test
    void refusalsAreSentences() {
        MemoryBudget small = new MemoryBudget(1 << 20);
        long need = ReducedKvCache.bytesFor(1, 8, 128, 1 << 20, KvFormat.INT8);
        assertThatThrownBy(() -> small.check(need, "an int8 cache")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("an int8 cache needs");
        ReducedKvCache full = ReducedKvCache.full(1, 4, 2, 8, 3, KvFormat.BF16);
        full.append(new float[2 * 3 * 8], new float[2 * 3 * 8], 3);
        assertThatThrownBy(() -> ONE.decode(full, new float[32], new float[16], new float[16], new float[32], null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cache full");
        assertThatThrownBy(() -> ReducedKvCache.full(1, 8, 3, 8, 3, KvFormat.FP16))
                .hasMessageContaining("8 query heads cannot be shared by 3 KV heads");
        assertThatThrownBy(() -> ReducedKvCache.window(1, 4, 2, 8, 3, KvFormat.FP32).truncate(0))
                .hasMessageContaining("cannot be rewound");
    }
}
