package dev.kvlens.model;

import java.util.Locale;

/** Human-readable binary byte sizes and durations, the same in the CLI and the UI. */
public final class Units {

    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Units() {
    }

    /** 16384 → "16 KiB", 1610612736 → "1.5 GiB", 1000 → "1000 B". At most three significant decimals. */
    public static String bytes(double bytes) {
        double v = Math.abs(bytes);
        int u = 0;
        while (v >= 1024 && u < BYTE_UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        double signed = Math.copySign(v, bytes);
        return trim(signed, u == 0 ? 0 : (v >= 100 ? 1 : v >= 10 ? 2 : 3)) + " " + BYTE_UNITS[u];
    }

    /** Index into {"B","KiB",...} that suits the value; for chart axes. */
    public static int byteUnitIndex(double bytes) {
        int u = 0;
        double v = Math.abs(bytes);
        while (v >= 1024 && u < BYTE_UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return u;
    }

    public static String byteUnitName(int index) {
        return BYTE_UNITS[index];
    }

    /** Seconds → "850 ns", "12.3 µs", "4.56 ms", "1.23 s". */
    public static String duration(double seconds) {
        double a = Math.abs(seconds);
        if (a < 1e-6) {
            return trim(seconds * 1e9, 0) + " ns";
        }
        if (a < 1e-3) {
            return trim(seconds * 1e6, a < 1e-5 ? 2 : 1) + " µs";
        }
        if (a < 1) {
            return trim(seconds * 1e3, a < 1e-2 ? 2 : 1) + " ms";
        }
        return trim(seconds, 2) + " s";
    }

    /** 1234567 → "1,234,567". */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String trim(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /**
     * Parses a positive count as people type it: "4096", "4,096", "32k" (= 32768), "1M" (= 1048576).
     * Binary multipliers, because "32k context" means 32768 tokens.
     */
    public static long parseCount(String text) {
        String t = text == null ? "" : text.trim().replace(",", "").replace("_", "").replace(" ", "");
        if (t.isEmpty()) {
            throw new ConfigException("input.empty", "enter a whole number");
        }
        long mult = 1;
        char last = Character.toLowerCase(t.charAt(t.length() - 1));
        if (last == 'k') {
            mult = 1024;
        } else if (last == 'm') {
            mult = 1024 * 1024;
        }
        String digits = mult == 1 ? t : t.substring(0, t.length() - 1);
        try {
            long v = Long.parseLong(digits);
            return Math.multiplyExact(v, mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigException("input.notNumber", "'" + text + "' is not a whole number (try 4096 or 32k)",
                    text);
        }
    }
}
