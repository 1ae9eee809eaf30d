package dev.kvlens.bench;

import dev.kvlens.model.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a {@link MeasurementPlan} through a {@link KernelProbe} on the calling thread and streams a
 * {@link SweepSnapshot} after every point. Order: decode contexts ascending and, at each context, the current
 * variant first, then MHA, then MQA (so the first point arrives after the cheapest measurement); prefill last.
 * Points whose cache is over the budget or the measurement cap are recorded as {@link SkippedPoint}s without
 * allocating anything.
 */
public final class KernelSweep {

    /** Progress of a sweep: fraction done and the point being measured. */
    public interface Progress {
        void update(double fraction, String what);
    }

    private final KernelProbe probe;

    public KernelSweep(KernelProbe probe) {
        this.probe = probe;
    }

    /**
     * Measures {@code plan}; calls {@code sink} with a new snapshot after every measured or skipped point and
     * once more at the end (with {@code done}). Throws {@link CancellationException} when {@code cancel} fires.
     */
    public SweepSnapshot run(MeasurementPlan plan, BooleanSupplier cancel, Progress progress,
                             Consumer<SweepSnapshot> sink) {
        long start = System.nanoTime();
        long first = -1;
        List<DecodePoint> decode = new ArrayList<>();
        List<PrefillPoint> prefill = new ArrayList<>();
        List<SkippedPoint> skipped = new ArrayList<>();
        KernelProbe.Repeats reps = KernelProbe.Repeats.of(plan.limits());
        int steps = plan.steps();
        int step = 0;
        for (int t : plan.contexts()) {
            for (int kv : plan.kvHeads()) {
                check(cancel);
                progress.update(step / (double) steps, plan.label(kv) + " · T = " + t);
                MeasurementPlan.SkipReason why = plan.skipReason(kv, t + 1);
                if (why != null) {
                    skipped.add(new SkippedPoint(kv, t, false, why, plan.cacheBytes(kv, t + 1)));
                } else {
                    try {
                        decode.add(probe.decode(plan.heads(), kv, plan.headDim(), t, reps, cancel));
                        if (first < 0) {
                            first = System.nanoTime() - start;
                        }
                    } catch (ConfigException | OutOfMemoryError e) {
                        skipped.add(new SkippedPoint(kv, t, false, MeasurementPlan.SkipReason.OVER_BUDGET,
                                plan.cacheBytes(kv, t + 1)));
                    }
                }
                step++;
                sink.accept(new SweepSnapshot(plan, decode, prefill, skipped, false, System.nanoTime() - start,
                        first));
            }
        }
        int p = plan.prefillTokens();
        for (int kv : plan.kvHeads()) {
            check(cancel);
            progress.update(step / (double) steps, plan.label(kv) + " · prefill " + p);
            MeasurementPlan.SkipReason why = plan.skipReason(kv, p);
            if (why != null) {
                skipped.add(new SkippedPoint(kv, p, true, why, plan.cacheBytes(kv, p)));
            } else {
                try {
                    prefill.add(probe.prefill(plan.heads(), kv, plan.headDim(), p, reps, cancel));
                } catch (ConfigException | OutOfMemoryError e) {
                    skipped.add(new SkippedPoint(kv, p, true, MeasurementPlan.SkipReason.OVER_BUDGET,
                            plan.cacheBytes(kv, p)));
                }
            }
            step++;
            sink.accept(new SweepSnapshot(plan, decode, prefill, skipped, false, System.nanoTime() - start, first));
        }
        progress.update(1, "");
        SweepSnapshot done = new SweepSnapshot(plan, decode, prefill, skipped, true, System.nanoTime() - start,
                first);
        sink.accept(done);
        return done;
    }

    private static void check(BooleanSupplier cancel) {
        if (cancel != null && cancel.getAsBoolean()) {
            throw new CancellationException("sweep cancelled");
        }
    }
}
