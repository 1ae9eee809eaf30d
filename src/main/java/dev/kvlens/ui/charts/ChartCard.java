package dev.kvlens.ui.charts;

import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Styles;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One chart on a card: title, the chart, its legend, a hover readout (line charts), a note on what is
 * measured and what is formula-only, and the "measured on" footnote.
 */
abstract class ChartCard extends VBox {

    protected final Label title = new Label();
    protected final FlowPane legend = new FlowPane(14, 4);
    protected final Label readout = new Label(" ");
    protected final Label note = new Label();
    protected final Label footnote = new Label();
    private final ChartViewModel<?> vm;

    ChartCard(ChartViewModel<?> vm, Node chart) {
        this.vm = vm;
        setId("chart-" + vm.id());
        getStyleClass().addAll(Styles.CARD, "chart-card", "chart-" + vm.id());
        setSpacing(4);
        title.textProperty().bind(vm.titleProperty());
        title.getStyleClass().add("chart-title");
        legend.getStyleClass().add("kv-legend");
        readout.getStyleClass().addAll("chart-readout", Styles.FORMULA);
        readout.setId("readout-" + vm.id());
        note.textProperty().bind(vm.noteProperty());
        note.setWrapText(true);
        note.getStyleClass().addAll("chart-note", Styles.MUTED);
        note.setMinHeight(Region.USE_PREF_SIZE);
        footnote.textProperty().bind(Messages.bind(() -> Messages.get("charts.footnote",
                vm.inputs().machineProperty().get()), vm.inputs().machineProperty()));
        footnote.setWrapText(true);
        footnote.getStyleClass().addAll("chart-footnote", Styles.MUTED);
        VBox.setVgrow(chart, Priority.ALWAYS);
        if (chart instanceof Region r) {
            r.setMinHeight(180);
            r.setPrefHeight(215);
        }
        getChildren().addAll(title, chart, legend, readout, note, footnote);
    }

    ChartViewModel<?> viewModel() {
        return vm;
    }

    /** Shows what the ViewModel says at the x under the mouse. */
    protected void trackMouse(Node chart, NumberAxis x) {
        chart.setOnMouseMoved(e -> {
            Point2D p = x.sceneToLocal(e.getSceneX(), e.getSceneY());
            if (p == null || p.getX() < 0 || p.getX() > x.getWidth()) {
                return;
            }
            double v = x.getValueForDisplay(p.getX()).doubleValue();
            String text = vm.readoutAt(v);
            readout.setText(text.isEmpty() ? " " : text);
        });
        chart.setOnMouseExited(e -> readout.setText(" "));
    }

    /** Rebuilds the legend: one swatch per (name, style, kind). */
    protected void legend(List<String[]> items) {
        legend.getChildren().clear();
        Set<String> seen = new LinkedHashSet<>();
        for (String[] it : items) {
            if (!seen.add(it[0])) {
                continue;
            }
            Region sw = new Region();
            sw.getStyleClass().addAll("legend-swatch", it[1], it[2]);
            Label l = new Label(it[0]);
            HBox box = new HBox(5, sw, l);
            box.getStyleClass().add("legend-entry");
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            legend.getChildren().add(box);
        }
    }

    static String kindClass(PlotModel.Kind k) {
        return "kind-" + k.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
