package dev.kvlens.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernel's routines on {@code jdk.incubator.vector} with the preferred species (16 float lanes on
 * AVX-512). The only class that references the incubating module; see {@link KernelOps#best()}.
 * Micro-kernels keep 8 independent FMA chains (2 rows × 4 vectors) to cover the FMA latency.
 */
final class VectorOps extends KernelOps {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Integer species with as many lanes as {@link #S}, for the dequantizing loads. */
    private static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Short> SS = VectorSpecies.of(short.class, VectorShape.forBitSize(16 * L));
    private static final VectorSpecies<Byte> BS = VectorSpecies.of(byte.class, VectorShape.forBitSize(8 * L));

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUND_MAGIC = 12582912f; // 1.5 * 2^23: x + M - M rounds to nearest integer
    private static final int MAGIC_BITS = Float.floatToRawIntBits(ROUND_MAGIC);
    private static final float EXP_LO = -87.0f;
    private static final float EXP_HI = 88.0f;

    public VectorOps() {
    }

    @Override
    public String name() {
        return "vector " + L + " x float (" + S.vectorBitSize() + "-bit)";
    }

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        FloatVector s2 = FloatVector.zero(S);
        FloatVector s3 = FloatVector.zero(S);
        int i = 0;
        for (; i <= n - 4 * L; i += 4 * L) {
            s0 = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), s0);
            s1 = FloatVector.fromArray(S, a, ao + i + L).fma(FloatVector.fromArray(S, b, bo + i + L), s1);
            s2 = FloatVector.fromArray(S, a, ao + i + 2 * L).fma(FloatVector.fromArray(S, b, bo + i + 2 * L), s2);
            s3 = FloatVector.fromArray(S, a, ao + i + 3 * L).fma(FloatVector.fromArray(S, b, bo + i + 3 * L), s3);
        }
        for (; i <= n - L; i += L) {
            s0 = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), s0);
        }
        float s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    @Override
    public float sum(float[] x, int o, int n) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        FloatVector s2 = FloatVector.zero(S);
        FloatVector s3 = FloatVector.zero(S);
        int i = 0;
        for (; i <= n - 4 * L; i += 4 * L) {
            s0 = s0.add(FloatVector.fromArray(S, x, o + i));
            s1 = s1.add(FloatVector.fromArray(S, x, o + i + L));
            s2 = s2.add(FloatVector.fromArray(S, x, o + i + 2 * L));
            s3 = s3.add(FloatVector.fromArray(S, x, o + i + 3 * L));
        }
        for (; i <= n - L; i += L) {
            s0 = s0.add(FloatVector.fromArray(S, x, o + i));
        }
        float s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += x[o + i];
        }
        return s;
    }

    @Override
    public float fmaLoop(long iterations, float seed) {
        FloatVector a0 = FloatVector.broadcast(S, seed), a1 = a0.add(1f), a2 = a0.add(2f), a3 = a0.add(3f);
        FloatVector a4 = a0.add(4f), a5 = a0.add(5f), a6 = a0.add(6f), a7 = a0.add(7f);
        FloatVector a8 = a0.add(8f), a9 = a0.add(9f), a10 = a0.add(10f), a11 = a0.add(11f);
        FloatVector m = FloatVector.broadcast(S, 0.999999f);
        FloatVector c = FloatVector.broadcast(S, 1e-7f);
        for (long i = 0; i < iterations; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2.add(a3)).add(a4.add(a5).add(a6.add(a7))).add(a8.add(a9).add(a10.add(a11)))
                .reduceLanes(VectorOperators.ADD);
    }

    @Override
    public float max(float[] x, int o, int n) {
        int i = 0;
        float m = Float.NEGATIVE_INFINITY;
        if (n >= L) {
            FloatVector mv = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (; i <= n - L; i += L) {
                mv = mv.max(FloatVector.fromArray(S, x, o + i));
            }
            m = mv.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            m = Math.max(m, x[o + i]);
        }
        return m;
    }

    /** e^x per lane; relative error about 2e-7 on [-87, 88], inputs clamped to that range. */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(EXP_LO).min(EXP_HI);
        // t = x·log2(e) + 1.5·2^23: the float's low mantissa bits now hold n = round(x·log2 e)
        FloatVector tm = xc.mul(LOG2E).add(ROUND_MAGIC);
        FloatVector n = tm.sub(ROUND_MAGIC);
        FloatVector f = n.fma(FloatVector.broadcast(S, -LN2_HI), xc);
        f = n.fma(FloatVector.broadcast(S, -LN2_LO), f);
        FloatVector p = FloatVector.broadcast(S, 1.0f / 720);
        p = p.fma(f, FloatVector.broadcast(S, 1.0f / 120));
        p = p.fma(f, FloatVector.broadcast(S, 1.0f / 24));
        p = p.fma(f, FloatVector.broadcast(S, 1.0f / 6));
        p = p.fma(f, FloatVector.broadcast(S, 0.5f));
        p = p.fma(f, FloatVector.broadcast(S, 1.0f));
        p = p.fma(f, FloatVector.broadcast(S, 1.0f));
        // 2^n as float bits: (n + 127) << 23, taken from tm's bits without a float-to-int conversion
        IntVector pow2 = tm.reinterpretAsInts().sub(MAGIC_BITS - 127).lanewise(VectorOperators.LSHL, 23);
        return p.mul(pow2.reinterpretAsFloats());
    }

    @Override
    public float expSub(float[] x, int o, int n, float m) {
        int i = 0;
        float sum = 0f;
        if (n >= L) {
            FloatVector acc = FloatVector.zero(S);
            for (; i <= n - L; i += L) {
                FloatVector e = exp(FloatVector.fromArray(S, x, o + i).sub(m));
                e.intoArray(x, o + i);
                acc = acc.add(e);
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            float e = (float) Math.exp(x[o + i] - m);
            x[o + i] = e;
            sum += e;
        }
        return sum;
    }

    @Override
    public void scale(float[] x, int o, int n, float s) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector.fromArray(S, x, o + i).mul(s).intoArray(x, o + i);
        }
        for (; i < n; i++) {
            x[o + i] *= s;
        }
    }

    @Override
    public void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        FloatVector av = FloatVector.broadcast(S, a);
        for (; i <= n - L; i += L) {
            FloatVector.fromArray(S, x, xo + i).fma(av, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += a * x[xo + i];
        }
    }

    @Override
    public void scoresT(float[] q, int qo, int ldq, int rows, float[] kt, int kto, int ldkt, int cols, int d,
                        float scale, float[] s, int so, int lds) {
        // Each micro-tile is its own small method: one large method with all the tiles failed C1's register
        // allocator when first compiled at tier 2, never reached C2 and ran the Vector API un-intrinsified.
        int c = 0;
        for (; c <= cols - 4 * L; c += 4 * L) {
            int i = 0;
            for (; i + 3 < rows; i += 4) {
                scores4x4(q, qo + i * ldq, ldq, kt, kto + c, ldkt, d, scale, s, so + i * lds + c, lds);
            }
            for (; i < rows; i++) {
                scores1x4(q, qo + i * ldq, kt, kto + c, ldkt, d, scale, s, so + i * lds + c);
            }
        }
        for (; c <= cols - L; c += L) {
            for (int i = 0; i < rows; i++) {
                scores1x1(q, qo + i * ldq, kt, kto + c, ldkt, d, scale, s, so + i * lds + c);
            }
        }
        for (; c < cols; c++) {
            for (int i = 0; i < rows; i++) {
                float a = 0f;
                for (int j = 0; j < d; j++) {
                    a += q[qo + i * ldq + j] * kt[kto + j * ldkt + c];
                }
                s[so + i * lds + c] = a * scale;
            }
        }
    }

    /** Scores of 4 query rows × 4 vectors of keys (16 accumulators). */
    private static void scores4x4(float[] q, int q0, int ldq, float[] kt, int kb, int ldkt, int d, float scale,
                                  float[] s, int s0, int lds) {
        int q1 = q0 + ldq;
        int q2 = q1 + ldq;
        int q3 = q2 + ldq;
        FloatVector a00 = FloatVector.zero(S), a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        FloatVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        for (int j = 0; j < d; j++, kb += ldkt) {
            FloatVector k0 = FloatVector.fromArray(S, kt, kb);
            FloatVector k1 = FloatVector.fromArray(S, kt, kb + L);
            FloatVector k2 = FloatVector.fromArray(S, kt, kb + 2 * L);
            FloatVector k3 = FloatVector.fromArray(S, kt, kb + 3 * L);
            FloatVector b0 = FloatVector.broadcast(S, q[q0 + j]);
            a00 = k0.fma(b0, a00);
            a01 = k1.fma(b0, a01);
            a02 = k2.fma(b0, a02);
            a03 = k3.fma(b0, a03);
            FloatVector b1 = FloatVector.broadcast(S, q[q1 + j]);
            a10 = k0.fma(b1, a10);
            a11 = k1.fma(b1, a11);
            a12 = k2.fma(b1, a12);
            a13 = k3.fma(b1, a13);
            FloatVector b2 = FloatVector.broadcast(S, q[q2 + j]);
            a20 = k0.fma(b2, a20);
            a21 = k1.fma(b2, a21);
            a22 = k2.fma(b2, a22);
            a23 = k3.fma(b2, a23);
            FloatVector b3 = FloatVector.broadcast(S, q[q3 + j]);
            a30 = k0.fma(b3, a30);
            a31 = k1.fma(b3, a31);
            a32 = k2.fma(b3, a32);
            a33 = k3.fma(b3, a33);
        }
        a00.mul(scale).intoArray(s, s0);
        a01.mul(scale).intoArray(s, s0 + L);
        a02.mul(scale).intoArray(s, s0 + 2 * L);
        a03.mul(scale).intoArray(s, s0 + 3 * L);
        a10.mul(scale).intoArray(s, s0 + lds);
        a11.mul(scale).intoArray(s, s0 + lds + L);
        a12.mul(scale).intoArray(s, s0 + lds + 2 * L);
        a13.mul(scale).intoArray(s, s0 + lds + 3 * L);
        a20.mul(scale).intoArray(s, s0 + 2 * lds);
        a21.mul(scale).intoArray(s, s0 + 2 * lds + L);
        a22.mul(scale).intoArray(s, s0 + 2 * lds + 2 * L);
        a23.mul(scale).intoArray(s, s0 + 2 * lds + 3 * L);
        a30.mul(scale).intoArray(s, s0 + 3 * lds);
        a31.mul(scale).intoArray(s, s0 + 3 * lds + L);
        a32.mul(scale).intoArray(s, s0 + 3 * lds + 2 * L);
        a33.mul(scale).intoArray(s, s0 + 3 * lds + 3 * L);
    }

    /** Scores of 1 query row × 4 vectors of keys. */
    private static void scores1x4(float[] q, int q0, float[] kt, int kb, int ldkt, int d, float scale,
                                  float[] s, int s0) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        for (int j = 0; j < d; j++, kb += ldkt) {
            FloatVector b = FloatVector.broadcast(S, q[q0 + j]);
            a0 = FloatVector.fromArray(S, kt, kb).fma(b, a0);
            a1 = FloatVector.fromArray(S, kt, kb + L).fma(b, a1);
            a2 = FloatVector.fromArray(S, kt, kb + 2 * L).fma(b, a2);
            a3 = FloatVector.fromArray(S, kt, kb + 3 * L).fma(b, a3);
        }
        a0.mul(scale).intoArray(s, s0);
        a1.mul(scale).intoArray(s, s0 + L);
        a2.mul(scale).intoArray(s, s0 + 2 * L);
        a3.mul(scale).intoArray(s, s0 + 3 * L);
    }

    /** Scores of 1 query row × 1 vector of keys. */
    private static void scores1x1(float[] q, int q0, float[] kt, int kb, int ldkt, int d, float scale,
                                  float[] s, int s0) {
        FloatVector a = FloatVector.zero(S);
        for (int j = 0; j < d; j++, kb += ldkt) {
            a = FloatVector.fromArray(S, kt, kb).fma(FloatVector.broadcast(S, q[q0 + j]), a);
        }
        a.mul(scale).intoArray(s, s0);
    }

    /**
     * One weight row (a decode step of MHA, or of one head): every value row is consumed whole (8 vectors
     * when d allows), so the value slab streams through memory in order.
     */
    private static void pvRow(float[] p, int po, int cols, float[] v, int vo, int ldv, int d, float[] acc, int ao) {
        int j = 0;
        if (d >= 8 * L) {
            for (; j <= d - 8 * L; j += 8 * L) {
                int r = ao + j;
                FloatVector a0 = FloatVector.fromArray(S, acc, r + 0 * L);
                FloatVector a1 = FloatVector.fromArray(S, acc, r + 1 * L);
                FloatVector a2 = FloatVector.fromArray(S, acc, r + 2 * L);
                FloatVector a3 = FloatVector.fromArray(S, acc, r + 3 * L);
                FloatVector a4 = FloatVector.fromArray(S, acc, r + 4 * L);
                FloatVector a5 = FloatVector.fromArray(S, acc, r + 5 * L);
                FloatVector a6 = FloatVector.fromArray(S, acc, r + 6 * L);
                FloatVector a7 = FloatVector.fromArray(S, acc, r + 7 * L);
                int vb = vo + j;
                for (int t = 0; t < cols; t++, vb += ldv) {
                    FloatVector b = FloatVector.broadcast(S, p[po + t]);
                    a0 = FloatVector.fromArray(S, v, vb + 0 * L).fma(b, a0);
                    a1 = FloatVector.fromArray(S, v, vb + 1 * L).fma(b, a1);
                    a2 = FloatVector.fromArray(S, v, vb + 2 * L).fma(b, a2);
                    a3 = FloatVector.fromArray(S, v, vb + 3 * L).fma(b, a3);
                    a4 = FloatVector.fromArray(S, v, vb + 4 * L).fma(b, a4);
                    a5 = FloatVector.fromArray(S, v, vb + 5 * L).fma(b, a5);
                    a6 = FloatVector.fromArray(S, v, vb + 6 * L).fma(b, a6);
                    a7 = FloatVector.fromArray(S, v, vb + 7 * L).fma(b, a7);
                }
                a0.intoArray(acc, r + 0 * L);
                a1.intoArray(acc, r + 1 * L);
                a2.intoArray(acc, r + 2 * L);
                a3.intoArray(acc, r + 3 * L);
                a4.intoArray(acc, r + 4 * L);
                a5.intoArray(acc, r + 5 * L);
                a6.intoArray(acc, r + 6 * L);
                a7.intoArray(acc, r + 7 * L);
            }
        }
        for (; j <= d - L; j += L) {
            FloatVector a = FloatVector.fromArray(S, acc, ao + j);
            int vb = vo + j;
            for (int t = 0; t < cols; t++, vb += ldv) {
                a = FloatVector.fromArray(S, v, vb).fma(FloatVector.broadcast(S, p[po + t]), a);
            }
            a.intoArray(acc, ao + j);
        }
        for (; j < d; j++) {
            float a = acc[ao + j];
            for (int t = 0; t < cols; t++) {
                a += p[po + t] * v[vo + t * ldv + j];
            }
            acc[ao + j] = a;
        }
    }

    @Override
    public void pv(float[] p, int po, int ldp, int rows, int cols, float[] v, int vo, int ldv, int d,
                   float[] acc, int ao, int lda) {
        if (rows == 1) {
            pvRow(p, po, cols, v, vo, ldv, d, acc, ao);
            return;
        }
        // Small methods per micro-tile, for the JIT reason given in scoresT.
        int j = 0;
        for (; j <= d - 4 * L; j += 4 * L) {
            int i = 0;
            for (; i + 3 < rows; i += 4) {
                pv4x4(p, po + i * ldp, ldp, cols, v, vo + j, ldv, acc, ao + i * lda + j, lda);
            }
            for (; i < rows; i++) {
                pv1x4(p, po + i * ldp, cols, v, vo + j, ldv, acc, ao + i * lda + j);
            }
        }
        for (; j <= d - L; j += L) {
            for (int i = 0; i < rows; i++) {
                pv1x1(p, po + i * ldp, cols, v, vo + j, ldv, acc, ao + i * lda + j);
            }
        }
        for (; j < d; j++) {
            for (int i = 0; i < rows; i++) {
                float a = acc[ao + i * lda + j];
                for (int t = 0; t < cols; t++) {
                    a += p[po + i * ldp + t] * v[vo + t * ldv + j];
                }
                acc[ao + i * lda + j] = a;
            }
        }
    }

    /** 4 weight rows × 4 vectors of the value rows, accumulated into acc (16 accumulators). */
    private static void pv4x4(float[] p, int p0, int ldp, int cols, float[] v, int vb, int ldv,
                              float[] acc, int r0, int lda) {
        int p1 = p0 + ldp;
        int p2 = p1 + ldp;
        int p3 = p2 + ldp;
        int r1 = r0 + lda;
        int r2 = r1 + lda;
        int r3 = r2 + lda;
        FloatVector a00 = FloatVector.fromArray(S, acc, r0);
        FloatVector a01 = FloatVector.fromArray(S, acc, r0 + L);
        FloatVector a02 = FloatVector.fromArray(S, acc, r0 + 2 * L);
        FloatVector a03 = FloatVector.fromArray(S, acc, r0 + 3 * L);
        FloatVector a10 = FloatVector.fromArray(S, acc, r1);
        FloatVector a11 = FloatVector.fromArray(S, acc, r1 + L);
        FloatVector a12 = FloatVector.fromArray(S, acc, r1 + 2 * L);
        FloatVector a13 = FloatVector.fromArray(S, acc, r1 + 3 * L);
        FloatVector a20 = FloatVector.fromArray(S, acc, r2);
        FloatVector a21 = FloatVector.fromArray(S, acc, r2 + L);
        FloatVector a22 = FloatVector.fromArray(S, acc, r2 + 2 * L);
        FloatVector a23 = FloatVector.fromArray(S, acc, r2 + 3 * L);
        FloatVector a30 = FloatVector.fromArray(S, acc, r3);
        FloatVector a31 = FloatVector.fromArray(S, acc, r3 + L);
        FloatVector a32 = FloatVector.fromArray(S, acc, r3 + 2 * L);
        FloatVector a33 = FloatVector.fromArray(S, acc, r3 + 3 * L);
        for (int t = 0; t < cols; t++, vb += ldv) {
            FloatVector v0 = FloatVector.fromArray(S, v, vb);
            FloatVector v1 = FloatVector.fromArray(S, v, vb + L);
            FloatVector v2 = FloatVector.fromArray(S, v, vb + 2 * L);
            FloatVector v3 = FloatVector.fromArray(S, v, vb + 3 * L);
            FloatVector b0 = FloatVector.broadcast(S, p[p0 + t]);
            a00 = v0.fma(b0, a00);
            a01 = v1.fma(b0, a01);
            a02 = v2.fma(b0, a02);
            a03 = v3.fma(b0, a03);
            FloatVector b1 = FloatVector.broadcast(S, p[p1 + t]);
            a10 = v0.fma(b1, a10);
            a11 = v1.fma(b1, a11);
            a12 = v2.fma(b1, a12);
            a13 = v3.fma(b1, a13);
            FloatVector b2 = FloatVector.broadcast(S, p[p2 + t]);
            a20 = v0.fma(b2, a20);
            a21 = v1.fma(b2, a21);
            a22 = v2.fma(b2, a22);
            a23 = v3.fma(b2, a23);
            FloatVector b3 = FloatVector.broadcast(S, p[p3 + t]);
            a30 = v0.fma(b3, a30);
            a31 = v1.fma(b3, a31);
            a32 = v2.fma(b3, a32);
            a33 = v3.fma(b3, a33);
        }
        a00.intoArray(acc, r0);
        a01.intoArray(acc, r0 + L);
        a02.intoArray(acc, r0 + 2 * L);
        a03.intoArray(acc, r0 + 3 * L);
        a10.intoArray(acc, r1);
        a11.intoArray(acc, r1 + L);
        a12.intoArray(acc, r1 + 2 * L);
        a13.intoArray(acc, r1 + 3 * L);
        a20.intoArray(acc, r2);
        a21.intoArray(acc, r2 + L);
        a22.intoArray(acc, r2 + 2 * L);
        a23.intoArray(acc, r2 + 3 * L);
        a30.intoArray(acc, r3);
        a31.intoArray(acc, r3 + L);
        a32.intoArray(acc, r3 + 2 * L);
        a33.intoArray(acc, r3 + 3 * L);
    }

    /** 1 weight row × 4 vectors of the value rows. */
    private static void pv1x4(float[] p, int p0, int cols, float[] v, int vb, int ldv, float[] acc, int r0) {
        FloatVector a0 = FloatVector.fromArray(S, acc, r0);
        FloatVector a1 = FloatVector.fromArray(S, acc, r0 + L);
        FloatVector a2 = FloatVector.fromArray(S, acc, r0 + 2 * L);
        FloatVector a3 = FloatVector.fromArray(S, acc, r0 + 3 * L);
        for (int t = 0; t < cols; t++, vb += ldv) {
            FloatVector b = FloatVector.broadcast(S, p[p0 + t]);
            a0 = FloatVector.fromArray(S, v, vb).fma(b, a0);
            a1 = FloatVector.fromArray(S, v, vb + L).fma(b, a1);
            a2 = FloatVector.fromArray(S, v, vb + 2 * L).fma(b, a2);
            a3 = FloatVector.fromArray(S, v, vb + 3 * L).fma(b, a3);
        }
        a0.intoArray(acc, r0);
        a1.intoArray(acc, r0 + L);
        a2.intoArray(acc, r0 + 2 * L);
        a3.intoArray(acc, r0 + 3 * L);
    }

    /** 1 weight row × 1 vector of the value rows. */
    private static void pv1x1(float[] p, int p0, int cols, float[] v, int vb, int ldv, float[] acc, int r0) {
        FloatVector a = FloatVector.fromArray(S, acc, r0);
        for (int t = 0; t < cols; t++, vb += ldv) {
            a = FloatVector.fromArray(S, v, vb).fma(FloatVector.broadcast(S, p[p0 + t]), a);
        }
        a.intoArray(acc, r0);
    }

    @Override
    public void halfToFloat(short[] src, int so, float[] dst, int dOff, int n) {
        // The sign-extended half shifted left by 13 has its sign in bit 31 and its exponent and mantissa in bits
        // 13..27; masking bits 28..30 (copies of the sign) leaves a float that, times 2^112, is the half's value
        // for normals and subnormals (the sign survives the multiply). inf/NaN then have exponent 143: lanes whose
        // half exponent is 31 get the float exponent 255 by an OR, mantissa (NaN payload) kept.
        // Written out in each method on purpose: as a helper returning a vector (75 bytes of bytecode) C2 did not
        // always inline it, and a vector returned from a call that is not inlined is boxed (fp16 2.5x slower).
        short[] x = src;
        int xo = so;
        int i = 0;
        for (; i <= n - L; i += L) {
            IntVector hb = ((IntVector) ShortVector.fromArray(SS, x, xo + i).convertShape(VectorOperators.S2I, IS, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000);
            IntVector hr = hb.reinterpretAsFloats().mul(0x1p112f).reinterpretAsInts();
            FloatVector h = hr.lanewise(VectorOperators.OR, 0x7F800000,
                    hb.and(0x0F800000).compare(VectorOperators.EQ, 0x0F800000)).reinterpretAsFloats();
            h.intoArray(dst, dOff + i);
        }
        super.halfToFloat(src, so + i, dst, dOff + i, n - i);
    }

    @Override
    public void bf16ToFloat(short[] src, int so, float[] dst, int dOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            // sign extension of S2I is shifted out again by the << 16
            ((IntVector) ShortVector.fromArray(SS, src, so + i).convertShape(VectorOperators.S2I, IS, 0))
                    .lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().intoArray(dst, dOff + i);
        }
        super.bf16ToFloat(src, so + i, dst, dOff + i, n - i);
    }

    @Override
    public void int8ToFloat(byte[] src, int so, float scale, float[] dst, int dOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            ((FloatVector) ByteVector.fromArray(BS, src, so + i).convertShape(VectorOperators.B2F, S, 0))
                    .mul(scale).intoArray(dst, dOff + i);
        }
        super.int8ToFloat(src, so + i, scale, dst, dOff + i, n - i);
    }
    // ---- fused reads of stored K/V (additive; see KernelOps#dotInt8): widen in registers, no scratch

    // int8s (22 bytes of bytecode) and bf16s (33) stay under C2's MaxInlineSize (35), so they are inlined even at
    // cold call sites: a vector returned from a call that is not inlined would be boxed.
    private static FloatVector int8s(byte[] x, int o) {
        return (FloatVector) ByteVector.fromArray(BS, x, o).convertShape(VectorOperators.B2F, S, 0);
    }

    private static FloatVector bf16s(short[] x, int o) {
        return ((IntVector) ShortVector.fromArray(SS, x, o).convertShape(VectorOperators.S2I, IS, 0))
                .lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    @Override
    public float dotInt8(float[] a, int ao, byte[] x, int xo, int n) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        int i = 0;
        for (; i <= n - 2 * L; i += 2 * L) {
            s0 = FloatVector.fromArray(S, a, ao + i).fma(int8s(x, xo + i), s0);
            s1 = FloatVector.fromArray(S, a, ao + i + L).fma(int8s(x, xo + i + L), s1);
        }
        for (; i <= n - L; i += L) {
            s0 = FloatVector.fromArray(S, a, ao + i).fma(int8s(x, xo + i), s0);
        }
        return s0.add(s1).reduceLanes(VectorOperators.ADD) + super.dotInt8(a, ao + i, x, xo + i, n - i);
    }

    @Override
    public void axpyInt8(float alpha, byte[] x, int xo, float[] y, int yo, int n) {
        FloatVector av = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (; i <= n - L; i += L) {
            int8s(x, xo + i).fma(av, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        super.axpyInt8(alpha, x, xo + i, y, yo + i, n - i);
    }

    @Override
    public float dotBf16(float[] a, int ao, short[] x, int xo, int n) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        int i = 0;
        for (; i <= n - 2 * L; i += 2 * L) {
            s0 = FloatVector.fromArray(S, a, ao + i).fma(bf16s(x, xo + i), s0);
            s1 = FloatVector.fromArray(S, a, ao + i + L).fma(bf16s(x, xo + i + L), s1);
        }
        for (; i <= n - L; i += L) {
            s0 = FloatVector.fromArray(S, a, ao + i).fma(bf16s(x, xo + i), s0);
        }
        return s0.add(s1).reduceLanes(VectorOperators.ADD) + super.dotBf16(a, ao + i, x, xo + i, n - i);
    }

    @Override
    public void axpyBf16(float alpha, short[] x, int xo, float[] y, int yo, int n) {
        FloatVector av = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (; i <= n - L; i += L) {
            bf16s(x, xo + i).fma(av, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        super.axpyBf16(alpha, x, xo + i, y, yo + i, n - i);
    }

    @Override
    public float dotHalf(float[] a, int ao, short[] x, int xo, int n) {
        FloatVector s0 = FloatVector.zero(S);
        int i = 0;
        for (; i <= n - L; i += L) { // the widening as in halfToFloat, written out (see there)
            IntVector hb = ((IntVector) ShortVector.fromArray(SS, x, xo + i).convertShape(VectorOperators.S2I, IS, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000);
            IntVector hr = hb.reinterpretAsFloats().mul(0x1p112f).reinterpretAsInts();
            FloatVector h = hr.lanewise(VectorOperators.OR, 0x7F800000,
                    hb.and(0x0F800000).compare(VectorOperators.EQ, 0x0F800000)).reinterpretAsFloats();
            s0 = FloatVector.fromArray(S, a, ao + i).fma(h, s0);
        }
        return s0.reduceLanes(VectorOperators.ADD) + super.dotHalf(a, ao + i, x, xo + i, n - i);
    }

    @Override
    public void axpyHalf(float alpha, short[] x, int xo, float[] y, int yo, int n) {
        FloatVector av = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (; i <= n - L; i += L) { // the widening as in halfToFloat, written out (see there)
            IntVector hb = ((IntVector) ShortVector.fromArray(SS, x, xo + i).convertShape(VectorOperators.S2I, IS, 0))
                    .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000);
            IntVector hr = hb.reinterpretAsFloats().mul(0x1p112f).reinterpretAsInts();
            FloatVector h = hr.lanewise(VectorOperators.OR, 0x7F800000,
                    hb.and(0x0F800000).compare(VectorOperators.EQ, 0x0F800000)).reinterpretAsFloats();
            h.fma(av, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        super.axpyHalf(alpha, x, xo + i, y, yo + i, n - i);
    }
}
