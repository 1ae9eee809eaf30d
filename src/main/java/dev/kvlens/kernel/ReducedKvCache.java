package dev.kvlens.kernel;

/**
 * A K/V cache with the two reductions that are cheap to make real on a CPU: a smaller element
 * ({@link KvFormat}: fp16, bf16, int8 with a scale per token and KV head) and a sliding window (Mistral-style:
 * only the last {@code window} positions are kept, in a ring buffer). It holds only the stored form — no fp32
 * copy — so {@link #allocatedBytes()} and {@link #usedBytes()} are what the reduction really costs.
 *
 * <pre>
 * per (sequence b, KV head s): slots × headDim elements of K and of V, slot = position % slots
 *   slots = window    (windowed: positions older than length − window are overwritten)
 *         = capacity  (full)
 *   int8: one fp32 scale per slot for K and one for V
 * </pre>
 *
 * Query head {@code h} reads KV head {@code h / (heads / kvHeads)}. Decoding is done by
 * {@link ReducedAttention}, which appends the new token only after its attention succeeded (a cancelled step
 * leaves the cache as it was). Not thread-safe.
 */
public final class ReducedKvCache {

    private final int batch;
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final int slots;
    private final boolean windowed;
    private final KvFormat format;
    private final float[][] kf;
    private final float[][] vf;
    private final short[][] kh;
    private final short[][] vh;
    private final byte[][] kb;
    private final byte[][] vb;
    private final float[][] ks;
    private final float[][] vs;
    private long length;

    private ReducedKvCache(int batch, int heads, int kvHeads, int headDim, int slots, boolean windowed,
                           KvFormat format) {
        if (batch < 1 || heads < 1 || kvHeads < 1 || headDim < 1 || slots < 1) {
            throw new IllegalArgumentException("batch, heads, kvHeads, headDim and slots must be at least 1");
        }
        if (kvHeads > heads || heads % kvHeads != 0) {
            throw new IllegalArgumentException(heads + " query heads cannot be shared by " + kvHeads + " KV heads");
        }
        if ((long) slots * headDim > KvCache.MAX_ARRAY) {
            throw new IllegalArgumentException("too many positions for one array: " + slots + " × " + headDim);
        }
        this.batch = batch;
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.slots = slots;
        this.windowed = windowed;
        this.format = format;
        int units = batch * kvHeads;
        int n = slots * headDim;
        kf = format == KvFormat.FP32 ? new float[units][n] : null;
        vf = format == KvFormat.FP32 ? new float[units][n] : null;
        boolean half = format == KvFormat.FP16 || format == KvFormat.BF16;
        kh = half ? new short[units][n] : null;
        vh = half ? new short[units][n] : null;
        kb = format == KvFormat.INT8 ? new byte[units][n] : null;
        vb = format == KvFormat.INT8 ? new byte[units][n] : null;
        ks = format == KvFormat.INT8 ? new float[units][slots] : null;
        vs = format == KvFormat.INT8 ? new float[units][slots] : null;
    }

    /** A full cache of {@code capacity} positions in {@code format}. */
    public static ReducedKvCache full(int batch, int heads, int kvHeads, int headDim, int capacity, KvFormat format) {
        return new ReducedKvCache(batch, heads, kvHeads, headDim, capacity, false, format);
    }

    /** A sliding-window cache: keeps the last {@code window} positions, however many tokens are appended. */
    public static ReducedKvCache window(int batch, int heads, int kvHeads, int headDim, int window, KvFormat format) {
        return new ReducedKvCache(batch, heads, kvHeads, headDim, window, true, format);
    }

    /**
     * {@link #full} after checking its bytes against {@code budget}: a cache too large for the heap becomes one
     * sentence ("a 131072-token GQA-8 int8 cache needs 1 GiB but the budget is 600 MiB; …"), not an
     * {@link OutOfMemoryError}.
     */
    public static ReducedKvCache full(int batch, int heads, int kvHeads, int headDim, int capacity, KvFormat format,
                                      MemoryBudget budget) {
        budget.check(bytesFor(batch, kvHeads, headDim, capacity, format),
                MemoryBudget.describeCache(batch, heads, kvHeads, capacity, false) + " " + format.id() + " cache");
        return full(batch, heads, kvHeads, headDim, capacity, format);
    }

    /** {@link #window} after checking its bytes against {@code budget}. */
    public static ReducedKvCache window(int batch, int heads, int kvHeads, int headDim, int window, KvFormat format,
                                        MemoryBudget budget) {
        budget.check(bytesFor(batch, kvHeads, headDim, window, format),
                MemoryBudget.describeCache(batch, heads, kvHeads, window, false) + " " + format.id()
                        + " sliding-window cache");
        return window(batch, heads, kvHeads, headDim, window, format);
    }

    /** Bytes such a cache allocates (K and V, scales included), to check against a {@link MemoryBudget}. */
    public static long bytesFor(int batch, int kvHeads, int headDim, int slots, KvFormat format) {
        return 2L * batch * kvHeads * slots * format.rowBytes(headDim);
    }

    public int batch() {
        return batch;
    }

    public int heads() {
        return heads;
    }

    public int kvHeads() {
        return kvHeads;
    }

    public int headDim() {
        return headDim;
    }

    public KvFormat format() {
        return format;
    }

    /** Positions the cache can hold: the window, or the capacity of a full cache. */
    public int slots() {
        return slots;
    }

    public boolean isWindowed() {
        return windowed;
    }

    /** Tokens appended so far (for a window, more than it holds). */
    public long length() {
        return length;
    }

    /** Positions held now: {@code min(length, slots)}. */
    public int stored() {
        return (int) Math.min(length, slots);
    }

    public long allocatedBytes() {
        return bytesFor(batch, kvHeads, headDim, slots, format);
    }

    /** Bytes of the positions held now. */
    public long usedBytes() {
        return bytesFor(batch, kvHeads, headDim, stored(), format);
    }

    /** Forgets every position after the first {@code newLength} (full caches only: a window has lost them). */
    public void truncate(long newLength) {
        if (windowed) {
            throw new IllegalStateException("a sliding-window cache cannot be rewound: it no longer holds old positions");
        }
        if (newLength < 0 || newLength > length) {
            throw new IllegalArgumentException("length must be in [0, " + length + "], got " + newLength);
        }
        length = newLength;
    }

    /**
     * Appends {@code tokens} positions to every sequence, quantized to the cache's format.
     *
     * @param keys   [B][KV][tokens][d]
     * @param values [B][KV][tokens][d]
     */
    public void append(float[] keys, float[] values, int tokens) {
        if (tokens < 0) {
            throw new IllegalArgumentException("tokens must not be negative");
        }
        long need = (long) batch * kvHeads * tokens * headDim;
        if (keys.length < need || values.length < need) {
            throw new IllegalArgumentException("keys and values need [B][KV][tokens][d] = " + need + " floats");
        }
        if (!windowed && length + tokens > slots) {
            throw new IllegalStateException("cache full: " + slots + " positions, " + length + " used, "
                    + tokens + " more requested");
        }
        for (int u = 0; u < batch * kvHeads; u++) {
            for (int t = 0; t < tokens; t++) {
                int src = (u * tokens + t) * headDim;
                int slot = (int) ((length + t) % slots);
                put(u, slot, keys, values, src);
            }
        }
        length += tokens;
    }

    /** Stores one K row and one V row of unit {@code u} (= b·KV + s) into {@code slot}. */
    void put(int u, int slot, float[] k, float[] v, int src) {
        int o = slot * headDim;
        switch (format) {
            case FP32 -> {
                System.arraycopy(k, src, kf[u], o, headDim);
                System.arraycopy(v, src, vf[u], o, headDim);
            }
            case FP16 -> {
                for (int j = 0; j < headDim; j++) {
                    kh[u][o + j] = KvFormat.floatToHalf(k[src + j]);
                    vh[u][o + j] = KvFormat.floatToHalf(v[src + j]);
                }
            }
            case BF16 -> {
                for (int j = 0; j < headDim; j++) {
                    kh[u][o + j] = KvFormat.floatToBf16(k[src + j]);
                    vh[u][o + j] = KvFormat.floatToBf16(v[src + j]);
                }
            }
            case INT8 -> {
                ks[u][slot] = KvFormat.quantizeInt8(k, src, headDim, kb[u], o);
                vs[u][slot] = KvFormat.quantizeInt8(v, src, headDim, vb[u], o);
            }
        }
    }

    /** The slot the next appended position goes to. */
    int nextSlot() {
        return (int) (length % slots);
    }

    /** Marks one appended position (after {@link #put} of every unit). */
    void advance() {
        length++;
    }

    /**
     * Writes {@code n} positions of unit {@code u} starting at {@code slot} as fp32 into {@code dst} (rows of
     * d). For fp32 storage nothing is copied: returns the slab and offset to read instead.
     */
    int keysAsFloat(KernelOps ops, int u, int slot, int n, float[] dst, float[][] src) {
        return rows(ops, u, slot, n, dst, src, kf, kh, kb, ks);
    }

    int valuesAsFloat(KernelOps ops, int u, int slot, int n, float[] dst, float[][] src) {
        return rows(ops, u, slot, n, dst, src, vf, vh, vb, vs);
    }

    private int rows(KernelOps ops, int u, int slot, int n, float[] dst, float[][] src, float[][] f, short[][] h,
                     byte[][] b, float[][] sc) {
        int o = slot * headDim;
        switch (format) {
            case FP32 -> {
                src[0] = f[u];
                return o;
            }
            case FP16 -> ops.halfToFloat(h[u], o, dst, 0, n * headDim);
            case BF16 -> ops.bf16ToFloat(h[u], o, dst, 0, n * headDim);
            case INT8 -> {
                for (int t = 0; t < n; t++) {
                    ops.int8ToFloat(b[u], o + t * headDim, sc[u][slot + t], dst, t * headDim, headDim);
                }
            }
        }
        src[0] = dst;
        return 0;
    }

    /** One stored key of unit {@code u} at {@code slot}, as fp32 (for tests and references). */
    public float[] key(int b, int s, int slot) {
        float[] r = new float[headDim];
        float[][] src = new float[1][];
        int o = keysAsFloat(KernelOps.scalar(), b * kvHeads + s, slot, 1, r, src);
        return java.util.Arrays.copyOfRange(src[0], o, o + headDim);
    }

    /** One stored value of unit {@code u} at {@code slot}, as fp32. */
    public float[] value(int b, int s, int slot) {
        float[] r = new float[headDim];
        float[][] src = new float[1][];
        int o = valuesAsFloat(KernelOps.scalar(), b * kvHeads + s, slot, 1, r, src);
        return java.util.Arrays.copyOfRange(src[0], o, o + headDim);
    }
}
