package dev.kvlens.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Element type of the cached keys and values; decides the bytes each cached number takes. */
public enum KvDtype {
    FP32("fp32", 32),
    FP16("fp16", 16),
    BF16("bf16", 16),
    FP8("fp8", 8),
    INT8("int8", 8),
    INT4("int4", 4);

    private final String id;
    private final int bits;

    KvDtype(String id, int bits) {
        this.id = id;
        this.bits = bits;
    }

    /** Short lower-case name used in the CLI, JSON and the UI ("fp16"). */
    public String id() {
        return id;
    }

    public int bits() {
        return bits;
    }

    /** Bytes per element; 0.5 for int4. */
    public double bytesPerElement() {
        return bits / 8.0;
    }

    /** Exact bytes taken by {@code elements} elements of this type (int4 packs two per byte, rounded up). */
    public long bytesFor(long elements) {
        long totalBits = Math.multiplyExact(elements, (long) bits);
        return (totalBits + 7) / 8;
    }

    /** Parses "fp16", "FP16", "bf16"...; throws {@link ConfigException} naming the allowed values. */
    public static KvDtype parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (KvDtype d : values()) {
            if (d.id.equals(t)) {
                return d;
            }
        }
        throw new ConfigException("dtype.unknown",
                "unknown dtype '" + text + "'; choose one of " + allIds(),
                text, allIds());
    }

    public static String allIds() {
        return Arrays.stream(values()).map(KvDtype::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
