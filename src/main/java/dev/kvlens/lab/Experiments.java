package dev.kvlens.lab;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.Units;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The Lab's measurement plans: which shapes each view times, chosen small enough to finish in a few
 * seconds on two cores, and the loop that times them through a {@link LabProbe}.
 */
public final class Experiments {

    /** Largest query-head count and head dimension the roofline measures (bigger configs are scaled down). */
    public static final int MAX_HEADS = 64;
    public static final int MAX_HEAD_DIM = 128;
    /** The roofline's decode context is chosen so the MHA cache is about this big (fp32). */
    public static final long ROOFLINE_MHA_CACHE_BYTES = 16L << 20;
    /** Prompt length of the roofline's prefill points. */
    public static final int ROOFLINE_PREFILL_TOKENS = 256;
    /** Context of the Ainslie re-run: the paper's input length (the cross-attention memory of T5). */
    public static final int AINSLIE_SEQ = 2048;

    private Experiments() {
    }

    /** Receives the points measured so far, in plan order, after each point. */
    @FunctionalInterface
    public interface Listener {
        void partial(List<Timed> done, int total);
    }

    /**
     * The config's H and KV scaled to at most {@link #MAX_HEADS} query heads, keeping the group size where
     * possible: {heads, kvHeads}.
     */
    public static int[] scaledHeads(AttentionConfig c) {
        int h = c.heads();
        int kv = c.kvHeads();
        if (h <= MAX_HEADS) {
            return new int[] {h, kv};
        }
        int hs = MAX_HEADS;
        long wanted = Math.max(1, Math.round((double) hs * kv / h));
        int kvs = AttentionConfig.nearestDivisor(hs, (int) Math.min(hs, wanted));
        return new int[] {hs, kvs};
    }

    /** Head dimension the roofline measures: the config's, at most {@link #MAX_HEAD_DIM}. */
    public static int scaledHeadDim(AttentionConfig c) {
        return Math.min(c.headDim(), MAX_HEAD_DIM);
    }

    /** Decode context for the roofline: MHA cache ≈ 16 MiB, a multiple of 64 between 64 and 8192. */
    public static int rooflineDecodeSeq(int heads, int headDim) {
        long t = ROOFLINE_MHA_CACHE_BYTES / (2L * heads * headDim * Float.BYTES);
        t = Math.max(64, Math.min(8192, t / 64 * 64));
        return (int) t;
    }

    /** The KV-head counts to compare: MHA, the current one, MQA (duplicates removed, descending). */
    public static List<Integer> mhaCurrentMqa(int heads, int kvHeads) {
        List<Integer> kv = new ArrayList<>();
        for (int k : new int[] {heads, kvHeads, 1}) {
            if (!kv.contains(k)) {
                kv.add(k);
            }
        }
        return kv;
    }

    /** Decode and prefill of MHA / current / MQA at the scaled config, batch 1. */
    public static List<Shape> rooflineShapes(AttentionConfig c) {
        int[] hk = scaledHeads(c);
        int d = scaledHeadDim(c);
        int seq = rooflineDecodeSeq(hk[0], d);
        List<Shape> s = new ArrayList<>();
        for (int kv : mhaCurrentMqa(hk[0], hk[1])) {
            s.add(Shape.decode(1, hk[0], kv, d, seq));
        }
        for (int kv : mhaCurrentMqa(hk[0], hk[1])) {
            s.add(Shape.prefill(1, hk[0], kv, d, ROOFLINE_PREFILL_TOKENS));
        }
        return s;
    }

    /** Bytes of the bandwidth probe's buffer: the largest K/V read by a decode shape of the plan. */
    public static long bandwidthProbeBytes(List<Shape> shapes) {
        long max = 1L << 20;
        for (Shape s : shapes) {
            if (s.mode() == Shape.Mode.DECODE) {
                max = Math.max(max, s.kvBytes());
            }
        }
        return max;
    }

    /** Shazeer 2019's shape class: h = 8, d = 128, length 128; MHA then MQA decode at the chosen batch. */
    public static List<Shape> shazeerShapes(int batch) {
        return List.of(
                Shape.decode(batch, PaperFigures.SHAZEER_HEADS, PaperFigures.SHAZEER_HEADS,
                        PaperFigures.SHAZEER_HEAD_DIM, PaperFigures.SHAZEER_LENGTH),
                Shape.decode(batch, PaperFigures.SHAZEER_HEADS, 1, PaperFigures.SHAZEER_HEAD_DIM,
                        PaperFigures.SHAZEER_LENGTH));
    }

    /** Ainslie 2023's sweep: decode at context 2048, d = 64 (T5-XXL's d_kv), every KV-head count of H, MHA first. */
    public static List<Shape> ainslieShapes(int heads, int batch) {
        List<Integer> divs = new ArrayList<>(AttentionConfig.divisors(heads));
        Collections.reverse(divs);
        List<Shape> s = new ArrayList<>();
        for (int kv : divs) {
            s.add(Shape.decode(batch, heads, kv, PaperFigures.AINSLIE_XXL_HEAD_DIM, AINSLIE_SEQ));
        }
        return s;
    }

    /**
     * Checks the whole plan against the probe's memory budget before anything runs; throws
     * {@link IllegalArgumentException} with one line naming the shape and the sizes.
     */
    public static void checkBudget(LabProbe probe, List<Shape> shapes) {
        for (Shape s : shapes) {
            long need = probe.bytesNeeded(s);
            if (need > probe.budgetBytes()) {
                throw new IllegalArgumentException(s.variant() + " " + s.mode().name().toLowerCase()
                        + " (batch " + s.batch() + ", " + s.seq() + " tokens) needs " + Units.bytes(need)
                        + " but the measurement budget is " + Units.bytes(probe.budgetBytes())
                        + "; lower the batch");
            }
        }
    }

    /** Times every shape in order, reporting after each; stops with {@link CancellationException} on cancel. */
    public static List<Timed> timeAll(LabProbe probe, List<Shape> shapes, BooleanSupplier cancel, Listener listener) {
        checkBudget(probe, shapes);
        List<Timed> done = new ArrayList<>();
        for (Shape s : shapes) {
            if (cancel != null && cancel.getAsBoolean()) {
                throw new CancellationException("measurement cancelled");
            }
            done.add(probe.time(s, cancel));
            if (listener != null) {
                listener.partial(List.copyOf(done), shapes.size());
            }
        }
        return List.copyOf(done);
    }

    /** The best time (ns) of the first point with {@code kvHeads} and {@code mode}, or -1. */
    public static long bestOf(List<Timed> points, Shape.Mode mode, int kvHeads) {
        for (Timed t : points) {
            if (t.shape().mode() == mode && t.shape().kvHeads() == kvHeads) {
                return t.bestNs();
            }
        }
        return -1;
    }
}
