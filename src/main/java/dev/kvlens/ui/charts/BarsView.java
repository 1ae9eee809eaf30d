package dev.kvlens.ui.charts;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;

/** Draws a {@link BarModel}: grouped bars with colour classes from CSS and a tooltip per bar. */
final class BarsView extends BarChart<String, Number> {

    private BarModel model;
    private final Tooltip tip = PlotView.tooltip();

    BarsView() {
        super(new CategoryAxis(), new NumberAxis());
        setAnimated(false);
        setLegendVisible(false);
        setCategoryGap(26);
        setBarGap(3);
        getXAxis().setAutoRanging(false);
        ((NumberAxis) getYAxis()).setForceZeroInRange(true);
        getStyleClass().add("kv-bars");
    }

    BarModel model() {
        return model;
    }

    void show(BarModel m) {
        BarModel old = model;
        model = m;
        getYAxis().setLabel(m.yLabel());
        if (old != null && old.categories().size() == m.categories().size() && sameSeries(old, m)
                && getData().size() == m.series().size()) {
            if (!old.categories().equals(m.categories())) {
                // renamed categories ("GQA-8" → "GQA-4"): move the existing bars instead of rebuilding the
                // chart, which cost up to 25 ms of FX-thread time per KV change
                ((CategoryAxis) getXAxis()).setCategories(FXCollections.observableArrayList(m.categories()));
                for (XYChart.Series<String, Number> s : getData()) {
                    for (XYChart.Data<String, Number> d : s.getData()) {
                        int at = old.categories().indexOf(d.getXValue());
                        if (at >= 0) {
                            d.setXValue(m.categories().get(at));
                        }
                    }
                }
            }
            for (int i = 0; i < m.series().size(); i++) {
                update(getData().get(i), m.series().get(i), m.categories());
            }
            return;
        }
        CategoryAxis x = (CategoryAxis) getXAxis();
        x.setCategories(FXCollections.observableArrayList(m.categories()));
        List<XYChart.Series<String, Number>> all = new ArrayList<>();
        for (BarModel.Bars b : m.series()) {
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            s.setName(b.name());
            for (int i = 0; i < m.categories().size(); i++) {
                double v = b.values().get(i);
                if (!Double.isNaN(v)) {
                    s.getData().add(bar(m.categories().get(i), v, b.tips().get(i)));
                }
            }
            all.add(s);
        }
        getData().setAll(all);
        for (int i = 0; i < all.size(); i++) {
            style(all.get(i), m.series().get(i));
        }
    }

    private static boolean sameSeries(BarModel a, BarModel b) {
        if (a.series().size() != b.series().size()) {
            return false;
        }
        for (int i = 0; i < a.series().size(); i++) {
            if (!a.series().get(i).id().equals(b.series().get(i).id())) {
                return false;
            }
        }
        return true;
    }

    /** Changes bar heights in place; adds bars that got a value, removes those that lost it. */
    private void update(XYChart.Series<String, Number> s, BarModel.Bars b, List<String> cats) {
        if (!b.name().equals(s.getName())) {
            s.setName(b.name());
        }
        for (int i = 0; i < cats.size(); i++) {
            String cat = cats.get(i);
            double v = b.values().get(i);
            XYChart.Data<String, Number> d = s.getData().stream().filter(x -> x.getXValue().equals(cat)).findFirst()
                    .orElse(null);
            if (Double.isNaN(v)) {
                if (d != null) {
                    s.getData().remove(d);
                }
            } else if (d == null) {
                s.getData().add(bar(cat, v, b.tips().get(i)));
            } else {
                d.setYValue(v);
                d.setExtraValue(b.tips().get(i));
                if (d.getNode() != null) {
                    d.getNode().setUserData(b.tips().get(i));
                }
            }
        }
        style(s, b);
    }

    private XYChart.Data<String, Number> bar(String cat, double v, String text) {
        XYChart.Data<String, Number> d = new XYChart.Data<>(cat, v);
        d.setExtraValue(text);
        return d;
    }

    /** Colour class and tooltip on every bar node (the chart resets a bar's classes when it creates it). */
    private void style(XYChart.Series<String, Number> s, BarModel.Bars b) {
        for (XYChart.Data<String, Number> d : s.getData()) {
            Node n = d.getNode();
            if (n == null) {
                continue;
            }
            n.setUserData(d.getExtraValue());
            if (!n.getStyleClass().contains(b.style())) {
                n.getStyleClass().addAll("kv-bar", b.style());
                n.setOnMouseEntered(e -> tip.setText(String.valueOf(n.getUserData())));
                Tooltip.install(n, tip);
            }
        }
    }
}
