package dev.kvlens.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds CSV text (RFC 4180: comma separated, CRLF-free "\n" lines, fields quoted when they contain a comma,
 * quote or line break). Numbers are written with {@link Locale#ROOT} so a spreadsheet in any language reads
 * them: {@code new Csv("tokens", "ms").row(4096, 1.25).text()}.
 */
public final class Csv {

    private final List<String> lines = new ArrayList<>();

    public Csv(Object... header) {
        row(header);
    }

    /** Appends one line; each cell is a String, a Number (written plainly) or anything else via toString. */
    public Csv row(Object... cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(cell(cells[i]));
        }
        lines.add(b.toString());
        return this;
    }

    /** Rows after the header. */
    public int rows() {
        return lines.size() - 1;
    }

    public String text() {
        return String.join("\n", lines) + "\n";
    }

    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s;
        if (v instanceof Double d) {
            s = d.isNaN() || d.isInfinite() ? "" : plain(d);
        } else if (v instanceof Float f) {
            s = f.isNaN() || f.isInfinite() ? "" : plain(f.doubleValue());
        } else {
            s = String.valueOf(v);
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static String plain(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) d);
        }
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
