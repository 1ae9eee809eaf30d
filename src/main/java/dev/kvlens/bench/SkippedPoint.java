package dev.kvlens.bench;

/**
 * A point of the plan that was not measured and is drawn formula-only.
 *
 * @param kvHeads  KV heads of the variant
 * @param context  context length (decode) or prompt length (prefill)
 * @param prefill  true for a prefill point
 * @param reason   why
 * @param needBytes bytes the cache would have needed
 */
public record SkippedPoint(int kvHeads, int context, boolean prefill, MeasurementPlan.SkipReason reason,
                           long needBytes) {
}
