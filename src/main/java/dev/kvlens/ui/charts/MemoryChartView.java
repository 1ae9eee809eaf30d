package dev.kvlens.ui.charts;

import javafx.scene.control.Label;

/** The memory chart: formula lines, measured allocations, the device budget line and "tokens that fit". */
public final class MemoryChartView extends PlotCard {

    private final Label fits = new Label();

    public MemoryChartView(MemoryChartViewModel vm) {
        super(vm);
        fits.setId("memory-fits");
        fits.textProperty().bind(vm.fitsProperty());
        fits.setWrapText(true);
        fits.getStyleClass().add("chart-fits");
        fits.visibleProperty().bind(vm.fitsProperty().isNotEmpty());
        fits.managedProperty().bind(fits.visibleProperty());
        getChildren().add(getChildren().indexOf(readout), fits);
    }
}
