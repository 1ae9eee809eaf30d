package dev.kvlens.ui.charts;

import dev.kvlens.model.Units;
import java.util.Locale;

/** Units that switch with the magnitude (B/KiB/MiB/GiB; µs/ms/s) and log2 axes. */
final class Scales {

    private Scales() {
    }

    /** A unit: name and how many base units one of it is. */
    record Unit(String name, double size) {
        double of(double v) {
            return v / size;
        }
    }

    static Unit bytes(double max) {
        int i = Units.byteUnitIndex(Math.max(1, max));
        return new Unit(Units.byteUnitName(i), Math.pow(1024, i));
    }

    static Unit seconds(double max) {
        if (max < 1e-3) {
            return new Unit("µs", 1e-6);
        }
        if (max < 1) {
            return new Unit("ms", 1e-3);
        }
        return new Unit("s", 1);
    }

    static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    /** Tick step in log2 units for a range: 1, 2, 5 or 10 doublings, so there are at most ~8 ticks. */
    static double log2Tick(double span) {
        for (double t : new double[] {1, 2, 5, 10}) {
            if (span / t <= 8) {
                return t;
            }
        }
        return Math.ceil(span / 8);
    }

    /** A linear tick step of 1, 2 or 5 × 10^k giving about 5 ticks. */
    static double niceTick(double span) {
        if (!(span > 0)) {
            return 1;
        }
        double raw = span / 5;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    /** A linear axis from 0 to {@code max} rounded up to a whole tick. */
    static PlotModel.Axis linear(double max, java.util.function.DoubleFunction<String> fmt) {
        double m = max > 0 ? max : 1;
        double tick = niceTick(m);
        return new PlotModel.Axis(false, 0, Math.ceil(m / tick - 1e-9) * tick, tick, fmt);
    }

    /** "4,096", "1.5" — at most 3 decimals, no trailing zeros. */
    static String num(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9 * Math.max(1, Math.abs(v))) {
            return String.format(Locale.ROOT, "%,d", (long) Math.rint(v));
        }
        double a = Math.abs(v);
        String s = String.format(Locale.ROOT, a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : "%.3f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** Tokens: "4,096", "128k" on log axes (binary k as in "32k context"). */
    static String tokens(double v) {
        long n = Math.round(v);
        if (n >= 1 << 20 && n % (1 << 20) == 0) {
            return (n >> 20) + "M";
        }
        if (n >= 1024 && n % 1024 == 0) {
            return (n >> 10) + "k";
        }
        return Units.count(n);
    }
}
