package dev.kvlens.kernel;

/** Plain Java loops: the reference the vector routines are tested against, and the fallback. */
final class ScalarOps extends KernelOps {

    static final ScalarOps INSTANCE = new ScalarOps();

    private ScalarOps() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    @Override
    public float sum(float[] x, int o, int n) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int i = 0;
        for (; i <= n - 4; i += 4) {
            s0 += x[o + i];
            s1 += x[o + i + 1];
            s2 += x[o + i + 2];
            s3 += x[o + i + 3];
        }
        for (; i < n; i++) {
            s0 += x[o + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public float fmaLoop(long iterations, float seed) {
        float a0 = seed, a1 = seed + 1, a2 = seed + 2, a3 = seed + 3, a4 = seed + 4, a5 = seed + 5;
        float a6 = seed + 6, a7 = seed + 7, a8 = seed + 8, a9 = seed + 9, a10 = seed + 10, a11 = seed + 11;
        final float m = 0.999999f;
        final float c = 1e-7f;
        for (long i = 0; i < iterations; i++) {
            a0 = Math.fma(a0, m, c);
            a1 = Math.fma(a1, m, c);
            a2 = Math.fma(a2, m, c);
            a3 = Math.fma(a3, m, c);
            a4 = Math.fma(a4, m, c);
            a5 = Math.fma(a5, m, c);
            a6 = Math.fma(a6, m, c);
            a7 = Math.fma(a7, m, c);
            a8 = Math.fma(a8, m, c);
            a9 = Math.fma(a9, m, c);
            a10 = Math.fma(a10, m, c);
            a11 = Math.fma(a11, m, c);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }

    @Override
    public float max(float[] x, int o, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[o + i]);
        }
        return m;
    }

    @Override
    public float expSub(float[] x, int o, int n, float m) {
        float sum = 0f;
        for (int i = 0; i < n; i++) {
            float e = (float) Math.exp(x[o + i] - m);
            x[o + i] = e;
            sum += e;
        }
        return sum;
    }

    @Override
    public void scale(float[] x, int o, int n, float s) {
        for (int i = 0; i < n; i++) {
            x[o + i] *= s;
        }
    }

    @Override
    public void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] += a * x[xo + i];
        }
    }

    @Override
    public void scoresT(float[] q, int qo, int ldq, int rows, float[] kt, int kto, int ldkt, int cols, int d,
                        float scale, float[] s, int so, int lds) {
        for (int i = 0; i < rows; i++) {
            int srow = so + i * lds;
            for (int c = 0; c < cols; c++) {
                s[srow + c] = 0f;
            }
            for (int j = 0; j < d; j++) {
                float qv = q[qo + i * ldq + j];
                int krow = kto + j * ldkt;
                for (int c = 0; c < cols; c++) {
                    s[srow + c] += qv * kt[krow + c];
                }
            }
            for (int c = 0; c < cols; c++) {
                s[srow + c] *= scale;
            }
        }
    }

    @Override
    public void pv(float[] p, int po, int ldp, int rows, int cols, float[] v, int vo, int ldv, int d,
                   float[] acc, int ao, int lda) {
        for (int i = 0; i < rows; i++) {
            int arow = ao + i * lda;
            for (int t = 0; t < cols; t++) {
                float w = p[po + i * ldp + t];
                if (w == 0f) {
                    continue;
                }
                int vrow = vo + t * ldv;
                for (int j = 0; j < d; j++) {
                    acc[arow + j] += w * v[vrow + j];
                }
            }
        }
    }
}
