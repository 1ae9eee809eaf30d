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
