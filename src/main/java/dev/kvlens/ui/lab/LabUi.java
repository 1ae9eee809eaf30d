package dev.kvlens.ui.lab;

import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Styles;
import java.util.Locale;
import java.util.function.DoubleFunction;
import javafx.beans.binding.StringBinding;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Small builders shared by the Lab's sections (one look for titles, notes, cards and log axes). */
final class LabUi {

    private LabUi() {
    }

    static Label title(String key) {
        Label l = new Label();
        l.textProperty().bind(Messages.bind(key));
        l.getStyleClass().add(Styles.SECTION_TITLE);
        l.setWrapText(true);
        return l;
    }

    static Label text(String key) {
        Label l = new Label();
        l.textProperty().bind(Messages.bind(key));
        l.setWrapText(true);
        return l;
    }

    static Label text(StringBinding b) {
        Label l = new Label();
        l.textProperty().bind(b);
        l.setWrapText(true);
        return l;
    }

    /** A table cell that never shrinks below its text (no "16..." truncation). */
    static Label cell(String text) {
        Label l = new Label(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    /** A bold column header that never shrinks below its text. */
    static Label header(String key) {
        Label l = cell(Messages.get(key));
        l.getStyleClass().add("column-header");
        return l;
    }

    /** A muted, wrapped note: the honesty paragraph each section carries. */
    static Label note(String key) {
        Label l = text(key);
        l.getStyleClass().addAll(Styles.CARD, "lab-note");
        return l;
    }

    static Label error(ObservableValue<String> text) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.getStyleClass().add(Styles.ERROR_TEXT);
        l.setWrapText(true);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** A scrolling page column. */
    static ScrollPane page(Node... children) {
        VBox box = new VBox(12, children);
        box.setPadding(new Insets(16));
        box.getStyleClass().add("lab-section");
        ScrollPane sp = new ScrollPane(box);
        sp.setFitToWidth(true);
        sp.getStyleClass().add(Styles.PAGE);
        return sp;
    }

    /** A numeric axis over log10 of the value: ticks at whole decades, labelled with the value itself. */
    static NumberAxis log10Axis(double lowExp, double highExp) {
        NumberAxis a = new NumberAxis(lowExp, highExp, 1);
        a.setAutoRanging(false);
        a.setMinorTickVisible(false);
        a.setTickLabelFormatter(converter(v -> whole(v) ? plain(Math.pow(10, v)) : ""));
        return a;
    }

    /** A numeric axis over log2 of the value, ticks at powers of two. */
    static NumberAxis log2Axis(double lowExp, double highExp) {
        NumberAxis a = new NumberAxis(lowExp, highExp, 1);
        a.setAutoRanging(false);
        a.setMinorTickVisible(false);
        a.setTickLabelFormatter(converter(v -> whole(v) ? plain(Math.pow(2, v)) : ""));
        return a;
    }

    /** Only whole exponents get a label (the axis also ticks its upper bound, e.g. 2^6.7). */
    private static boolean whole(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-6;
    }

    static StringConverter<Number> converter(DoubleFunction<String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return n == null ? "" : f.apply(n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        };
    }

    /** 0.01, 0.1, 1, 10, 1000, 10k … without scientific notation. */
    static String plain(double v) {
        if (v >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", v / 1000);
        }
        if (v >= 1) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%s", Double.toString(Math.round(v * 1e6) / 1e6));
    }

    /** "12.3×" with two significant-ish digits; "–" for NaN. */
    static String ratio(double r) {
        if (Double.isNaN(r) || Double.isInfinite(r)) {
            return "–";
        }
        return r >= 10 ? String.format(Locale.ROOT, "%.1f×", r) : String.format(Locale.ROOT, "%.2f×", r);
    }

    static String number(double v, int digits) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    static String percent(double f) {
        if (Double.isNaN(f)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.0f%%", f * 100);
    }
}
