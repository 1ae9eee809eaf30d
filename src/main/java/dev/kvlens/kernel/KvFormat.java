package dev.kvlens.kernel;

/**
 * How a {@link ReducedKvCache} stores K and V: fp32 (no reduction), IEEE half (fp16), bfloat16, or int8 with one
 * fp32 scale per (token, KV head) — symmetric, {@code scale = max|x| / 127}. The element conversions live here
 * (scalar, exact rounding); the kernel's bulk dequantization is in {@link KernelOps}.
 */
public enum KvFormat {
    FP32("fp32", 4),
    FP16("fp16", 2),
    BF16("bf16", 2),
    INT8("int8", 1);

    private final String id;
    private final int elementBytes;

    KvFormat(String id, int elementBytes) {
        this.id = id;
        this.elementBytes = elementBytes;
    }

    public String id() {
        return id;
    }

    /** Bytes of one stored element (the int8 scales come on top: {@link #rowBytes}). */
    public int elementBytes() {
        return elementBytes;
    }

    /** Bytes of one stored K (or V) row of {@code headDim} elements, its scale included. */
    public long rowBytes(int headDim) {
        return (long) headDim * elementBytes + (this == INT8 ? Float.BYTES : 0);
    }

    // ------------------------------------------------------------------ element conversions

    /** fp32 → IEEE binary16, round to nearest even; overflow → ±inf, NaN stays NaN (quiet), subnormals kept. */
    public static short floatToHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7FFFFFFF;
        if (abs >= 0x7F800000) {
            int nan = abs > 0x7F800000 ? 0x200 | ((abs >>> 13) & 0x3FF) : 0;
            return (short) (sign | 0x7C00 | nan);
        }
        if (abs >= 0x477FF000) { // ≥ 65520: rounds to 65536, beyond the largest half (65504)
            return (short) (sign | 0x7C00);
        }
        if (abs < 0x38800000) { // below 2^-14: a subnormal half (units of 2^-24) or zero
            if (abs <= 0x33000000) { // ≤ 2^-25: rounds to zero (2^-25 is a tie, and zero is even)
                return (short) sign;
            }
            int e = abs >>> 23;
            int m = (abs & 0x7FFFFF) | 0x800000;
            int shift = 126 - e;
            int r = m >>> shift;
            int rem = m & ((1 << shift) - 1);
            int half = 1 << (shift - 1);
            if (rem > half || (rem == half && (r & 1) != 0)) {
                r++;
            }
            return (short) (sign | r);
        }
        int h = (((abs >>> 23) - 112) << 10) | ((abs & 0x7FFFFF) >>> 13);
        int rem = abs & 0x1FFF;
        if (rem > 0x1000 || (rem == 0x1000 && (h & 1) != 0)) {
            h++; // a carry into the exponent is the correct rounding up to the next binade
        }
        return (short) (sign | h);
    }

    /** IEEE binary16 → fp32, exact. */
    public static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int em = bits & 0x7FFF;
        if (em >= 0x7C00) {
            return Float.intBitsToFloat(sign | 0x7F800000 | ((em & 0x3FF) << 13));
        }
        // the half's exponent and mantissa placed in a float's low bits, then scaled by 2^112: exact for
        // normals and subnormals alike
        return Float.intBitsToFloat(sign | Float.floatToRawIntBits(Float.intBitsToFloat(em << 13) * 0x1p112f));
    }

    /** fp32 → bfloat16 (the upper half of the float), round to nearest even; NaN stays NaN. */
    public static short floatToBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0x7FFFFFFF) > 0x7F800000) {
            return (short) ((bits >>> 16) | 0x40);
        }
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }

    /** bfloat16 → fp32, exact. */
    public static float bf16ToFloat(short b) {
        return Float.intBitsToFloat(b << 16);
    }

    /**
     * Quantizes {@code n} finite floats to int8 with one symmetric scale, {@code max|x| / 127} (0 for an all-zero
     * row); returns the scale. Each element's error is at most half a scale step.
     */
    public static float quantizeInt8(float[] x, int xo, int n, byte[] dst, int dOff) {
        float max = 0f;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(x[xo + i]));
        }
        if (max == 0f) {
            java.util.Arrays.fill(dst, dOff, dOff + n, (byte) 0);
            return 0f;
        }
        float scale = max / 127f;
        float inv = 127f / max;
        for (int i = 0; i < n; i++) {
            int q = Math.round(x[xo + i] * inv);
            dst[dOff + i] = (byte) Math.max(-127, Math.min(127, q));
        }
        return scale;
    }
}
