package dev.kvlens.ui.charts;

/** The decode-time chart: measured medians with min–max bands and the bandwidth-bound prediction. */
public final class DecodeChartView extends PlotCard {

    public DecodeChartView(DecodeChartViewModel vm) {
        super(vm);
    }
}
