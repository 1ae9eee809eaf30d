package dev.kvlens.lab;

import dev.kvlens.model.AttentionConfig;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The seam for MEASURED KV-cache reductions beyond head sharing — a quantized K/V cache (fp16 / bf16 / int8
 * with scales) and a sliding-window cache — which the kernel does not implement yet. When it does, add one
 * {@link Source} per technique to {@link #available()}; the Lab's "Other reductions" view then lists and runs
 * them beside the formula-only MLA curve. Nothing here is simulated: with no source, the view says so.
 */
public final class KvReductions {

    private KvReductions() {
    }

    /** One measured row: a label ("int8 + per-token scales", "window 4096"), cache bytes, step time, error. */
    public record Row(String label, long cacheBytes, long decodeMedianNs, double outputRelError) {
    }

    /** A measured technique. Runs on a background thread; polls {@code cancel}. */
    public interface Source {
        /** Stable id, e.g. "int8" or "window". */
        String id();

        /** Rows for the config (scaled to a size that measures in seconds), the fp32 full cache first. */
        List<Row> measure(AttentionConfig config, BooleanSupplier cancel);
    }

    /** The measured techniques the kernel supports today: none yet (see the class comment). */
    public static List<Source> available() {
        return List.of();
    }
}
