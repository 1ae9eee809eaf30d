package dev.kvlens.lab;

import dev.kvlens.kernel.AttentionKernel;
import dev.kvlens.kernel.KvCache;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Converting a multi-head attention layer into grouped-query attention without training (Ainslie et al. 2023,
 * arXiv 2305.13245, §2.1 and Fig. 4): the H key and value projection heads are split into G contiguous groups
 * of H/G heads and each group's projection is replaced by one head — the mean of the group (mean-pooling,
 * the paper's choice), the group's first head, or a randomly chosen head of the group. Query projections are
 * kept. The attention output of the converted layer is compared with the original MHA output on the same
 * input; both are computed with the app's real kernel ({@link AttentionKernel#prefill}).
 *
 * <p>Without uptraining (the paper continues pre-training for 5% of the steps) this shows the mechanism and
 * the ordering of the three methods on a synthetic layer, not a trained model's accuracy.
 */
public final class GqaConversion {

    /** How a group of K/V projection heads becomes one head. */
    public enum Method {
        /** Element-wise mean of the group's projection matrices (the paper's default). */
        MEAN_POOL,
        /** The first head of the group. */
        FIRST_HEAD,
        /** A random head of the group (seeded, so reproducible). */
        RANDOM_HEAD
    }

    /**
     * A synthetic MHA layer and its input. Shapes: {@code wq, wk, wv} [H][d][dIn] (head h's projection rows),
     * {@code x} [T][dIn].
     */
    public record Layer(int heads, int headDim, int inputDim, int tokens, float[] wq, float[] wk, float[] wv,
                        float[] x) {
        public Layer {
            long w = (long) heads * headDim * inputDim;
            if (heads < 1 || headDim < 1 || inputDim < 1 || tokens < 1) {
                throw new IllegalArgumentException("heads, headDim, inputDim and tokens must be at least 1");
            }
            if (wq.length != w || wk.length != w || wv.length != w || x.length != (long) tokens * inputDim) {
                throw new IllegalArgumentException("weight or input array has the wrong length");
            }
        }
    }

    /** One converted point. */
    public record Result(Method method, int heads, int groups, int headDim, double outputError,
                         double kvProjectionError, long mhaCacheBytesPerToken, long cacheBytesPerToken) {
        /** Share of the per-token K/V cache removed by the conversion: 1 − G/H. */
        public double cacheSaved() {
            return 1.0 - (double) cacheBytesPerToken / mhaCacheBytesPerToken;
        }
    }

    private GqaConversion() {
    }

    /**
     * A layer whose K/V heads share a common part and differ by a head-specific part:
     * {@code W_h = (S + diversity · E_h) / sqrt(1 + diversity²)}, all entries of S and E_h standard normal
     * scaled by 1/sqrt(dIn), so every head's projected keys have unit variance whatever the diversity.
     * diversity 0: all heads equal (conversion is lossless); large diversity: independent random heads.
     * Query heads are independent random; the input is standard normal. Same seed, same layer.
     */
    public static Layer synthetic(int heads, int headDim, int inputDim, int tokens, double diversity, long seed) {
        if (!(diversity >= 0) || Double.isInfinite(diversity)) {
            throw new IllegalArgumentException("diversity must be a finite number ≥ 0 (got " + diversity + ")");
        }
        SplittableRandom r = new SplittableRandom(seed);
        int per = headDim * inputDim;
        double s = 1.0 / Math.sqrt(inputDim);
        double norm = 1.0 / Math.sqrt(1 + diversity * diversity);
        float[] wq = new float[heads * per];
        for (int i = 0; i < wq.length; i++) {
            wq[i] = (float) (r.nextGaussian() * s);
        }
        float[] wk = sharedPlusOwn(heads, per, diversity, norm * s, r);
        float[] wv = sharedPlusOwn(heads, per, diversity, norm * s, r);
        float[] x = new float[tokens * inputDim];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return new Layer(heads, headDim, inputDim, tokens, wq, wk, wv, x);
    }

    private static float[] sharedPlusOwn(int heads, int per, double diversity, double scale, SplittableRandom r) {
        double[] shared = new double[per];
        for (int i = 0; i < per; i++) {
            shared[i] = r.nextGaussian();
        }
        float[] w = new float[heads * per];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < per; i++) {
                w[h * per + i] = (float) ((shared[i] + diversity * r.nextGaussian()) * scale);
            }
        }
        return w;
    }

    /**
     * The converted K (or V) projection: [G][d][dIn]. Group g holds heads {@code [g·H/G, (g+1)·H/G)}.
     * Random-head selection draws one head per group from {@code seed} and G.
     */
    public static float[] convert(float[] w, int heads, int headDim, int inputDim, int groups, Method method,
                                  long seed) {
        if (groups < 1 || heads % groups != 0) {
            throw new IllegalArgumentException("groups must divide heads (" + heads + "), got " + groups);
        }
        int per = headDim * inputDim;
        int size = heads / groups;
        float[] out = new float[groups * per];
        SplittableRandom r = new SplittableRandom(seed * 31 + groups);
        for (int g = 0; g < groups; g++) {
            int first = g * size;
            switch (method) {
                case MEAN_POOL -> {
                    for (int i = 0; i < per; i++) {
                        double sum = 0;
                        for (int h = first; h < first + size; h++) {
                            sum += w[h * per + i];
                        }
                        out[g * per + i] = (float) (sum / size);
                    }
                }
                case FIRST_HEAD -> System.arraycopy(w, first * per, out, g * per, per);
                case RANDOM_HEAD -> System.arraycopy(w, (first + r.nextInt(size)) * per, out, g * per, per);
                default -> throw new IllegalStateException();
            }
        }
        return out;
    }

    /** Index of the K/V group of query head h: h / (H / G), as in the kernel. */
    public static int groupOf(int head, int heads, int groups) {
        return head / (heads / groups);
    }

    /**
     * Squared Frobenius distance between each head's original projection and the projection it uses after
     * conversion, summed over heads, relative to the squared norm of the original: Σ_h ‖W_h − W'_{g(h)}‖² /
     * Σ_h ‖W_h‖², square-rooted. For mean-pooling this is the within-group spread, so it can only shrink
     * when groups are split (G → a multiple of G), and it is never larger than any single-head choice.
     */
    public static double projectionError(float[] original, float[] converted, int heads, int headDim, int inputDim,
                                         int groups) {
        int per = headDim * inputDim;
        double num = 0;
        double den = 0;
        for (int h = 0; h < heads; h++) {
            int g = groupOf(h, heads, groups);
            for (int i = 0; i < per; i++) {
                double a = original[h * per + i];
                double diff = a - converted[g * per + i];
                num += diff * diff;
                den += a * a;
            }
        }
        return den == 0 ? 0 : Math.sqrt(num / den);
    }

    /** Projects the input through each head: returns [heads][T][d] from w [heads][d][dIn], x [T][dIn]. */
    public static float[] project(float[] w, int heads, int headDim, int inputDim, float[] x, int tokens) {
        float[] out = new float[heads * tokens * headDim];
        for (int h = 0; h < heads; h++) {
            for (int t = 0; t < tokens; t++) {
                int xo = t * inputDim;
                int oo = (h * tokens + t) * headDim;
                for (int j = 0; j < headDim; j++) {
                    int wo = (h * headDim + j) * inputDim;
                    double s = 0;
                    for (int i = 0; i < inputDim; i++) {
                        s += (double) w[wo + i] * x[xo + i];
                    }
                    out[oo + j] = (float) s;
                }
            }
        }
        return out;
    }

    /**
     * Causal self-attention output of the layer with its K/V projections replaced by {@code wk, wv}
     * ([G][d][dIn]; G = H gives the original MHA). Returns [H][T][d], computed by {@code kernel}.
     */
    public static float[] attention(AttentionKernel kernel, Layer layer, float[] wk, float[] wv, int groups,
                                    BooleanSupplier cancel) {
        int h = layer.heads();
        int d = layer.headDim();
        int t = layer.tokens();
        float[] q = project(layer.wq(), h, d, layer.inputDim(), layer.x(), t);   // [1][H][T][d]
        float[] k = project(wk, groups, d, layer.inputDim(), layer.x(), t);      // [1][G][T][d]
        float[] v = project(wv, groups, d, layer.inputDim(), layer.x(), t);      // [1][G][T][d]
        KvCache cache = KvCache.shared(1, h, groups, d, t);
        float[] out = new float[q.length];
        kernel.prefill(cache, q, k, v, t, out, cancel);
        return out;
    }

    /** ‖a − b‖ / ‖b‖ (Frobenius); 0 when both are zero. */
    public static double relativeError(float[] a, float[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < b.length; i++) {
            double diff = (double) a[i] - b[i];
            num += diff * diff;
            den += (double) b[i] * b[i];
        }
        return den == 0 ? Math.sqrt(num) : Math.sqrt(num / den);
    }

    /**
     * Converts {@code layer} to every G in {@code groups} with every method and measures the errors.
     * {@code bytesPerElement} only prices the cache (fp32 compute either way). Reports after each point.
     */
    public static List<Result> sweep(AttentionKernel kernel, Layer layer, List<Integer> groups, List<Method> methods,
                                     long seed, int bytesPerElement, BooleanSupplier cancel,
                                     java.util.function.BiConsumer<Integer, Integer> progress) {
        BooleanSupplier cx = cancel == null ? AttentionKernel.NEVER : cancel;
        int h = layer.heads();
        int d = layer.headDim();
        float[] reference = attention(kernel, layer, layer.wk(), layer.wv(), h, cx);
        long mhaBytes = 2L * h * d * bytesPerElement;
        List<Result> out = new ArrayList<>();
        int total = groups.size() * methods.size();
        int done = 0;
        for (int g : groups) {
            for (Method m : methods) {
                if (cx.getAsBoolean()) {
                    throw new CancellationException("conversion cancelled");
                }
                float[] wk = convert(layer.wk(), h, d, layer.inputDim(), g, m, seed);
                float[] wv = convert(layer.wv(), h, d, layer.inputDim(), g, m, seed + 1);
                float[] o = attention(kernel, layer, wk, wv, g, cx);
                double projErr = Math.sqrt((sq(projectionError(layer.wk(), wk, h, d, layer.inputDim(), g))
                        + sq(projectionError(layer.wv(), wv, h, d, layer.inputDim(), g))) / 2);
                out.add(new Result(m, h, g, d, relativeError(o, reference), projErr, mhaBytes,
                        2L * g * d * bytesPerElement));
                done++;
                if (progress != null) {
                    progress.accept(done, total);
                }
            }
        }
        return out;
    }

    private static double sq(double x) {
        return x * x;
    }
}
