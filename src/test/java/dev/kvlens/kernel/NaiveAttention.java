package dev.kvlens.kernel;

/** The textbook definition in double precision, one query head at a time: the tests' ground truth. */
final class NaiveAttention {

    private NaiveAttention() {
    }

    /**
     * Causal attention for one sequence. q [H][T][d], k/v [KV][T][d] (KV heads shared by H/KV query heads
     * each); returns out [H][T][d].
     */
    static double[] causal(float[] q, float[] k, float[] v, int heads, int kvHeads, int tokens, int d) {
        double[] out = new double[heads * tokens * d];
        int group = heads / kvHeads;
        double scale = 1.0 / Math.sqrt(d);
        for (int h = 0; h < heads; h++) {
            int g = h / group;
            for (int i = 0; i < tokens; i++) {
                double[] w = weights(q, (h * tokens + i) * d, k, g * tokens * d, i + 1, d, scale);
                for (int t = 0; t <= i; t++) {
                    for (int j = 0; j < d; j++) {
                        out[(h * tokens + i) * d + j] += w[t] * v[(g * tokens + t) * d + j];
                    }
                }
            }
        }
        return out;
    }

    /** Softmax of scale·q·k_t over keys t in [0, n), keys at kOff with stride d. */
    static double[] weights(float[] q, int qOff, float[] k, int kOff, int n, int d, double scale) {
        double[] s = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < n; t++) {
            double a = 0;
            for (int j = 0; j < d; j++) {
                a += (double) q[qOff + j] * k[kOff + t * d + j];
            }
            s[t] = a * scale;
            max = Math.max(max, s[t]);
        }
        double sum = 0;
        for (int t = 0; t < n; t++) {
            s[t] = Math.exp(s[t] - max);
            sum += s[t];
        }
        for (int t = 0; t < n; t++) {
            s[t] /= sum;
        }
        return s;
    }
}
