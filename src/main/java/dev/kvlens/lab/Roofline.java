package dev.kvlens.lab;

/**
 * The roofline of one machine (Williams, Waterman and Patterson 2009): attainable GFLOP/s at arithmetic
 * intensity I (FLOPs per byte moved) is min(peak, bandwidth × I). Both limits are measured on this machine.
 *
 * @param peakGflops    FMA throughput, GFLOP/s
 * @param bandwidthGBs  read bandwidth, GB/s (10^9 bytes/s)
 */
public record Roofline(double peakGflops, double bandwidthGBs) {

    public Roofline {
        if (!(peakGflops > 0) || !(bandwidthGBs > 0) || Double.isInfinite(peakGflops)
                || Double.isInfinite(bandwidthGBs)) {
            throw new IllegalArgumentException("roofline limits must be positive and finite");
        }
    }

    /** min(peak, bandwidth × intensity), GFLOP/s. */
    public double attainable(double intensity) {
        if (!(intensity > 0)) {
            return 0;
        }
        return Math.min(peakGflops, bandwidthGBs * intensity);
    }

    /** The ridge point: the intensity (FLOP/byte) where the two roofs meet, peak / bandwidth. */
    public double ridge() {
        return peakGflops / bandwidthGBs;
    }

    /** True when an intensity lies left of the ridge (the bandwidth roof is the lower one). */
    public boolean memoryBound(double intensity) {
        return intensity < ridge();
    }

    /** Achieved / attainable at that intensity. */
    public double fractionOfRoof(double intensity, double achievedGflops) {
        double a = attainable(intensity);
        return a == 0 ? 0 : achievedGflops / a;
    }

    /**
     * FLOPs per byte of K/V of one decode step: 4·B·H·T·d / (2·B·KV·T·d·bytes) = 2H / (KV · bytes): the only
     * place where sharing K/V shows — the FLOPs stay, the bytes shrink.
     */
    public static double decodeIntensity(int heads, int kvHeads, double bytesPerElement) {
        return 2.0 * heads / (kvHeads * bytesPerElement);
    }

    /**
     * FLOPs per byte of K/V of a causal prefill of T tokens: 4·H·d·T(T+1)/2 / (2·KV·T·d·bytes)
     * = H (T+1) / (KV · bytes): large and growing with T, so prefill sits under the compute roof.
     */
    public static double prefillIntensity(int heads, int kvHeads, int tokens, double bytesPerElement) {
        return heads * (tokens + 1.0) / (kvHeads * bytesPerElement);
    }
}
