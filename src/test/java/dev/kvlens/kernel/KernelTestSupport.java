package dev.kvlens.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

final class KernelTestSupport {

    private KernelTestSupport() {
    }

    static float[] random(int n, long seed, float amp) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((r.nextDouble() * 2 - 1) * amp);
        }
        return a;
    }

    static void assertClose(float[] actual, double[] expected, double tol, String what) {
        assertThat(actual.length).as(what + " length").isGreaterThanOrEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(actual[i] - expected[i]);
            if (!(diff <= tol * (1 + Math.abs(expected[i])))) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + ", expected "
                        + expected[i] + " (tolerance " + tol + ")");
            }
        }
    }

    static void assertClose(float[] actual, float[] expected, double tol, String what) {
        double[] e = new double[expected.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = expected[i];
        }
        assertClose(actual, e, tol, what);
    }

    /** Runs prefill of one batch and returns out [B][H][T][d]. */
    static float[] prefill(AttentionKernel kernel, KvCache cache, float[] q, float[] k, float[] v, int tokens) {
        float[] out = new float[cache.batch() * cache.heads() * tokens * cache.headDim()];
        kernel.prefill(cache, q, k, v, tokens, out, null);
        return out;
    }

    /** [B][X][T][d] → rows of sequence b and head x, position t. */
    static int at(int b, int x, int t, int xs, int tokens, int d) {
        return ((b * xs + x) * tokens + t) * d;
    }
}
