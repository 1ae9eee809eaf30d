package dev.kvlens.ui.study;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a typed answer: "10 GiB", "10GiB", "10.7 GB", "10,737,418,240", "1.5e9 B", "320 KiB", "8x", "8×",
 * "32k" tokens. Binary units (KiB, MiB, GiB, TiB, and a bare K/M/G/T) are powers of 1024; decimal units
 * (KB, MB, GB, TB) are powers of 1000, as their standards define them.
 */
final class AnswerParser {

    private static final Pattern NUMBER = Pattern.compile(
            "^\\s*([0-9][0-9,_\\s]*(?:\\.[0-9]+)?|\\.[0-9]+)(?:[eE]([+-]?[0-9]{1,3}))?\\s*([^0-9\\s]*)\\s*$");

    private AnswerParser() {
    }

    /**
     * Every value the text may mean. A bare "k", "M", "G" or "T" is read both ways — binary (32k tokens = 32768,
     * 10G = 10 GiB) and decimal (8.7k tokens = 8700) — because people write both; explicit units (KiB, GB) and
     * plain numbers have one meaning. Empty if the text is not a number with a known unit.
     */
    static double[] candidates(String text, Question.Unit unit) {
        OptionalDouble v = parse(text, unit);
        if (v.isEmpty()) {
            return new double[0];
        }
        Matcher m = NUMBER.matcher(text.trim().replace('，', ',').replace('．', '.'));
        String suffix = m.matches() ? m.group(3).toLowerCase(Locale.ROOT) : "";
        int power = switch (suffix) {
            case "k" -> 1;
            case "m" -> 2;
            case "g" -> 3;
            case "t" -> 4;
            default -> 0;
        };
        if (power == 0 || unit == Question.Unit.RATIO) {
            return new double[] {v.getAsDouble()};
        }
        double decimal = v.getAsDouble() / Math.pow(1024, power) * Math.pow(1000, power);
        return new double[] {v.getAsDouble(), decimal};
    }

    /** The value in bytes, tokens or a plain ratio; empty if the text is not a number with a known unit. */
    static OptionalDouble parse(String text, Question.Unit unit) {
        if (text == null) {
            return OptionalDouble.empty();
        }
        String t = text.trim().replace('，', ',').replace('．', '.');
        Matcher m = NUMBER.matcher(t);
        if (!m.matches()) {
            return OptionalDouble.empty();
        }
        double v;
        try {
            v = Double.parseDouble(m.group(1).replaceAll("[,_\\s]", ""));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
        if (m.group(2) != null) {
            v *= Math.pow(10, Integer.parseInt(m.group(2)));
        }
        String suffix = m.group(3).toLowerCase(Locale.ROOT);
        double mult = switch (unit) {
            case BYTES -> bytesMultiplier(suffix);
            case TOKENS -> tokensMultiplier(suffix);
            case RATIO -> suffix.isEmpty() || suffix.equals("x") || suffix.equals("×") || suffix.equals("倍") ? 1 : -1;
            case CHOICE -> -1;
        };
        if (mult < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(v * mult);
    }

    private static double bytesMultiplier(String s) {
        return switch (s) {
            case "", "b", "byte", "bytes", "字节" -> 1;
            case "k", "kib" -> 1024.0;
            case "m", "mib" -> Math.pow(1024, 2);
            case "g", "gib" -> Math.pow(1024, 3);
            case "t", "tib" -> Math.pow(1024, 4);
            case "kb" -> 1e3;
            case "mb" -> 1e6;
            case "gb" -> 1e9;
            case "tb" -> 1e12;
            default -> -1;
        };
    }

    private static double tokensMultiplier(String s) {
        return switch (s) {
            case "", "tokens", "token", "个" -> 1;
            case "k" -> 1024.0;
            case "m" -> 1024.0 * 1024;
            default -> -1;
        };
    }

    /** True when {@code given} is within {@code tolerance} (relative) of {@code correct}. */
    static boolean close(double given, double correct, double tolerance) {
        if (correct == 0) {
            return Math.abs(given) < 1e-12;
        }
        return Math.abs(given - correct) <= tolerance * Math.abs(correct);
    }
}
