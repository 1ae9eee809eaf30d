package dev.kvlens.bench;

import java.util.List;
import java.util.Optional;

/**
 * What a sweep has measured so far (partial results stream as snapshots; the last one has {@code done}).
 *
 * @param plan        the plan being measured
 * @param decode      measured decode points, in measurement order
 * @param prefill     measured prefill points
 * @param skipped     points drawn formula-only, with the reason
 * @param done        true when the sweep finished (not cancelled)
 * @param elapsedNanos time since the sweep started
 * @param firstPointNanos time from the sweep's start to its first measured point, or -1
 */
public record SweepSnapshot(MeasurementPlan plan, List<DecodePoint> decode, List<PrefillPoint> prefill,
                            List<SkippedPoint> skipped, boolean done, long elapsedNanos, long firstPointNanos) {

    public SweepSnapshot {
        decode = List.copyOf(decode);
        prefill = List.copyOf(prefill);
        skipped = List.copyOf(skipped);
    }

    public static SweepSnapshot empty(MeasurementPlan plan) {
        return new SweepSnapshot(plan, List.of(), List.of(), List.of(), false, 0, -1);
    }

    public Optional<DecodePoint> decode(int kv, int context) {
        return decode.stream().filter(p -> p.kvHeads() == kv && p.context() == context).findFirst();
    }

    public List<DecodePoint> decodeOf(int kv) {
        return decode.stream().filter(p -> p.kvHeads() == kv).toList();
    }

    public Optional<PrefillPoint> prefill(int kv) {
        return prefill.stream().filter(p -> p.kvHeads() == kv).findFirst();
    }

    public List<SkippedPoint> skippedDecodeOf(int kv) {
        return skipped.stream().filter(s -> s.kvHeads() == kv && !s.prefill()).toList();
    }

    /** Measured points so far (decode + prefill). */
    public int measuredCount() {
        return decode.size() + prefill.size();
    }
}
