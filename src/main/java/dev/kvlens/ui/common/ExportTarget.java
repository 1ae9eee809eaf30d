package dev.kvlens.ui.common;

import java.util.Objects;
import java.util.function.Supplier;
import javafx.scene.Node;

/**
 * One thing a page can export: a node as a PNG (the shell offers 1× and 2× scale) or a table as CSV text.
 * {@code labelKey} is a message key in the page's own bundle, shown in the Export menu (e.g. "Decode time
 * chart"); {@code id} is a short stable name used for the suggested file name ({@code kvlens-ID.png}).
 * Suppliers are called on the FX thread when the user picks the target; keep them cheap (build CSV from
 * results already on screen with {@link Csv}, never run a measurement).
 */
public record ExportTarget(String id, String labelKey, Kind kind, Supplier<Node> node, Supplier<String> csv) {

    public enum Kind { PNG, CSV }

    public ExportTarget {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(labelKey, "labelKey");
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.PNG && node == null) {
            throw new IllegalArgumentException("a PNG target needs a node supplier");
        }
        if (kind == Kind.CSV && csv == null) {
            throw new IllegalArgumentException("a CSV target needs a text supplier");
        }
    }

    /** A node (a chart, the diagram) exported as a PNG at 1× or 2×. */
    public static ExportTarget png(String id, String labelKey, Supplier<Node> node) {
        return new ExportTarget(id, labelKey, Kind.PNG, node, null);
    }

    /** A table exported as CSV; the supplier returns the whole text (header line first) or null if empty. */
    public static ExportTarget csv(String id, String labelKey, Supplier<String> csv) {
        return new ExportTarget(id, labelKey, Kind.CSV, null, csv);
    }

    /** "kvlens-ID.png" or "kvlens-ID.csv" (with " @2x" for a double-scale image). */
    public String suggestedFileName(double scale) {
        String base = "kvlens-" + id.replaceAll("[^A-Za-z0-9._-]", "-");
        if (kind == Kind.CSV) {
            return base + ".csv";
        }
        return base + (scale > 1 ? "@2x" : "") + ".png";
    }
}
