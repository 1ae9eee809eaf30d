package dev.kvlens.ui.charts;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
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
        model = m;
        CategoryAxis x = (CategoryAxis) getXAxis();
        x.setCategories(FXCollections.observableArrayList(m.categories()));
        getYAxis().setLabel(m.yLabel());
        List<XYChart.Series<String, Number>> all = new ArrayList<>();
        List<Runnable> style = new ArrayList<>();
        for (BarModel.Bars b : m.series()) {
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            s.setName(b.name());
            for (int i = 0; i < m.categories().size(); i++) {
                double v = b.values().get(i);
                if (Double.isNaN(v)) {
                    continue;
                }
                XYChart.Data<String, Number> d = new XYChart.Data<>(m.categories().get(i), v);
                String text = b.tips().get(i);
                style.add(() -> {
                    if (d.getNode() != null) {
                        d.getNode().getStyleClass().addAll("kv-bar", b.style());
                        d.getNode().setUserData(text);
                        d.getNode().setOnMouseEntered(e -> tip.setText(text));
                        Tooltip.install(d.getNode(), tip);
                    }
                });
                s.getData().add(d);
            }
            all.add(s);
        }
        getData().setAll(all);
        style.forEach(Runnable::run);
    }
}
