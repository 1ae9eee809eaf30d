package dev.kvlens.ui.lab;

import dev.kvlens.lab.Experiments;
import dev.kvlens.lab.LabProbe;
import dev.kvlens.lab.Roofline;
import dev.kvlens.lab.Shape;
import dev.kvlens.lab.Timed;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.Csv;
import dev.kvlens.ui.common.Messages;
import java.util.List;

/** Roofline of this machine with measured decode and prefill points of MHA / current / MQA. */
public final class RooflineViewModel extends MeasuredViewModel {

    private final ConfigModel config;

    RooflineViewModel(ConfigModel config, LabRunner runner, LabProbe probe) {
        super(runner, probe);
        this.config = config;
        config.configProperty().addListener((o, a, b) -> inputsChanged());
        inputsChanged();
    }

    @Override
    protected List<Shape> makePlan() {
        return Experiments.rooflineShapes(config.get());
    }

    @Override
    protected long calibrationBytes(List<Shape> plan) {
        return Experiments.bandwidthProbeBytes(plan);
    }

    @Override
    protected String taskName() {
        return Messages.get("lab.task.roofline");
    }

    /** The roofline, once calibrated; null before. */
    public Roofline roofline() {
        LabProbe.Limits l = limitsProperty().get();
        return l == null ? null : l.roofline();
    }

    /** Achieved / attainable for a measured point, or NaN before calibration. */
    public double fractionOfRoof(Timed t) {
        Roofline r = roofline();
        return r == null ? Double.NaN : r.fractionOfRoof(t.shape().intensity(), t.gflops());
    }

    /** A point more than 15 % above its roof means the limits were measured while the machine was busy. */
    public static final double ABOVE_ROOF_TOLERANCE = 1.15;

    /** True when some measured point lies above the measured roof by more than the tolerance. */
    @Override
    public boolean calibrationSuspect() {
        for (Timed t : points()) {
            if (fractionOfRoof(t) > ABOVE_ROOF_TOLERANCE) {
                return true;
            }
        }
        return false;
    }

    /** Measured decode time of MHA divided by that of MQA (NaN until both are measured). */
    public double decodeSpeedupMqa() {
        List<Shape> p = planProperty().get();
        if (p.isEmpty()) {
            return Double.NaN;
        }
        long mha = Experiments.bestOf(points(), Shape.Mode.DECODE, p.get(0).heads());
        long mqa = Experiments.bestOf(points(), Shape.Mode.DECODE, 1);
        return mha > 0 && mqa > 0 && p.get(0).heads() > 1 ? mha / (double) mqa : Double.NaN;
    }

    public String csv() {
        if (points().isEmpty()) {
            return null;
        }
        LabProbe.Limits l = limitsProperty().get();
        Csv c = new Csv("mode", "variant", "batch", "heads", "kv_heads", "head_dim", "tokens", "flops", "kv_bytes",
                "intensity_flop_per_byte", "best_ns", "median_ns", "gflops", "roof_gflops", "fraction_of_roof",
                "limit_read_gbs", "limit_fma_gflops");
        for (Timed t : points()) {
            Shape s = t.shape();
            Roofline r = roofline();
            c.row(s.mode().name().toLowerCase(), s.variant(), s.batch(), s.heads(), s.kvHeads(), s.headDim(), s.seq(),
                    s.flops(), s.kvBytes(), s.intensity(), t.bestNs(), t.medianNs(), t.gflops(),
                    r == null ? "" : r.attainable(s.intensity()), r == null ? "" : fractionOfRoof(t),
                    l == null ? "" : l.readGBs(), l == null ? "" : l.fmaGflops());
        }
        return c.text();
    }
}
