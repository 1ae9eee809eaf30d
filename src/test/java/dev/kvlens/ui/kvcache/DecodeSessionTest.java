package dev.kvlens.ui.kvcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kvlens.kernel.AttentionKernel;
import dev.kvlens.kernel.MemoryBudget;
import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvDtype;
import dev.kvlens.ui.kvcache.DecodeSession.LaneKind;
import dev.kvlens.ui.kvcache.DecodeSession.Snapshot;
import org.junit.jupiter.api.Test;

class DecodeSessionTest {

    private static final AttentionConfig C = AttentionConfig.of(8, 2, 16, 1, 2, 32, KvDtype.FP16);

    @Test
    void heatmapRowsAreTheSoftmaxOfTheScaledScoresOfTheHeadsGroup() {
        int prompt = 3;
        try (DecodeSession s = new DecodeSession(C, prompt, 32, new MemoryBudget(1L << 30), new int[] {4, 5},
                AttentionKernel.NEVER)) {
            s.step(AttentionKernel.NEVER);
            s.step(AttentionKernel.NEVER);
            Snapshot snap = s.snapshot();
            assertThat(snap.length()).isEqualTo(prompt + 2);
            for (int i = 0; i < 2; i++) {
                int head = snap.weightHeads()[i];
                float[][] rows = snap.rows(i);
                for (int p = 0; p < rows.length; p++) {
                    double[] expected = naive(head, p);
                    for (int t = 0; t <= p; t++) {
                        assertThat((double) rows[p][t]).isCloseTo(expected[t], within(1e-5));
                    }
                }
            }
        }
    }

    @Test
    void backForgetsOnlyGeneratedPositionsAndAllocatedBytesAreExact() {
        try (DecodeSession s = new DecodeSession(C, 3, 32, new MemoryBudget(1L << 30), new int[] {0},
                AttentionKernel.NEVER)) {
            s.back();
            assertThat(s.length()).isEqualTo(3);
            s.step(AttentionKernel.NEVER);
            s.back();
            assertThat(s.length()).isEqualTo(3);
            Snapshot snap = s.snapshot();
            assertThat(snap.rows(0).length).isEqualTo(3);
            // batch 2 × KV × 32 tokens × d 16 × fp32, for K and V
            assertThat(snap.lane(LaneKind.CURRENT).allocatedBytes()).isEqualTo(2L * 2 * 2 * 32 * 16 * 4);
            assertThat(snap.lane(LaneKind.MHA).allocatedBytes()).isEqualTo(2L * 2 * 8 * 32 * 16 * 4);
        }
    }

    /** softmax(q_p[head] · k_t[group] / sqrt(d)) over t = 0..p, from the same synthetic vectors. */
    private static double[] naive(int head, int p) {
        int h = C.heads();
        int kv = C.kvHeads();
        int d = C.headDim();
        int g = head / (h / kv);
        float[] q = new float[h * d];
        float[] k = new float[kv * d];
        float[] v = new float[kv * d];
        DecodeSession.vectors(p, kv, q, k, v);
        float[] qh = java.util.Arrays.copyOfRange(q, head * d, head * d + d);
        double[] sc = new double[p + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t <= p; t++) {
            DecodeSession.vectors(t, kv, q, k, v);
            double dot = 0;
            for (int j = 0; j < d; j++) {
                dot += qh[j] * k[g * d + j];
            }
            sc[t] = dot / Math.sqrt(d);
            max = Math.max(max, sc[t]);
        }
        double sum = 0;
        for (int t = 0; t <= p; t++) {
            sc[t] = Math.exp(sc[t] - max);
            sum += sc[t];
        }
        for (int t = 0; t <= p; t++) {
            sc[t] /= sum;
        }
        return sc;
    }
}
