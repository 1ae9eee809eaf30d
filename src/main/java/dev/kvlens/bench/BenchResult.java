package dev.kvlens.bench;

import dev.kvlens.model.Variant;

/**
 * One measured shape. Times are wall-clock nanoseconds of one call (a decode step, or a whole prefill),
 * over {@code repeats} timed calls after warm-up.
 *
 * @param mode        "decode" or "prefill"
 * @param kvBytesRead decode: bytes of K and V read per step (2 × B × KV × T × d × 4); prefill: bytes of
 *                    the K and V cache filled (each read at least once)
 * @param flops       decode: 4 × B × H × T × d; prefill: 4 × B × H × d × T(T+1)/2
 * @param limitGbps   read bandwidth measured in the same run on a buffer as large as the cache
 * @param limitGflops FMA throughput measured in the same run
 */
public record BenchResult(String mode, int heads, int kvHeads, int headDim, int seq, int batch, int threads,
                          int repeats, long medianNs, long minNs, long maxNs, long kvBytesRead, long flops,
                          double limitGbps, double limitGflops) {

    /** "MHA", "GQA-8", "MQA". */
    public String variant() {
        return Variant.label(heads, kvHeads);
    }

    /** Achieved K/V read rate, GB/s (10^9 bytes/s), at the median time. */
    public double gbps() {
        return kvBytesRead / (double) medianNs;
    }

    /** Achieved GFLOP/s at the median time. */
    public double gflops() {
        return flops / (double) medianNs;
    }

    /** Fastest possible time by the roofline: the larger of bytes / bandwidth and flops / FMA throughput. */
    public double boundNs() {
        double memNs = "decode".equals(mode) && limitGbps > 0 ? kvBytesRead / limitGbps : 0;
        double fmaNs = limitGflops > 0 ? flops / limitGflops : 0;
        return Math.max(memNs, fmaNs);
    }

    /**
     * "memory" when the bandwidth term of the roofline dominates, otherwise "compute". Prefill is always
     * judged against the FMA limit.
     */
    public String bound() {
        if (!"decode".equals(mode)) {
            return "compute";
        }
        double memNs = limitGbps > 0 ? kvBytesRead / limitGbps : 0;
        double fmaNs = limitGflops > 0 ? flops / limitGflops : 0;
        return memNs >= fmaNs ? "memory" : "compute";
    }

    /**
     * Share of the machine's limit reached, at the median: decode (memory-bound) gbps / limit_gbps, prefill
     * or compute-bound decode gflops / limit_gflops — i.e. roofline time / measured time.
     */
    public double fractionOfLimit() {
        return boundNs() / medianNs;
    }

    /**
     * The same share at the fastest call ({@code minNs}): on a shared, noisy machine the best call is the
     * one least disturbed by other processes, as the limit probes also keep their best pass.
     */
    public double bestFractionOfLimit() {
        return boundNs() / minNs;
    }

    public double medianMs() {
        return medianNs / 1e6;
    }

    public double minMs() {
        return minNs / 1e6;
    }

    public double maxMs() {
        return maxNs / 1e6;
    }
}
