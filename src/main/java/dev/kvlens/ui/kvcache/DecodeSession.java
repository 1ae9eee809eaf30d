package dev.kvlens.ui.kvcache;

import dev.kvlens.kernel.AttentionKernel;
import dev.kvlens.kernel.KvCache;
import dev.kvlens.kernel.MemoryBudget;
import dev.kvlens.model.AttentionConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * The real kernel behind the KV-cache animation: one layer of the current config, with three caches (MHA, the
 * current KV count, MQA — same H, d and batch), each preallocated for {@code capacity} tokens. The prompt is
 * prefilled, then every {@link #step} runs one real {@link AttentionKernel#decode} per lane and times it.
 *
 * <p>Runs on a background worker only and is not thread-safe: the view model sends one job at a time. Inputs
 * are synthetic but deterministic per position (seeded), so stepping back and forward again reproduces the same
 * numbers. A lane whose cache (plus working arrays) does not fit the {@link MemoryBudget} is not allocated;
 * the UI shows its formula only.
 *
 * <p>Attention weights for the heatmap come from a batch-1 copy of the current lane (the same data as sequence
 * 0), decoded once per shown query head with the kernel's {@code weightsOut}: row {@code p} holds the softmax
 * weights of the token at position {@code p} over positions {@code [0, p]} (the prompt's rows make the causal
 * prefill matrix; the tiled prefill itself does not export weights).
 */
public final class DecodeSession implements AutoCloseable {

    /** Lanes in display order. */
    public enum LaneKind { MHA, CURRENT, MQA }

    /** Query values are drawn from [-Q_SCALE, Q_SCALE) so that the softmax is not flat. */
    static final float Q_SCALE = 3f;

    /** What one lane measured so far; byte counts are exact, times are wall-clock nanoseconds. */
    public record LaneState(LaneKind kind, int kvHeads, boolean measured, long neededBytes, long allocatedBytes,
                            long usedBytes, long prefillNanos, long lastStepNanos, long medianStepNanos) {
    }

    /** An immutable copy of the session after a job, handed to the FX thread. */
    public record Snapshot(int length, int capacity, long budgetBytes, List<LaneState> lanes, int[] weightHeads,
                           float[][][] weights) {
        public LaneState lane(LaneKind k) {
            return lanes.get(k.ordinal());
        }

        /** Rows of softmax weights of query head {@code weightHeads[i]}: row p over positions 0..p. */
        public float[][] rows(int i) {
            return weights[i];
        }
    }

    private final AttentionConfig config;
    private final int prompt;
    private final int capacity;
    private final long budget;
    private final AttentionKernel kernel = new AttentionKernel(1);
    private final Lane[] lanes = new Lane[3];
    private KvCache probe;
    private int[] weightHeads = new int[0];
    private final List<List<float[]>> rows = new ArrayList<>();

    private static final class Lane {
        final LaneKind kind;
        final int kv;
        final long needed;
        KvCache cache;
        long prefillNanos;
        final List<Long> steps = new ArrayList<>();

        Lane(LaneKind kind, int kv, long needed) {
            this.kind = kind;
            this.kv = kv;
            this.needed = needed;
        }
    }

    /**
     * Allocates what fits the budget (current lane first, then MQA, then MHA) and prefills {@code prompt}
     * tokens.
     *
     * @param capacity tokens preallocated per cache (at least {@code prompt} + the tokens to generate)
     */
    public DecodeSession(AttentionConfig config, int prompt, int capacity, MemoryBudget budget, int[] weightHeads,
                         BooleanSupplier cancel) {
        this.config = config;
        this.prompt = prompt;
        this.capacity = capacity;
        this.budget = budget.bytes();
        int h = config.heads();
        lanes[LaneKind.MHA.ordinal()] = new Lane(LaneKind.MHA, h, laneBytes(config, h, capacity, prompt));
        lanes[LaneKind.CURRENT.ordinal()] = new Lane(LaneKind.CURRENT, config.kvHeads(),
                laneBytes(config, config.kvHeads(), capacity, prompt));
        lanes[LaneKind.MQA.ordinal()] = new Lane(LaneKind.MQA, 1, laneBytes(config, 1, capacity, prompt));
        long used = 0;
        for (LaneKind k : List.of(LaneKind.CURRENT, LaneKind.MQA, LaneKind.MHA)) {
            Lane l = lanes[k.ordinal()];
            if (k != LaneKind.CURRENT && lanes[LaneKind.CURRENT.ordinal()].cache == null) {
                break; // formula only: the other lanes are for comparison with a measured current lane
            }
            if (l.needed >= 0 && budget.fits(used + l.needed)) {
                l.cache = KvCache.shared(config.batch(), h, l.kv, config.headDim(), capacity);
                used += l.cache.allocatedBytes();
            }
        }
        Lane cur = lanes[LaneKind.CURRENT.ordinal()];
        if (cur.cache != null) {
            warmUp(cancel);
            probe = KvCache.shared(1, h, cur.kv, config.headDim(), capacity);
        }
        for (Lane l : lanes) {
            if (l.cache != null) {
                prefill(l, cancel);
            }
        }
        setWeightHeads(weightHeads, cancel);
    }

    /**
     * Bytes a lane needs: its cache (fp32, {@code capacity} tokens, one layer, whole batch) plus the prefill's
     * working arrays; -1 if it cannot even be described (too large for Java arrays).
     */
    static long laneBytes(AttentionConfig c, int kv, int capacity, int prompt) {
        try {
            long cache = KvCache.bytesFor(c.batch(), c.heads(), kv, c.headDim(), capacity, false);
            long b = c.batch();
            long qo = Math.multiplyExact(Math.multiplyExact(2L * b * c.heads(), (long) c.headDim()), (long) prompt);
            long kvArr = 2L * b * kv * c.headDim() * prompt;
            long scratch = AttentionKernel.prefillScratchBytes(c.batch(), c.heads(), kv, c.headDim(), prompt, false);
            long arrays = Math.multiplyExact(qo + kvArr, (long) Float.BYTES) + scratch;
            if ((long) c.batch() * c.heads() * c.headDim() * prompt > Integer.MAX_VALUE - 16) {
                return -1;
            }
            return Math.addExact(cache, arrays);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    public int length() {
        return lanes[LaneKind.CURRENT.ordinal()].cache != null
                ? lanes[LaneKind.CURRENT.ordinal()].cache.length() : -1;
    }

    /** True when the current lane runs on the kernel (it fit the budget). */
    public boolean measured() {
        return lanes[LaneKind.CURRENT.ordinal()].cache != null;
    }

    private void prefill(Lane l, BooleanSupplier cancel) {
        int b = config.batch();
        int h = config.heads();
        int d = config.headDim();
        int t = prompt;
        float[] q = new float[b * h * t * d];   // [B][H][T][d]
        float[] k = new float[b * l.kv * t * d]; // [B][KV][T][d]
        float[] v = new float[b * l.kv * t * d];
        float[] qp = new float[h * d];
        float[] kp = new float[l.kv * d];
        float[] vp = new float[l.kv * d];
        for (int p = 0; p < t; p++) {
            vectors(p, l.kv, qp, kp, vp);
            for (int s = 0; s < b; s++) {
                for (int hh = 0; hh < h; hh++) {
                    System.arraycopy(qp, hh * d, q, ((s * h + hh) * t + p) * d, d);
                }
                for (int g = 0; g < l.kv; g++) {
                    System.arraycopy(kp, g * d, k, ((s * l.kv + g) * t + p) * d, d);
                    System.arraycopy(vp, g * d, v, ((s * l.kv + g) * t + p) * d, d);
                }
            }
        }
        float[] out = new float[q.length];
        long t0 = System.nanoTime();
        kernel.prefill(l.cache, q, k, v, t, out, cancel);
        l.prefillNanos = System.nanoTime() - t0;
    }

    private static volatile boolean warmedUp;

    /**
     * The first kernel calls of a JVM include class loading and JIT compilation of the Vector API code, which
     * is no property of the cache: run a few untimed calls on a tiny cache once per JVM.
     */
    private void warmUp(BooleanSupplier cancel) {
        if (warmedUp) {
            return;
        }
        // until the JIT has compiled the kernel's loops (C2 for the Vector API): ~0.5 s once per JVM
        long until = System.nanoTime() + 500_000_000L;
        int h = 8;
        int d = 128;
        int t = 64;
        float[] q = new float[h * t * d];
        Arrays.fill(q, 0.01f);
        while (System.nanoTime() < until && !cancel.getAsBoolean()) {
            for (int kv : new int[] {8, 2, 1}) {
                float[] k = new float[kv * t * d];
                Arrays.fill(k, 0.02f);
                KvCache c = KvCache.shared(1, h, kv, d, t + 64);
                kernel.prefill(c, q, k, k, t, new float[q.length], cancel);
                float[] q1 = new float[h * d];
                float[] k1 = new float[kv * d];
                for (int s = 0; s < 64; s++) {
                    kernel.decode(c, q1, k1, k1, new float[h * d], cancel, new float[c.length() + 1], 0);
                }
            }
        }
        warmedUp = true;
    }

    /** One real decode step in every allocated lane; the heatmap rows of the shown heads grow by one. */
    public void step(BooleanSupplier cancel) {
        int len = length();
        if (len < 0) {
            throw new IllegalStateException("the current lane is not allocated");
        }
        if (len >= capacity) {
            return;
        }
        int b = config.batch();
        int h = config.heads();
        int d = config.headDim();
        for (Lane l : lanes) {
            if (l.cache == null) {
                continue;
            }
            float[] q1 = new float[h * d];
            float[] k1 = new float[l.kv * d];
            float[] v1 = new float[l.kv * d];
            vectors(len, l.kv, q1, k1, v1);
            float[] q = repeat(q1, b);       // [B][H][d]
            float[] k = repeat(k1, b);       // [B][KV][d]
            float[] v = repeat(v1, b);
            float[] out = new float[q.length];
            long t0 = System.nanoTime();
            kernel.decode(l.cache, q, k, v, out, cancel);
            l.steps.add(System.nanoTime() - t0);
        }
        appendRows(len, cancel);
    }

    /** Forgets the last generated position (never the prompt). */
    public void back() {
        int len = length();
        if (len <= prompt) {
            return;
        }
        for (Lane l : lanes) {
            if (l.cache != null) {
                l.cache.truncate(len - 1);
                if (!l.steps.isEmpty()) {
                    l.steps.remove(l.steps.size() - 1);
                }
            }
        }
        if (probe != null) {
            probe.truncate(len - 1);
        }
        for (List<float[]> r : rows) {
            if (!r.isEmpty()) {
                r.remove(r.size() - 1);
            }
        }
    }

    /** Chooses the query heads whose weights are kept, and recomputes their rows for positions 0..length-1. */
    public void setWeightHeads(int[] heads, BooleanSupplier cancel) {
        weightHeads = heads.clone();
        rows.clear();
        for (int i = 0; i < heads.length; i++) {
            rows.add(new ArrayList<>());
        }
        if (probe == null) {
            return;
        }
        int len = length();
        probe.clear();
        for (int p = 0; p < len; p++) {
            appendRows(p, cancel);
        }
    }

    private void appendRows(int pos, BooleanSupplier cancel) {
        if (probe == null) {
            return;
        }
        int h = config.heads();
        int d = config.headDim();
        int kv = config.kvHeads();
        float[] q = new float[h * d];
        float[] k = new float[kv * d];
        float[] v = new float[kv * d];
        vectors(pos, kv, q, k, v);
        float[] out = new float[h * d];
        float[] w = new float[pos + 1];
        if (weightHeads.length == 0) {
            kernel.decode(probe, q, k, v, out, cancel);
            return;
        }
        for (int i = 0; i < weightHeads.length; i++) {
            if (i > 0) {
                probe.truncate(pos);
            }
            kernel.decode(probe, q, k, v, out, cancel, w, weightHeads[i]);
            rows.get(i).add(w.clone());
        }
    }

    /** Deterministic synthetic vectors of the token at {@code pos}: q [H][d], k and v [kv][d]. */
    static void vectors(int pos, int kv, float[] q, float[] k, float[] v) {
        fill(q, new SplittableRandom(0x5eed_0000L + pos), Q_SCALE);
        SplittableRandom r = new SplittableRandom(0x4b56_0000L * 31 + pos * 1_000_003L + kv);
        fill(k, r, 1f);
        fill(v, r, 1f);
    }

    private static void fill(float[] a, SplittableRandom r, float scale) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
    }

    private static float[] repeat(float[] one, int times) {
        if (times == 1) {
            return one;
        }
        float[] r = new float[one.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(one, 0, r, i * one.length, one.length);
        }
        return r;
    }

    /** A copy of everything the UI shows. */
    public Snapshot snapshot() {
        List<LaneState> states = new ArrayList<>();
        for (Lane l : lanes) {
            long last = l.steps.isEmpty() ? -1 : l.steps.get(l.steps.size() - 1);
            long median = -1;
            if (!l.steps.isEmpty()) {
                long[] s = l.steps.stream().mapToLong(Long::longValue).toArray();
                Arrays.sort(s);
                median = s[s.length / 2];
            }
            states.add(new LaneState(l.kind, l.kv, l.cache != null, l.needed,
                    l.cache == null ? 0 : l.cache.allocatedBytes(), l.cache == null ? 0 : l.cache.usedBytes(),
                    l.cache == null ? -1 : l.prefillNanos, last, median));
        }
        float[][][] w = new float[rows.size()][][];
        for (int i = 0; i < rows.size(); i++) {
            w[i] = rows.get(i).toArray(new float[0][]);
        }
        return new Snapshot(length(), capacity, budget, List.copyOf(states), weightHeads.clone(), w);
    }

    @Override
    public void close() {
        kernel.close();
        for (Lane l : lanes) {
            l.cache = null;
        }
        probe = null;
    }
}
