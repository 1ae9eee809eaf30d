package dev.kvlens.ui.charts;

import dev.kvlens.bench.CalibrationResult;
import dev.kvlens.bench.DecodePoint;
import dev.kvlens.bench.MeasurementPlan;
import dev.kvlens.bench.SkippedPoint;
import dev.kvlens.bench.SweepSnapshot;
import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.Units;
import dev.kvlens.ui.common.Csv;
import dev.kvlens.ui.common.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Decode time: measured time of one decode step (one layer, one sequence) against the context length, for
 * MHA / current / MQA, median with a min–max band; optionally the bandwidth-bound prediction (K/V bytes
 * read ÷ the calibrated read bandwidth), which is also what points that could not be measured show.
 */
public final class DecodeChartViewModel extends ChartViewModel<PlotModel> {

    public DecodeChartViewModel(ChartInputs in) {
        super(in);
        refresh();
    }

    @Override
    public String id() {
        return "decode";
    }

    @Override
    protected String titleKey() {
        return "charts.decode.title";
    }

    /** fp32 K/V bytes one decode step reads at {@code context} (+ the new token), one layer, one sequence. */
    static double bytesRead(AttentionConfig c, int kv, int context) {
        return 2.0 * kv * (context + 1) * c.headDim() * Float.BYTES;
    }

    @Override
    protected PlotModel compute() {
        AttentionConfig c = in.config();
        boolean log = in.logScaleProperty().get();
        SweepSnapshot s = in.matching();
        MeasurementPlan plan = s != null ? s.plan() : in.plan();
        CalibrationResult cal = in.calibrationProperty().get();
        boolean bound = cal != null && in.showBoundProperty().get();
        List<ChartInputs.VariantLine> vars = ChartInputs.variants(c);

        double maxSec = 1e-6;
        if (s != null) {
            for (DecodePoint p : s.decode()) {
                maxSec = Math.max(maxSec, p.seconds().max());
            }
        }
        if (cal != null) {
            for (ChartInputs.VariantLine v : vars) {
                if (bound || s != null && !s.skippedDecodeOf(v.kvHeads()).isEmpty()) {
                    maxSec = Math.max(maxSec, cal.bandwidthBoundSeconds(bytesRead(c, v.kvHeads(), plan.maxContext())));
                }
            }
        }
        Scales.Unit unit = Scales.seconds(maxSec);
        List<PlotModel.Series> series = new ArrayList<>();
        double minSec = maxSec;
        for (ChartInputs.VariantLine v : vars) {
            String label = c.withKvHeads(v.kvHeads()).variantLabel();
            if (s != null) {
                List<PlotModel.Pt> pts = new ArrayList<>();
                for (DecodePoint p : sorted(s.decodeOf(v.kvHeads()))) {
                    var st = p.seconds();
                    minSec = Math.min(minSec, st.min());
                    pts.add(new PlotModel.Pt(x(p.context(), log), y(st.median(), log, unit), y(st.min(), log, unit),
                            y(st.max(), log, unit), Messages.get("charts.decode.tip", label,
                            Units.count(p.context()), Units.duration(st.median()), Units.duration(st.min()),
                            Units.duration(st.max()), st.n(), c.layers(),
                            Units.duration(st.median() * c.layers()))));
                }
                if (!pts.isEmpty()) {
                    series.add(new PlotModel.Series(v.id() + "-measured", v.label(), v.style(),
                            PlotModel.Kind.MEASURED, pts));
                }
                if (cal != null) {
                    List<PlotModel.Pt> only = new ArrayList<>();
                    for (SkippedPoint sk : s.skippedDecodeOf(v.kvHeads())) {
                        double sec = cal.bandwidthBoundSeconds(bytesRead(c, v.kvHeads(), sk.context()));
                        only.add(PlotModel.Pt.of(x(sk.context(), log), y(sec, log, unit),
                                Messages.get("charts.decode.tip.formulaOnly", label, Units.count(sk.context()),
                                        Units.bytes(sk.needBytes()), Units.duration(sec))));
                    }
                    if (!only.isEmpty()) {
                        series.add(new PlotModel.Series(v.id() + "-formula-only",
                                Messages.get("charts.formulaOnly", label), v.style(), PlotModel.Kind.FORMULA_ONLY,
                                only));
                    }
                }
            }
            if (bound) {
                List<PlotModel.Pt> pts = new ArrayList<>();
                for (int t : plan.contexts()) {
                    double sec = cal.bandwidthBoundSeconds(bytesRead(c, v.kvHeads(), t));
                    minSec = Math.min(minSec, sec);
                    pts.add(PlotModel.Pt.of(x(t, log), y(sec, log, unit), Messages.get("charts.decode.tip.bound",
                            label, Units.count(t), Units.bytes(bytesRead(c, v.kvHeads(), t)),
                            Scales.num(cal.readGBs()), Units.duration(sec))));
                }
                series.add(new PlotModel.Series(v.id() + "-bound", Messages.get("charts.bound", label), v.style(),
                        PlotModel.Kind.PREDICTION, pts));
            }
        }
        double xmax = plan.maxContext();
        PlotModel.Axis xa = log
                ? MemoryChartViewModel.logAxis(Scales.log2(plan.contexts().get(0)), Scales.log2(xmax), v -> Scales.tokens(Math.pow(2, v)))
                : Scales.linear(xmax, Scales::num);
        PlotModel.Axis ya;
        if (log) {
            double lo = Math.floor(Scales.log2(unit.of(Math.max(minSec, maxSec / 1e4))));
            ya = MemoryChartViewModel.logAxis(lo, Scales.log2(unit.of(maxSec)) + 0.1,
                    v -> Scales.num(Math.pow(2, v)) + " " + unit.name());
        } else {
            ya = Scales.linear(unit.of(maxSec) * 1.04, Scales::num);
        }
        return new PlotModel(Messages.get(log ? "charts.context.log" : "charts.context"),
                Messages.get(log ? "charts.decode.yLog" : "charts.decode.y", unit.name()), xa, ya, series,
                Double.NaN, "");
    }

    private static List<DecodePoint> sorted(List<DecodePoint> l) {
        List<DecodePoint> r = new ArrayList<>(l);
        r.sort((a, b) -> Integer.compare(a.context(), b.context()));
        return r;
    }

    private static double x(double t, boolean log) {
        return log ? Scales.log2(Math.max(1, t)) : t;
    }

    private static double y(double sec, boolean log, Scales.Unit u) {
        return log ? Scales.log2(Math.max(1e-12, u.of(sec))) : u.of(sec);
    }

    @Override
    protected String computeNote() {
        AttentionConfig c = in.config();
        SweepSnapshot s = in.matching();
        CalibrationResult cal = in.calibrationProperty().get();
        StringBuilder b = new StringBuilder(Messages.get("charts.decode.note", c.layers()));
        if (cal != null && in.showBoundProperty().get()) {
            b.append(' ').append(Messages.get("charts.decode.note.bound", Scales.num(cal.readGBs())));
        } else if (cal == null) {
            b.append(' ').append(Messages.get("charts.decode.note.noCalibration"));
        }
        MemoryChartViewModel.appendSkipped(b, s);
        return b.toString();
    }

    @Override
    public String readoutAt(double xPlot) {
        SweepSnapshot s = in.matching();
        if (s == null) {
            return "";
        }
        boolean log = in.logScaleProperty().get();
        double t = log ? Math.pow(2, xPlot) : xPlot;
        int best = -1;
        for (int ctx : s.plan().contexts()) {
            if (best < 0 || Math.abs(ctx - t) < Math.abs(best - t)) {
                best = ctx;
            }
        }
        StringJoiner j = new StringJoiner(" · ");
        for (int kv : s.plan().kvHeads()) {
            int ctx = best;
            s.decode(kv, ctx).ifPresent(p -> j.add(s.plan().label(kv) + " " + Units.duration(p.seconds().median())));
        }
        return j.length() == 0 ? "" : Messages.get("charts.readout.context", Units.count(best), j.toString());
    }

    @Override
    public String csv() {
        SweepSnapshot s = in.matching();
        if (s == null || s.decode().isEmpty()) {
            return null;
        }
        CalibrationResult cal = in.calibrationProperty().get();
        AttentionConfig c = in.config();
        Csv csv = new Csv("variant", "kv_heads", "heads", "head_dim", "context_tokens", "min_s", "median_s", "max_s",
                "repeats", "kv_bytes_read_fp32", "bandwidth_bound_s");
        for (DecodePoint p : s.decode()) {
            double read = bytesRead(c, p.kvHeads(), p.context());
            csv.row(s.plan().label(p.kvHeads()), p.kvHeads(), c.heads(), c.headDim(), p.context(), p.seconds().min(),
                    p.seconds().median(), p.seconds().max(), p.seconds().n(), read,
                    cal == null ? null : cal.bandwidthBoundSeconds(read));
        }
        return csv.text();
    }
}
