package dev.kvlens.ui.charts;

import dev.kvlens.bench.DecodePoint;
import dev.kvlens.bench.KernelProbe;
import dev.kvlens.bench.PrefillPoint;
import dev.kvlens.bench.Stats;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/** Deterministic "timings": decode ∝ K/V bytes (1 GB/s), prefill ∝ FLOPs; allocations as the kernel's. */
final class FakeKernelProbe implements KernelProbe {

    int calls;
    boolean closed;

    static double decodeSeconds(int kv, int headDim, int context) {
        return 2.0 * kv * (context + 1) * headDim * 4 / 1e9 + 1e-6;
    }

    @Override
    public DecodePoint decode(int heads, int kvHeads, int headDim, int context, Repeats repeats,
                              BooleanSupplier cancel) {
        if (cancel.getAsBoolean()) {
            throw new CancellationException();
        }
        calls++;
        double s = decodeSeconds(kvHeads, headDim, context);
        long bytes = 2L * kvHeads * (context + 1) * headDim * 4;
        return new DecodePoint(kvHeads, context, new Stats(s * 0.9, s, s * 1.3, 3), bytes, 1_000_000,
                1_000_000 + bytes);
    }

    @Override
    public PrefillPoint prefill(int heads, int kvHeads, int headDim, int tokens, Repeats repeats,
                                BooleanSupplier cancel) {
        if (cancel.getAsBoolean()) {
            throw new CancellationException();
        }
        calls++;
        double s = 4.0 * heads * headDim * tokens * (tokens + 1) / 2 / 1e10 * (1 + 0.01 * kvHeads / heads);
        return new PrefillPoint(kvHeads, tokens, new Stats(s, s, s * 1.1, 3), 2L * kvHeads * tokens * headDim * 4);
    }

    @Override
    public String describe() {
        return "fake kernel";
    }

    @Override
    public void close() {
        closed = true;
    }
}
