package dev.kvlens.kernel;

import dev.kvlens.model.ConfigException;
import dev.kvlens.model.Units;
import dev.kvlens.model.Variant;

/**
 * How much memory the kernel's callers may allocate for caches and working arrays. Checked <em>before</em>
 * allocating, so a too-large request becomes one clear sentence instead of an {@link OutOfMemoryError}.
 */
public final class MemoryBudget {

    /** Default share of the JVM's max heap ({@code -Xmx}) a measurement may use. */
    public static final double DEFAULT_FRACTION = 0.6;

    private final long bytes;

    public MemoryBudget(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("a memory budget must be positive (got " + bytes + ")");
        }
        this.bytes = bytes;
    }

    /** {@link #DEFAULT_FRACTION} of {@code Runtime.maxMemory()}. */
    public static MemoryBudget defaultBudget() {
        return fractionOfHeap(DEFAULT_FRACTION);
    }

    public static MemoryBudget fractionOfHeap(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1] (got " + fraction + ")");
        }
        return new MemoryBudget(Math.max(1, (long) (Runtime.getRuntime().maxMemory() * fraction)));
    }

    public long bytes() {
        return bytes;
    }

    public boolean fits(long request) {
        return request >= 0 && request <= bytes;
    }

    /**
     * Refuses a request above the budget: "{@code what} needs 4 GiB but the budget is 1.5 GiB; lower the
     * sequence length or batch".
     *
     * @throws ConfigException (key {@code kernel.overBudget}, args: what, needed, budget as text)
     */
    public void check(long request, String what) {
        if (!fits(request)) {
            String need = Units.bytes(request);
            String have = Units.bytes(bytes);
            throw new ConfigException("kernel.overBudget", what + " needs " + need + " but the budget is " + have
                    + "; lower the sequence length or batch", what, need, have);
        }
    }

    /** Checks the cache a {@link KvCache} of this shape would allocate, e.g. "a 32768-token MHA cache". */
    public void checkCache(int batch, int heads, int kvHeads, int headDim, int capacity, boolean expanded) {
        long need = KvCache.bytesFor(batch, heads, kvHeads, headDim, capacity, expanded);
        check(need, describeCache(batch, heads, kvHeads, capacity, expanded) + " cache");
    }

    /** Allocates the cache if it fits the budget. */
    public KvCache allocate(int batch, int heads, int kvHeads, int headDim, int capacity, boolean expanded) {
        checkCache(batch, heads, kvHeads, headDim, capacity, expanded);
        return expanded ? KvCache.expanded(batch, heads, kvHeads, headDim, capacity)
                : KvCache.shared(batch, heads, kvHeads, headDim, capacity);
    }

    /** "a 32768-token MHA", "a batch of 4 32768-token GQA-8 (expanded)": the subject of budget messages. */
    public static String describeCache(int batch, int heads, int kvHeads, int tokens, boolean expanded) {
        String v = Variant.label(heads, kvHeads) + (expanded ? " (expanded)" : "");
        return batch == 1 ? "a " + tokens + "-token " + v : "a batch of " + batch + " " + tokens + "-token " + v;
    }

    @Override
    public String toString() {
        return "MemoryBudget[" + Units.bytes(bytes) + "]";
    }
}
