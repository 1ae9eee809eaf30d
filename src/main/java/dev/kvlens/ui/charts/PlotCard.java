package dev.kvlens.ui.charts;

import java.util.ArrayList;
import java.util.List;

/** A card around a {@link PlotView} that follows its ViewModel. */
class PlotCard extends ChartCard {

    protected final PlotView plot;

    PlotCard(ChartViewModel<PlotModel> vm) {
        this(vm, new PlotView());
    }

    private PlotCard(ChartViewModel<PlotModel> vm, PlotView plot) {
        super(vm, plot);
        this.plot = plot;
        plot.setId("plot-" + vm.id());
        trackMouse(plot, plot.xAxis());
        vm.modelProperty().addListener((o, a, m) -> show(m));
        show(vm.model());
    }

    private void show(PlotModel m) {
        if (m == null) {
            return;
        }
        plot.show(m);
        List<String[]> items = new ArrayList<>();
        for (PlotModel.Series s : m.series()) {
            items.add(new String[] {s.name(), s.style(), kindClass(s.kind())});
        }
        legend(items);
    }

    PlotView plot() {
        return plot;
    }
}
