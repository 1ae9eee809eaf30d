package dev.kvlens.ui.charts;

import java.util.ArrayList;
import java.util.List;

/** A card around a {@link BarsView} that follows its ViewModel. */
class BarCard extends ChartCard {

    protected final BarsView bars;

    BarCard(ChartViewModel<BarModel> vm) {
        this(vm, new BarsView());
    }

    private BarCard(ChartViewModel<BarModel> vm, BarsView bars) {
        super(vm, bars);
        this.bars = bars;
        bars.setId("bars-" + vm.id());
        readout.setVisible(false);
        readout.setManaged(false);
        vm.modelProperty().addListener((o, a, m) -> show(m));
        show(vm.model());
    }

    private void show(BarModel m) {
        if (m == null) {
            return;
        }
        bars.show(m);
        List<String[]> items = new ArrayList<>();
        for (BarModel.Bars b : m.series()) {
            items.add(new String[] {b.name(), b.style(), "kind-bar"});
        }
        legend(items);
    }

    BarsView bars() {
        return bars;
    }
}
