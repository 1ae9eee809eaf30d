package dev.kvlens.ui.charts;

/** The speed-up chart: measured decode and prefill speed-up over MHA next to the ideal H / KV. */
public final class SpeedupChartView extends BarCard {

    public SpeedupChartView(SpeedupChartViewModel vm) {
        super(vm);
    }
}
