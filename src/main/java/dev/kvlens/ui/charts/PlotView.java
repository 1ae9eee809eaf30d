package dev.kvlens.ui.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Line;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.text.Text;
import javafx.util.Duration;
import javafx.util.StringConverter;

/**
 * Draws a {@link PlotModel}: a line chart (not animated, manual axis bounds) with per-series colour classes,
 * symbols with tooltips for measured points, min–max bands drawn as filled paths behind the lines, and a
 * vertical marker. All colours come from CSS.
 */
final class PlotView extends LineChart<Number, Number> {

    private final NumberAxis xa;
    private final NumberAxis ya;
    private final List<Band> bands = new ArrayList<>();
    private final Line marker = new Line();
    private final Text markerText = new Text();
    private PlotModel model;
    /** One tooltip for every symbol of this chart (text set on hover): creating one per symbol is slow. */
    private final Tooltip tip = tooltip();

    private record Band(Path path, List<PlotModel.Pt> pts) {
    }

    PlotView() {
        super(new NumberAxis(), new NumberAxis());
        xa = (NumberAxis) getXAxis();
        ya = (NumberAxis) getYAxis();
        setAnimated(false);
        setCreateSymbols(false);
        setLegendVisible(false);
        setHorizontalZeroLineVisible(false); // on a log axis "0" is 1 unit, not zero
        setVerticalZeroLineVisible(false);
        xa.setAutoRanging(false);
        ya.setAutoRanging(false);
        xa.setMinorTickVisible(false);
        ya.setMinorTickVisible(false);
        marker.getStyleClass().add("kv-marker");
        markerText.getStyleClass().add("kv-marker-text");
        marker.setManaged(false);
        markerText.setManaged(false);
        getStyleClass().add("kv-plot");
    }

    PlotModel model() {
        return model;
    }

    NumberAxis xAxis() {
        return xa;
    }

    void show(PlotModel m) {
        PlotModel old = model;
        model = m;
        axis(xa, m.x(), m.xLabel());
        axis(ya, m.y(), m.yLabel());
        if (old != null && sameSeries(old, m) && getData().size() == m.series().size()) {
            for (int i = 0; i < m.series().size(); i++) {
                update(getData().get(i), m.series().get(i));
            }
        } else {
            rebuild(m);
        }
        for (Band b : bands) {
            getPlotChildren().remove(b.path());
        }
        bands.clear();
        for (PlotModel.Series s : m.series()) {
            if (s.kind() == PlotModel.Kind.MEASURED && s.points().stream().anyMatch(PlotModel.Pt::hasBand)) {
                Path p = new Path();
                p.getStyleClass().addAll("kv-band", s.style());
                p.setManaged(false);
                p.setMouseTransparent(true);
                bands.add(new Band(p, s.points()));
                getPlotChildren().add(0, p);
            }
        }
        if (!getPlotChildren().contains(marker)) {
            getPlotChildren().addAll(marker, markerText);
        }
        markerText.setText(m.markerLabel());
        requestChartLayout();
    }

    /**
     * Same series ids and kinds in the same order: the chart's series can be updated in place (a new name, e.g.
     * "GQA-4" after "GQA-8" for the current-variant series, is set on the existing series; rebuilding them cost
     * 25–30 ms of FX-thread time per KV change).
     */
    private static boolean sameSeries(PlotModel a, PlotModel b) {
        if (a.series().size() != b.series().size()) {
            return false;
        }
        for (int i = 0; i < a.series().size(); i++) {
            PlotModel.Series x = a.series().get(i);
            PlotModel.Series y = b.series().get(i);
            if (!x.id().equals(y.id()) || x.kind() != y.kind()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Moves the existing points of a series and appends new ones (a sweep adds points in x order), so a
     * partial result creates only the nodes of its new points; anything else replaces the series' data.
     */
    private void update(XYChart.Series<Number, Number> xs, PlotModel.Series s) {
        if (!s.name().equals(xs.getName())) {
            xs.setName(s.name());
        }
        javafx.collections.ObservableList<XYChart.Data<Number, Number>> data = xs.getData();
        int n = data.size();
        boolean prefix = n <= s.points().size();
        if (prefix) {
            for (int i = 0; i < n; i++) {
                XYChart.Data<Number, Number> d = data.get(i);
                PlotModel.Pt p = s.points().get(i);
                if (d.getXValue().doubleValue() != p.x() || (d.getNode() != null) != hasSymbol(s)) {
                    prefix = false;
                    break;
                }
            }
        }
        if (!prefix) {
            data.setAll(points(s));
            styleSymbols(xs, s);
            return;
        }
        for (int i = 0; i < n; i++) {
            XYChart.Data<Number, Number> d = data.get(i);
            PlotModel.Pt p = s.points().get(i);
            d.setYValue(p.y());
            if (d.getNode() != null) {
                d.getNode().setUserData(p.tip());
            }
        }
        if (s.points().size() > n) {
            data.addAll(points(s).subList(n, s.points().size()));
            styleSymbols(xs, s);
        }
    }

    private static boolean hasSymbol(PlotModel.Series s) {
        return s.kind() == PlotModel.Kind.MEASURED || s.kind() == PlotModel.Kind.FORMULA_ONLY;
    }

    private List<XYChart.Data<Number, Number>> points(PlotModel.Series s) {
        List<XYChart.Data<Number, Number>> r = new ArrayList<>();
        for (PlotModel.Pt p : s.points()) {
            XYChart.Data<Number, Number> d = new XYChart.Data<>(p.x(), p.y());
            if (hasSymbol(s)) {
                d.setNode(symbol(s, p));
            }
            r.add(d);
        }
        return r;
    }

    private void rebuild(PlotModel m) {
        List<XYChart.Series<Number, Number>> all = new ArrayList<>();
        for (PlotModel.Series s : m.series()) {
            XYChart.Series<Number, Number> xs = new XYChart.Series<>();
            xs.setName(s.name());
            xs.getData().setAll(points(s));
            all.add(xs);
        }
        getData().setAll(all);
        for (int i = 0; i < all.size(); i++) {
            Node line = all.get(i).getNode();
            PlotModel.Series s = m.series().get(i);
            styleSymbols(all.get(i), s);
            if (line != null) {
                line.getStyleClass().addAll("kv-line", s.style(), kindClass(s.kind()));
                line.setId("series-" + s.id());
            }
        }
    }

    /** The chart resets a symbol's classes when it adds it; ours go on top. */
    private static void styleSymbols(XYChart.Series<Number, Number> xs, PlotModel.Series s) {
        for (XYChart.Data<Number, Number> d : xs.getData()) {
            if (d.getNode() != null && !d.getNode().getStyleClass().contains(s.style())) {
                d.getNode().getStyleClass().addAll("kv-symbol", s.style(), kindClass(s.kind()));
            }
        }
    }

    private static String kindClass(PlotModel.Kind k) {
        return "kind-" + k.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private Node symbol(PlotModel.Series s, PlotModel.Pt p) {
        StackPane n = new StackPane();
        n.getStyleClass().addAll("kv-symbol", s.style(), kindClass(s.kind()));
        n.setUserData(p.tip());
        n.setOnMouseEntered(e -> tip.setText(String.valueOf(n.getUserData())));
        Tooltip.install(n, tip);
        return n;
    }

    static Tooltip tooltip() {
        Tooltip t = new Tooltip();
        t.setShowDelay(Duration.millis(80));
        t.setShowDuration(Duration.seconds(30));
        t.setWrapText(true);
        t.setMaxWidth(460);
        return t;
    }

    private static void axis(NumberAxis a, PlotModel.Axis m, String label) {
        a.setLabel(label);
        a.setLowerBound(m.min());
        a.setUpperBound(m.max());
        a.setTickUnit(m.tick() > 0 ? m.tick() : 1);
        a.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return m.format().apply(n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        for (Band b : bands) {
            b.path().getElements().clear();
            List<PlotModel.Pt> pts = b.pts().stream().filter(PlotModel.Pt::hasBand).toList();
            if (pts.size() == 1) {
                PlotModel.Pt p = pts.get(0);
                double x = xa.getDisplayPosition(p.x());
                b.path().getElements().addAll(new MoveTo(x - 3, ya.getDisplayPosition(p.lo())),
                        new LineTo(x + 3, ya.getDisplayPosition(p.lo())), new LineTo(x + 3, ya.getDisplayPosition(p.hi())),
                        new LineTo(x - 3, ya.getDisplayPosition(p.hi())));
                continue;
            }
            for (int i = 0; i < pts.size(); i++) {
                PlotModel.Pt p = pts.get(i);
                double x = xa.getDisplayPosition(p.x());
                double y = ya.getDisplayPosition(p.hi());
                b.path().getElements().add(i == 0 ? new MoveTo(x, y) : new LineTo(x, y));
            }
            for (int i = pts.size() - 1; i >= 0; i--) {
                PlotModel.Pt p = pts.get(i);
                b.path().getElements().add(new LineTo(xa.getDisplayPosition(p.x()), ya.getDisplayPosition(p.lo())));
            }
        }
        boolean show = model != null && !Double.isNaN(model.markerX()) && model.markerX() >= xa.getLowerBound()
                && model.markerX() <= xa.getUpperBound();
        marker.setVisible(show);
        markerText.setVisible(show);
        if (show) {
            double x = xa.getDisplayPosition(model.markerX());
            marker.setStartX(x);
            marker.setEndX(x);
            marker.setStartY(0);
            marker.setEndY(ya.getHeight());
            markerText.setX(x + 4);
            markerText.setY(14);
        }
    }

    /** Symbols of a series (for tests): their tooltip texts. */
    List<String> tips(String seriesId) {
        List<String> r = new ArrayList<>();
        if (model == null) {
            return r;
        }
        for (int i = 0; i < model.series().size(); i++) {
            if (model.series().get(i).id().equals(seriesId)) {
                for (XYChart.Data<Number, Number> d : getData().get(i).getData()) {
                    if (d.getNode() instanceof Region n && n.getUserData() instanceof String t) {
                        r.add(t);
                    }
                }
            }
        }
        return r;
    }
}
