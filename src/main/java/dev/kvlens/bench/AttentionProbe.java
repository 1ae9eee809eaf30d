package dev.kvlens.bench;

import dev.kvlens.kernel.AttentionKernel;
import dev.kvlens.kernel.KernelOps;
import dev.kvlens.kernel.KvCache;
import dev.kvlens.kernel.MemoryBudget;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * {@link KernelProbe} over the real {@link AttentionKernel} and {@link KvCache}: every point allocates a real
 * shared (GQA) cache through the {@link MemoryBudget}, fills it with random K/V (copied in chunks, so filling
 * costs about one memory pass), then times {@code kernel.decode} with {@link System#nanoTime()} after one
 * warm-up step. Each decode step appends one token; the cache is truncated back so every repeat sees the same
 * context.
 */
public final class AttentionProbe implements KernelProbe {

    /** Tokens per fill chunk. */
    private static final int CHUNK = 64;

    private final AttentionKernel kernel;
    private final MemoryBudget budget;
    private final long poolCap;
    /** Filled caches of earlier points, most recently used last: a slider storm revisits the same shapes. */
    private final java.util.LinkedHashMap<String, Pooled> pool = new java.util.LinkedHashMap<>(16, 0.75f, true);
    private long pooledBytes;
    /** Head-sharing shapes ("group/d") whose kernel paths have been JIT-compiled in this JVM. */
    private final java.util.Set<String> warmed = new java.util.HashSet<>();

    /** A cache kept for reuse, with the heap figures of its allocation. */
    private record Pooled(KvCache cache, long heapBefore, long heapAfter) {
    }

    /** A probe on {@code threads} kernel threads with the fastest routines. */
    public AttentionProbe(int threads, MemoryBudget budget) {
        this(new AttentionKernel(threads), budget);
    }

    public AttentionProbe(AttentionKernel kernel, MemoryBudget budget) {
        this.kernel = kernel;
        this.budget = budget;
        this.poolCap = Math.min(768L << 20, budget.bytes() / 3);
    }

    /** Kernel threads for an interactive app: leave one core to the UI thread (at least 1). */
    public static int interactiveThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    @Override
    public String describe() {
        return kernel.ops().name() + ", " + kernel.threads() + (kernel.threads() == 1 ? " thread" : " threads");
    }

    public KernelOps ops() {
        return kernel.ops();
    }

    public int threads() {
        return kernel.threads();
    }

    @Override
    public DecodePoint decode(int heads, int kvHeads, int headDim, int context, Repeats repeats,
                              BooleanSupplier cancel) {
        warmUp(heads, kvHeads, headDim, cancel);
        Pooled p = cache(heads, kvHeads, headDim, context, cancel);
        KvCache cache = p.cache();
        long heapBefore = p.heapBefore();
        long heapAfter = p.heapAfter();
        SplittableRandom rnd = new SplittableRandom(context * 31L + kvHeads);
        float[] q = random(heads * headDim, rnd);
        float[] k = random(kvHeads * headDim, rnd);
        float[] v = random(kvHeads * headDim, rnd);
        float[] out = new float[heads * headDim];
        // warm-up step (touches the cache once, so every timed step starts from the same state)
        kernel.decode(cache, q, k, v, out, cancel);
        cache.truncate(context);
        long[] t = new long[repeats.max()];
        int n = 0;
        long spent = 0;
        while (repeats.more(n, spent)) {
            check(cancel);
            long t0 = System.nanoTime();
            kernel.decode(cache, q, k, v, out, cancel);
            long dt = System.nanoTime() - t0;
            cache.truncate(context);
            t[n++] = dt;
            spent += dt;
        }
        return new DecodePoint(kvHeads, context, Stats.ofNanos(t, n), cache.allocatedBytes(), heapBefore, heapAfter);
    }

    @Override
    public PrefillPoint prefill(int heads, int kvHeads, int headDim, int tokens, Repeats repeats,
                                BooleanSupplier cancel) {
        warmUp(heads, kvHeads, headDim, cancel);
        budget.check(KvCache.bytesFor(1, heads, kvHeads, headDim, tokens, false)
                + AttentionKernel.prefillScratchBytes(1, heads, kvHeads, headDim, tokens, false)
                + 2L * (heads + kvHeads) * tokens * headDim * Float.BYTES, "a " + tokens + "-token prefill");
        KvCache cache = budget.allocate(1, heads, kvHeads, headDim, tokens, false);
        SplittableRandom rnd = new SplittableRandom(tokens * 17L + kvHeads);
        float[] q = random(heads * tokens * headDim, rnd);
        float[] k = random(kvHeads * tokens * headDim, rnd);
        float[] v = random(kvHeads * tokens * headDim, rnd);
        float[] out = new float[heads * tokens * headDim];
        kernel.prefill(cache, q, k, v, tokens, out, cancel); // warm-up
        cache.clear();
        long[] t = new long[repeats.max()];
        int n = 0;
        long spent = 0;
        while (repeats.more(n, spent)) {
            check(cancel);
            long t0 = System.nanoTime();
            kernel.prefill(cache, q, k, v, tokens, out, cancel);
            long dt = System.nanoTime() - t0;
            cache.clear();
            t[n++] = dt;
            spent += dt;
        }
        return new PrefillPoint(kvHeads, tokens, Stats.ofNanos(t, n), cache.allocatedBytes());
    }

    /**
     * A filled cache of capacity {@code context + 1} for this shape: from the pool when an earlier point had
     * the same shape (no new allocation: the heap figures are those of its allocation), else newly allocated
     * through the budget and filled. Reuse keeps slider storms from churning hundreds of MiB through the GC,
     * whose pauses would stall the UI thread too.
     */
    private Pooled cache(int heads, int kvHeads, int headDim, int context, BooleanSupplier cancel) {
        String key = heads + "/" + kvHeads + "/" + headDim + "/" + context;
        Pooled p = pool.get(key);
        if (p != null) {
            p.cache().truncate(context);
            return p;
        }
        long need = KvCache.bytesFor(1, heads, kvHeads, headDim, context + 1, false);
        while (!pool.isEmpty() && (pooledBytes + need > poolCap || pooledBytes + need > budget.bytes())) {
            evictEldest();
        }
        Runtime rt = Runtime.getRuntime();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        KvCache cache = budget.allocate(1, heads, kvHeads, headDim, context + 1, false);
        fill(cache, context, cancel);
        long heapAfter = rt.totalMemory() - rt.freeMemory();
        p = new Pooled(cache, heapBefore, heapAfter);
        if (need <= poolCap) {
            pool.put(key, p);
            pooledBytes += need;
        }
        return p;
    }

    private void evictEldest() {
        var it = pool.entrySet().iterator();
        Pooled p = it.next().getValue();
        it.remove();
        pooledBytes -= p.cache().allocatedBytes();
    }

    /** Bytes of K/V held for reuse (for tests). */
    public long pooledBytes() {
        return pooledBytes;
    }

    /**
     * Before the first measurement of a head-sharing shape (group size H/KV and head dim d) in this JVM: run
     * its decode and prefill paths until the JIT has compiled them. The kernel has different code paths for
     * single-head, small and large groups; a path that has only run a handful of times executes interpreted
     * Vector-API code that is 100× slower and allocates heavily (measured: ≈ 50–600 ms per step for the
     * first steps, 0.14 ms after ~100), which made GQA and MQA look slower than MHA in a fresh sweep.
     */
    private void warmUp(int heads, int kvHeads, int headDim, BooleanSupplier cancel) {
        String key = (heads / kvHeads) + "/" + headDim;
        if (warmed.contains(key)) {
            return;
        }
        int ctx = 320;
        KvCache c = KvCache.shared(1, heads, kvHeads, headDim, ctx + 1);
        c.appendRandom(ctx, 7);
        SplittableRandom rnd = new SplittableRandom(3);
        float[] q = random(heads * headDim, rnd);
        float[] k = random(kvHeads * headDim, rnd);
        float[] out = new float[heads * headDim];
        long start = System.nanoTime();
        for (int i = 0; i < 150 && (i < 40 || System.nanoTime() - start < 400_000_000L); i++) {
            check(cancel);
            kernel.decode(c, q, k, k, out, cancel);
            c.truncate(ctx);
        }
        int p = 48;
        KvCache pc = KvCache.shared(1, heads, kvHeads, headDim, p);
        float[] pq = random(heads * p * headDim, rnd);
        float[] pk = random(kvHeads * p * headDim, rnd);
        float[] po = new float[pq.length];
        for (int i = 0; i < 30; i++) {
            check(cancel);
            kernel.prefill(pc, pq, pk, pk, p, po, cancel);
            pc.clear();
        }
        warmed.add(key);
    }

    /** Brings the cache to {@code context} tokens by appending one random chunk over and over. */
    private static void fill(KvCache cache, int context, BooleanSupplier cancel) {
        int kv = cache.kvHeads();
        int d = cache.headDim();
        int chunk = Math.min(CHUNK, Math.max(1, context));
        SplittableRandom rnd = new SplittableRandom(context);
        float[] k = random(kv * chunk * d, rnd);
        float[] v = random(kv * chunk * d, rnd);
        int left = context;
        int polls = 0;
        while (left > 0) {
            if ((++polls & 63) == 0) {
                check(cancel);
            }
            int n = Math.min(chunk, left);
            if (n == chunk) {
                cache.append(k, v, n);
            } else {
                cache.appendRandom(n, left);
            }
            left -= n;
        }
    }

    private static float[] random(int n, SplittableRandom rnd) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return a;
    }

    private static void check(BooleanSupplier cancel) {
        if (cancel != null && cancel.getAsBoolean()) {
            throw new CancellationException("measurement cancelled");
        }
    }

    @Override
    public void close() {
        kernel.close(); // the pool goes with the probe (a run in flight may still be reading it)
    }
}
