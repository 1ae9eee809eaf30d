package dev.kvlens.ui.charts;

/** Prefill vs decode: time per prompt token of prefill next to one decode step, per variant. */
public final class PrefillDecodeChartView extends BarCard {

    public PrefillDecodeChartView(PrefillDecodeChartViewModel vm) {
        super(vm);
    }
}
