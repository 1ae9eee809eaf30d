package dev.kvlens.ui.charts;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * What an XY chart shows, computed by a ViewModel and drawn by {@link PlotView}; no nodes. Coordinates are
 * plot coordinates: already divided by the axis unit, or log2 of the value on a logarithmic axis.
 *
 * @param xLabel  x-axis title (with its unit)
 * @param yLabel  y-axis title (with its unit)
 * @param x       x-axis range and tick labels
 * @param y       y-axis range and tick labels
 * @param series  lines, measured points (with min–max bands), predictions, budget lines
 * @param markerX a vertical marker (the current T) in plot coordinates, or NaN
 * @param markerLabel its label
 */
public record PlotModel(String xLabel, String yLabel, Axis x, Axis y, List<Series> series, double markerX,
                        String markerLabel) {

    public PlotModel {
        series = List.copyOf(series);
    }

    /** How a series is drawn. */
    public enum Kind {
        /** A formula line, thin and solid, no symbols. */
        FORMULA,
        /** Measured medians with symbols and a min–max band. */
        MEASURED,
        /** A prediction (e.g. bandwidth bound), dashed. */
        PREDICTION,
        /** Formula-only points where nothing could be measured: hollow symbols. */
        FORMULA_ONLY,
        /** A horizontal budget line. */
        BUDGET
    }

    /**
     * An axis.
     *
     * @param log2   values are log2 of the quantity
     * @param min    lower bound (plot coordinates)
     * @param max    upper bound
     * @param tick   distance between ticks
     * @param format tick label for a plot coordinate
     */
    public record Axis(boolean log2, double min, double max, double tick, DoubleFunction<String> format) {
    }

    /** One point: plot coordinates, an optional band [lo, hi] (NaN if none) and the tooltip text. */
    public record Pt(double x, double y, double lo, double hi, String tip) {
        public static Pt of(double x, double y, String tip) {
            return new Pt(x, y, Double.NaN, Double.NaN, tip);
        }

        public boolean hasBand() {
            return !Double.isNaN(lo) && !Double.isNaN(hi);
        }
    }

    /**
     * A series.
     *
     * @param id     stable id ("mha", "current-measured", …), used for node ids and tests
     * @param name   legend text
     * @param style  colour class: "kv-mha", "kv-current", "kv-mqa" or "kv-budget"
     * @param kind   how it is drawn
     * @param points its points, in x order
     */
    public record Series(String id, String name, String style, Kind kind, List<Pt> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    public Series series(String id) {
        return series.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }
}
