package dev.kvlens.kernel;

import dev.kvlens.model.ConfigException;
import java.util.SplittableRandom;

/**
 * A preallocated fp32 key/value cache for one layer and a batch of sequences.
 *
 * <pre>
 * keys(b, s)   = float[capacity × headDim]   // [batch][storedHeads] slabs, each [capacity][headDim]
 * values(b, s) = float[capacity × headDim]   // same layout
 * storedHeads  = kvHeads              (shared mode: what GQA/MQA really store)
 *              = heads                (expanded mode: K/V copied to every query head, as repeat_kv does)
 * </pre>
 *
 * All sequences of the batch have the same {@link #length()}: positions {@code [0, length)} are filled.
 * Query head {@code h} reads stored head {@code h / (heads / storedHeads)}. Not thread-safe: one kernel
 * call at a time.
 */
public final class KvCache {

    /** Largest Java array we allocate (a little under Integer.MAX_VALUE, as the JDK does). */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private final int batch;
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final int capacity;
    private final boolean expanded;
    private final int storedHeads;
    private final float[][] k;
    private final float[][] v;
    private int length;

    private KvCache(int batch, int heads, int kvHeads, int headDim, int capacity, boolean expanded) {
        validate(batch, heads, kvHeads, headDim, capacity);
        this.batch = batch;
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.capacity = capacity;
        this.expanded = expanded;
        this.storedHeads = expanded ? heads : kvHeads;
        int slabs = batch * storedHeads;
        this.k = new float[slabs][];
        this.v = new float[slabs][];
        for (int i = 0; i < slabs; i++) {
            k[i] = new float[capacity * headDim];
            v[i] = new float[capacity * headDim];
        }
    }

    /** The real GQA/MQA/MHA cache: {@code kvHeads} K/V heads per sequence, shared by H/KV query heads each. */
    public static KvCache shared(int batch, int heads, int kvHeads, int headDim, int capacity) {
        return new KvCache(batch, heads, kvHeads, headDim, capacity, false);
    }

    /** The teaching cache: every query head gets its own copy of its group's K/V (H/KV times the memory). */
    public static KvCache expanded(int batch, int heads, int kvHeads, int headDim, int capacity) {
        return new KvCache(batch, heads, kvHeads, headDim, capacity, true);
    }

    /**
     * Bytes {@link #allocatedBytes()} would report, computed before allocating (for a {@link MemoryBudget}):
     * {@code 2 × batch × storedHeads × capacity × headDim × 4}.
     */
    public static long bytesFor(int batch, int heads, int kvHeads, int headDim, int capacity, boolean expanded) {
        validate(batch, heads, kvHeads, headDim, capacity);
        long stored = expanded ? heads : kvHeads;
        return 2L * batch * stored * capacity * headDim * Float.BYTES;
    }

    static void validate(int batch, int heads, int kvHeads, int headDim, int capacity) {
        positive("batch", batch);
        positive("query heads", heads);
        positive("KV heads", kvHeads);
        positive("head dim", headDim);
        positive("cache capacity", capacity);
        if (kvHeads > heads || heads % kvHeads != 0) {
            throw new ConfigException("config.kvNotDivisor",
                    heads + " query heads cannot be split into " + kvHeads + " groups; KV heads must divide H",
                    heads, kvHeads, "");
        }
        if ((long) capacity * headDim > MAX_ARRAY) {
            throw new ConfigException("kernel.tooLong", "a cache of " + capacity + " tokens x head dim " + headDim
                    + " does not fit one Java array; lower the sequence length", capacity, headDim);
        }
        if ((long) batch * heads > MAX_ARRAY) {
            throw new ConfigException("kernel.tooMany", "batch x heads is too large", batch, heads);
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new ConfigException("config.notPositive", name + " must be at least 1 (got " + value + ")",
                    name, value);
        }
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

    public int capacity() {
        return capacity;
    }

    /** True for the teaching mode that stores one K/V copy per query head. */
    public boolean isExpanded() {
        return expanded;
    }

    /** K/V heads physically stored per sequence: KV (shared) or H (expanded). */
    public int storedHeads() {
        return storedHeads;
    }

    /** Query heads served by one stored head: H/KV (shared) or 1 (expanded). */
    public int queryHeadsPerStored() {
        return heads / storedHeads;
    }

    /** Filled positions per sequence. */
    public int length() {
        return length;
    }

    /** Bytes of K and V preallocated (float payload, exact): 2 × B × stored × capacity × d × 4. */
    public long allocatedBytes() {
        return 2L * batch * storedHeads * capacity * headDim * Float.BYTES;
    }

    /** Bytes of K and V filled so far (exact): 2 × B × stored × length × d × 4. */
    public long usedBytes() {
        return 2L * batch * storedHeads * length * headDim * Float.BYTES;
    }

    /** Forgets positions {@code [newLength, length)}; the memory stays allocated. 0 ≤ newLength ≤ length. */
    public void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IllegalArgumentException("cannot truncate a cache of " + length + " tokens to " + newLength);
        }
        length = newLength;
    }

    /** Empties the cache (same as {@code truncate(0)}). */
    public void clear() {
        length = 0;
    }

    /**
     * Appends {@code tokens} positions to every sequence.
     *
     * @param keys   [batch][kvHeads][tokens][headDim], row-major
     * @param values same shape as {@code keys}
     */
    public void append(float[] keys, float[] values, int tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("tokens must be at least 1 (got " + tokens + ")");
        }
        long need = (long) batch * kvHeads * tokens * headDim;
        if (keys.length < need || values.length < need) {
            throw new IllegalArgumentException("keys/values need [batch][kvHeads][tokens][headDim] = " + need
                    + " floats");
        }
        ensureRoom(tokens);
        int copies = expanded ? heads / kvHeads : 1;
        for (int b = 0; b < batch; b++) {
            for (int g = 0; g < kvHeads; g++) {
                int src = ((b * kvHeads + g) * tokens) * headDim;
                for (int c = 0; c < copies; c++) {
                    int s = expanded ? g * copies + c : g;
                    int slab = b * storedHeads + s;
                    System.arraycopy(keys, src, k[slab], length * headDim, tokens * headDim);
                    System.arraycopy(values, src, v[slab], length * headDim, tokens * headDim);
                }
            }
        }
        length += tokens;
    }

    /**
     * Appends {@code tokens} positions of uniform random keys and values in [-1, 1) to every sequence:
     * a quick way to bring a cache to a given length for a measurement without running prefill.
     */
    public void appendRandom(int tokens, long seed) {
        if (tokens < 1) {
            throw new IllegalArgumentException("tokens must be at least 1 (got " + tokens + ")");
        }
        ensureRoom(tokens);
        SplittableRandom rnd = new SplittableRandom(seed);
        int copies = expanded ? heads / kvHeads : 1;
        for (int b = 0; b < batch; b++) {
            for (int g = 0; g < kvHeads; g++) {
                int first = b * storedHeads + (expanded ? g * copies : g);
                float[] ks = k[first];
                float[] vs = v[first];
                for (int i = length * headDim, end = (length + tokens) * headDim; i < end; i++) {
                    ks[i] = (float) (rnd.nextDouble() * 2 - 1);
                    vs[i] = (float) (rnd.nextDouble() * 2 - 1);
                }
                for (int c = 1; c < copies; c++) {
                    System.arraycopy(ks, length * headDim, k[first + c], length * headDim, tokens * headDim);
                    System.arraycopy(vs, length * headDim, v[first + c], length * headDim, tokens * headDim);
                }
            }
        }
        length += tokens;
    }

    private void ensureRoom(int tokens) {
        if ((long) length + tokens > capacity) {
            throw new IllegalArgumentException("the cache holds " + capacity + " tokens; cannot add " + tokens
                    + " to " + length);
        }
    }

    /** Copies the key of sequence {@code b}, KV head {@code kvHead}, position {@code pos} into {@code dst}. */
    public void copyKey(int b, int kvHead, int pos, float[] dst, int dstOffset) {
        checkPos(pos);
        System.arraycopy(k[slabOf(b, kvHead)], pos * headDim, dst, dstOffset, headDim);
    }

    /** Copies the value of sequence {@code b}, KV head {@code kvHead}, position {@code pos} into {@code dst}. */
    public void copyValue(int b, int kvHead, int pos, float[] dst, int dstOffset) {
        checkPos(pos);
        System.arraycopy(v[slabOf(b, kvHead)], pos * headDim, dst, dstOffset, headDim);
    }

    private int slabOf(int b, int kvHead) {
        if (b < 0 || b >= batch || kvHead < 0 || kvHead >= kvHeads) {
            throw new IndexOutOfBoundsException("sequence " + b + ", KV head " + kvHead);
        }
        return b * storedHeads + (expanded ? kvHead * (heads / kvHeads) : kvHead);
    }

    private void checkPos(int pos) {
        if (pos < 0 || pos >= length) {
            throw new IndexOutOfBoundsException("position " + pos + " of " + length);
        }
    }

    /** Key slab [capacity][headDim] of sequence b, stored head s (kernel-internal, no copy). */
    float[] keySlab(int b, int s) {
        return k[b * storedHeads + s];
    }

    /** Value slab [capacity][headDim] of sequence b, stored head s (kernel-internal, no copy). */
    float[] valueSlab(int b, int s) {
        return v[b * storedHeads + s];
    }

    void setLength(int n) {
        length = n;
    }
}
