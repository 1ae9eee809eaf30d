package dev.kvlens.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/** A probe whose "time" is proportional to the bytes of K/V it would read; records every call. */
final class FakeProbe implements KernelProbe {

    final List<String> calls = new ArrayList<>();
    boolean closed;
    /** Runs before every call (e.g. to fire a cancel in the middle of a sweep). */
    Runnable beforeCall = () -> { };

    @Override
    public DecodePoint decode(int heads, int kvHeads, int headDim, int context, Repeats repeats,
                              BooleanSupplier cancel) {
        beforeCall.run();
        if (cancel.getAsBoolean()) {
            throw new CancellationException();
        }
        calls.add("decode " + kvHeads + " " + context);
        long bytes = 2L * kvHeads * (context + 1) * headDim * 4;
        double s = bytes / 1e10;
        return new DecodePoint(kvHeads, context, new Stats(s * 0.9, s, s * 1.2, 3), bytes, 1000, 1000 + bytes);
    }

    @Override
    public PrefillPoint prefill(int heads, int kvHeads, int headDim, int tokens, Repeats repeats,
                                BooleanSupplier cancel) {
        beforeCall.run();
        if (cancel.getAsBoolean()) {
            throw new CancellationException();
        }
        calls.add("prefill " + kvHeads + " " + tokens);
        double s = 4.0 * heads * headDim * tokens * (tokens + 1) / 2 / 1e10;
        return new PrefillPoint(kvHeads, tokens, new Stats(s, s, s, 1), 2L * kvHeads * tokens * headDim * 4);
    }

    @Override
    public String describe() {
        return "fake";
    }

    @Override
    public void close() {
        closed = true;
    }
}
