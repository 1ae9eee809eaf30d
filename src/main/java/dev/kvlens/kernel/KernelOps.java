package dev.kvlens.kernel;

/**
 * The inner routines of the attention kernel, in two interchangeable implementations: a plain scalar
 * reference and a {@code jdk.incubator.vector} one. All arrays are row-major {@code float[]} with explicit
 * offsets and leading dimensions ({@code ld*} = distance in floats between two consecutive rows).
 *
 * <p>Every reference to the incubating Vector API lives in {@code VectorOps}, which is only loaded by
 * {@link #best()} after checking that the module is in the boot layer; {@code -Dkvlens.vector=false}
 * forces the scalar routines.
 */
public abstract class KernelOps {

    /** System property that turns the vector path off when set to {@code false}. */
    public static final String VECTOR_PROPERTY = "kvlens.vector";

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static volatile KernelOps best;

    KernelOps() {
    }

    /** The scalar reference implementation (always available). */
    public static KernelOps scalar() {
        return ScalarOps.INSTANCE;
    }

    /** True when the Vector API module is present and not disabled by {@code -Dkvlens.vector=false}. */
    public static boolean vectorAvailable() {
        if ("false".equalsIgnoreCase(System.getProperty(VECTOR_PROPERTY, "true").trim())) {
            return false;
        }
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /** The Vector API routines when {@link #vectorAvailable()}, otherwise {@link #scalar()}. */
    public static KernelOps best() {
        KernelOps b = best;
        if (b == null) {
            b = scalar();
            if (vectorAvailable()) {
                try {
                    b = (KernelOps) Class.forName("dev.kvlens.kernel.VectorOps")
                            .getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException | LinkageError e) {
                    b = scalar();
                }
            }
            best = b;
        }
        return b;
    }

    /** "scalar" or e.g. "vector 16 x float (512-bit)". */
    public abstract String name();

    /** Float lanes per vector operation; 1 for the scalar routines. */
    public abstract int lanes();

    public boolean isVector() {
        return lanes() > 1;
    }

    /** Σ a[ao+i]·b[bo+i] for i &lt; n. */
    public abstract float dot(float[] a, int ao, float[] b, int bo, int n);

    /** Σ x[o+i] for i &lt; n: the read-bandwidth probe's inner loop (streams memory, no stores). */
    public abstract float sum(float[] x, int o, int n);

    /**
     * The FMA-throughput probe: {@code iterations} rounds of 12 independent fused multiply-adds on
     * register-resident vectors, i.e. {@code iterations × 12 × lanes() × 2} flops. Returns a value that
     * depends on every lane so the work cannot be removed.
     */
    public abstract float fmaLoop(long iterations, float seed);

    /** Flops done by {@link #fmaLoop(long, float)}. */
    public long fmaLoopFlops(long iterations) {
        return iterations * 12L * lanes() * 2L;
    }

    /** Largest of x[o..o+n), n ≥ 1. */
    public abstract float max(float[] x, int o, int n);

    /** x[i] = exp(x[i] − m) for i in [o, o+n); returns the sum of the new values. */
    public abstract float expSub(float[] x, int o, int n, float m);

    /** x[i] *= s for i in [o, o+n). */
    public abstract void scale(float[] x, int o, int n, float s);

    /** y[yo+i] += a · x[xo+i] for i &lt; n. */
    public abstract void axpy(float a, float[] x, int xo, float[] y, int yo, int n);

    /**
     * Score tile against transposed keys: {@code s[i][c] = scale · Σ_j q[i][j] · kt[j][c]}.
     *
     * @param q   rows × d at {@code qo}, row stride {@code ldq}
     * @param kt  d × cols at {@code kto}, row stride {@code ldkt} (keys transposed: one row per dimension)
     * @param s   rows × cols at {@code so}, row stride {@code lds}; overwritten
     */
    public abstract void scoresT(float[] q, int qo, int ldq, int rows, float[] kt, int kto, int ldkt, int cols,
                                 int d, float scale, float[] s, int so, int lds);

    /**
     * Weighted sum of value rows: {@code acc[i][j] += Σ_t p[i][t] · v[t][j]}.
     *
     * @param p   rows × cols at {@code po}, row stride {@code ldp}
     * @param v   cols × d at {@code vo}, row stride {@code ldv}
     * @param acc rows × d at {@code ao}, row stride {@code lda}; accumulated into
     */
    public abstract void pv(float[] p, int po, int ldp, int rows, int cols, float[] v, int vo, int ldv, int d,
                            float[] acc, int ao, int lda);

    /** {@code dst[i] = halfToFloat(src[i])} for {@code n} IEEE binary16 values (see {@link KvFormat}). */
    public void halfToFloat(short[] src, int so, float[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = KvFormat.halfToFloat(src[so + i]);
        }
    }

    /** {@code dst[i] = bf16ToFloat(src[i])} for {@code n} bfloat16 values. */
    public void bf16ToFloat(short[] src, int so, float[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = Float.intBitsToFloat(src[so + i] << 16);
        }
    }

    /** {@code dst[i] = src[i] · scale} for {@code n} int8 values. */
    public void int8ToFloat(byte[] src, int so, float scale, float[] dst, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dOff + i] = src[so + i] * scale;
        }
    }
    // ---- fused reads of stored K/V (no fp32 scratch): one query head per KV head, see ReducedAttention

    /** {@code Σ a[i] · x[i]} over {@code n} int8 values (unscaled: the caller multiplies by the row's scale). */
    public float dotInt8(float[] a, int ao, byte[] x, int xo, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += a[ao + i] * x[xo + i];
        }
        return s;
    }

    /** {@code y[i] += alpha · x[i]} over {@code n} int8 values. */
    public void axpyInt8(float alpha, byte[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] += alpha * x[xo + i];
        }
    }

    /** {@code Σ a[i] · bf16ToFloat(x[i])}. */
    public float dotBf16(float[] a, int ao, short[] x, int xo, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += a[ao + i] * Float.intBitsToFloat(x[xo + i] << 16);
        }
        return s;
    }

    /** {@code y[i] += alpha · bf16ToFloat(x[i])}. */
    public void axpyBf16(float alpha, short[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] += alpha * Float.intBitsToFloat(x[xo + i] << 16);
        }
    }

    /** {@code Σ a[i] · halfToFloat(x[i])}. */
    public float dotHalf(float[] a, int ao, short[] x, int xo, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += a[ao + i] * KvFormat.halfToFloat(x[xo + i]);
        }
        return s;
    }

    /** {@code y[i] += alpha · halfToFloat(x[i])}. */
    public void axpyHalf(float alpha, short[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] += alpha * KvFormat.halfToFloat(x[xo + i]);
        }
    }
}
