package dev.kvlens.ui.charts;

import dev.kvlens.bench.DecodePoint;
import dev.kvlens.bench.MeasurementPlan;
import dev.kvlens.bench.SkippedPoint;
import dev.kvlens.bench.SweepSnapshot;
import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvCacheMath;
import dev.kvlens.model.KvDtype;
import dev.kvlens.model.Units;
import dev.kvlens.ui.common.Csv;
import dev.kvlens.ui.common.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Memory: KV cache of the whole model (L layers, the batch, the chosen dtype) against tokens per sequence.
 * Formula lines for MHA / current / MQA; measured points = bytes the kernel's real one-layer, one-sequence
 * fp32 cache allocated × L × batch (rescaled to the chosen dtype's width, and labelled so); the budget line
 * of a device shows how many tokens fit.
 */
public final class MemoryChartViewModel extends ChartViewModel<PlotModel> {

    private final javafx.beans.property.ReadOnlyStringWrapper fits = new javafx.beans.property.ReadOnlyStringWrapper("");

    public MemoryChartViewModel(ChartInputs in) {
        super(in);
        refresh();
    }

    @Override
    public String id() {
        return "memory";
    }

    @Override
    protected String titleKey() {
        return "charts.memory.title";
    }

    /** "In 24 GB: MHA 45,776 tokens · GQA-8 183,105 · MQA 1,464,843" (or "" without a device). */
    public javafx.beans.property.ReadOnlyStringProperty fitsProperty() {
        return fits.getReadOnlyProperty();
    }

    /** Whole-model bytes of {@code tokens} tokens for a KV-head count, the batch included. */
    static double modelBytes(AttentionConfig c, int kv, double tokens) {
        return (double) KvCacheMath.bytesPerToken(c.withKvHeads(kv)) * c.batch() * tokens;
    }

    /** Measured one-layer fp32 bytes → whole model in the chosen dtype: × L × B × bits/32. */
    static double scaleMeasured(AttentionConfig c, long allocatedPerLayerFp32) {
        return allocatedPerLayerFp32 * (double) c.layers() * c.batch() * c.dtype().bits() / 32.0;
    }

    private double xMax(AttentionConfig c) {
        double x = c.seqLen();
        Device d = in.deviceProperty().get();
        if (d != null && !d.isNone()) {
            long fit = KvCacheMath.tokensThatFit(c, d.bytes());
            x = Math.max(x, Math.min(fit * 1.15, AttentionConfig.MAX_SEQ));
        }
        return Math.max(2, x);
    }

    private double xMin(AttentionConfig c) {
        return Math.max(1, Math.min(64, c.seqLen() / 2.0));
    }

    @Override
    protected PlotModel compute() {
        AttentionConfig c = in.config();
        boolean log = in.logScaleProperty().get();
        SweepSnapshot s = in.matching();
        Device dev = in.deviceProperty().get();
        boolean budget = dev != null && !dev.isNone();
        List<ChartInputs.VariantLine> vars = ChartInputs.variants(c);
        double x0 = log ? xMin(c) : 0;
        double x1 = xMax(c);
        double yMaxRaw = modelBytes(c, c.heads(), x1);
        double yMinRaw = modelBytes(c, 1, x0 == 0 ? 1 : x0);
        if (budget) {
            yMaxRaw = Math.max(yMaxRaw, dev.bytes());
        }
        Scales.Unit unit = Scales.bytes(yMaxRaw);
        List<PlotModel.Series> series = new ArrayList<>();
        for (ChartInputs.VariantLine v : vars) {
            List<PlotModel.Pt> pts = new ArrayList<>();
            for (double t : new double[] {x0, c.seqLen(), x1}) {
                if (log && t < 1) {
                    continue;
                }
                double b = modelBytes(c, v.kvHeads(), t);
                pts.add(PlotModel.Pt.of(x(t, log), y(b, log, unit), Messages.get("charts.memory.tip.formula",
                        v.label(), Units.count(Math.round(t)), Units.bytes(b))));
            }
            pts.sort((a, b) -> Double.compare(a.x(), b.x()));
            series.add(new PlotModel.Series(v.id(), v.label(), v.style(), PlotModel.Kind.FORMULA, dedupe(pts)));
        }
        if (s != null) {
            for (ChartInputs.VariantLine v : vars) {
                List<PlotModel.Pt> pts = new ArrayList<>();
                for (DecodePoint p : s.decodeOf(v.kvHeads())) {
                    double model = scaleMeasured(c, p.allocatedBytes());
                    int cap = p.context() + 1;
                    pts.add(PlotModel.Pt.of(x(cap, log), y(model, log, unit), Messages.get("charts.memory.tip.measured",
                            v.label(), Units.count(cap), Units.bytes(p.allocatedBytes()), c.layers(), c.batch(),
                            c.dtype().id(), Units.bytes(model), Units.bytes(p.heapBeforeBytes()),
                            Units.bytes(p.heapAfterBytes()))));
                }
                if (!pts.isEmpty()) {
                    series.add(new PlotModel.Series(v.id() + "-measured", Messages.get("charts.measured", v.label()),
                            v.style(), PlotModel.Kind.MEASURED, pts));
                }
            }
        }
        if (budget) {
            String tip = Messages.get("charts.memory.tip.budget", dev.gigabytes(), Units.bytes(dev.bytes()));
            series.add(new PlotModel.Series("budget", Messages.get("charts.memory.budget", dev.gigabytes()),
                    "kv-budget", PlotModel.Kind.BUDGET, List.of(PlotModel.Pt.of(x(x0 == 0 ? 0 : x0, log),
                    y(dev.bytes(), log, unit), tip), PlotModel.Pt.of(x(x1, log), y(dev.bytes(), log, unit), tip))));
        }
        fits.set(budget ? fitsText(c, dev, vars) : "");
        PlotModel.Axis xa = log ? logAxis(x(x0, true), x(x1, true), v -> Scales.tokens(Math.pow(2, v)))
                : Scales.linear(x1, Scales::num);
        PlotModel.Axis ya;
        if (log) {
            ya = logAxis(Math.floor(Scales.log2(Math.max(1, yMinRaw))), Math.ceil(Scales.log2(yMaxRaw)),
                    v -> Units.bytes(Math.pow(2, v)));
        } else {
            ya = Scales.linear(unit.of(yMaxRaw) * 1.02, Scales::num);
        }
        String yLabel = log ? Messages.get("charts.memory.yLog", c.dtype().id())
                : Messages.get("charts.memory.y", unit.name(), c.dtype().id());
        return new PlotModel(Messages.get(log ? "charts.tokens.log" : "charts.tokens"), yLabel, xa, ya, series,
                x(c.seqLen(), log), "T = " + Units.count(c.seqLen()));
    }

    static PlotModel.Axis logAxis(double lo, double hi, java.util.function.DoubleFunction<String> fmt) {
        double l = Math.floor(lo);
        double h = Math.max(l + 1, Math.ceil(hi));
        double tick = Scales.log2Tick(h - l);
        l = Math.floor(l / tick) * tick;
        h = Math.ceil(h / tick) * tick;
        return new PlotModel.Axis(true, l, h, tick, fmt);
    }

    private static List<PlotModel.Pt> dedupe(List<PlotModel.Pt> pts) {
        List<PlotModel.Pt> r = new ArrayList<>();
        for (PlotModel.Pt p : pts) {
            if (r.isEmpty() || r.get(r.size() - 1).x() != p.x()) {
                r.add(p);
            }
        }
        return r;
    }

    private static double x(double tokens, boolean log) {
        return log ? Scales.log2(Math.max(1, tokens)) : tokens;
    }

    private static double y(double bytes, boolean log, Scales.Unit u) {
        return log ? Scales.log2(Math.max(1, bytes)) : u.of(bytes);
    }

    private String fitsText(AttentionConfig c, Device dev, List<ChartInputs.VariantLine> vars) {
        StringJoiner j = new StringJoiner(" · ");
        for (ChartInputs.VariantLine v : vars) {
            long fit = KvCacheMath.tokensThatFit(c.withKvHeads(v.kvHeads()), dev.bytes());
            j.add(Messages.get("charts.memory.fitsOne", c.withKvHeads(v.kvHeads()).variantLabel(), Units.count(fit)));
        }
        return Messages.get("charts.memory.fits", dev.gigabytes(), j.toString(), c.batch());
    }

    @Override
    protected String computeNote() {
        AttentionConfig c = in.config();
        SweepSnapshot s = in.matching();
        StringBuilder b = new StringBuilder(Messages.get("charts.memory.note", c.layers(), c.batch()));
        if (c.dtype() != KvDtype.FP32) {
            b.append(' ').append(Messages.get("charts.memory.note.scaled", c.dtype().id()));
        }
        appendSkipped(b, s);
        return b.toString();
    }

    /** "MHA above 8,192 tokens: not measured (over the 512 MiB measurement cap), formula only." */
    static void appendSkipped(StringBuilder b, SweepSnapshot s) {
        if (s == null) {
            return;
        }
        MeasurementPlan plan = s.plan();
        for (int kv : plan.kvHeads()) {
            List<SkippedPoint> sk = s.skippedDecodeOf(kv);
            if (sk.isEmpty()) {
                continue;
            }
            int from = sk.stream().mapToInt(SkippedPoint::context).min().orElse(0);
            boolean budget = sk.stream().anyMatch(p -> p.reason() == MeasurementPlan.SkipReason.OVER_BUDGET);
            b.append(' ').append(Messages.get(budget ? "charts.skipped.budget" : "charts.skipped.cap",
                    plan.label(kv), Units.count(from),
                    Units.bytes(budget ? plan.limits().memoryBudgetBytes() : plan.limits().cacheCapBytes())));
        }
    }

    @Override
    public String readoutAt(double xPlot) {
        AttentionConfig c = in.config();
        boolean log = in.logScaleProperty().get();
        double tokens = log ? Math.pow(2, xPlot) : xPlot;
        if (!(tokens >= 1)) {
            return "";
        }
        StringJoiner j = new StringJoiner(" · ");
        for (ChartInputs.VariantLine v : ChartInputs.variants(c)) {
            j.add(c.withKvHeads(v.kvHeads()).variantLabel() + " " + Units.bytes(modelBytes(c, v.kvHeads(),
                    Math.round(tokens))));
        }
        return Messages.get("charts.readout.tokens", Units.count(Math.round(tokens)), j.toString());
    }

    @Override
    public String csv() {
        AttentionConfig c = in.config();
        SweepSnapshot s = in.matching();
        Csv csv = new Csv("variant", "kv_heads", "tokens", "formula_bytes_model", "measured_alloc_bytes_layer_fp32",
                "measured_bytes_model", "heap_before_bytes", "heap_after_bytes", "layers", "batch", "dtype");
        for (ChartInputs.VariantLine v : ChartInputs.variants(c)) {
            String label = c.withKvHeads(v.kvHeads()).variantLabel();
            if (s != null) {
                for (DecodePoint p : s.decodeOf(v.kvHeads())) {
                    int cap = p.context() + 1;
                    csv.row(label, v.kvHeads(), cap, modelBytes(c, v.kvHeads(), cap), p.allocatedBytes(),
                            scaleMeasured(c, p.allocatedBytes()), p.heapBeforeBytes(), p.heapAfterBytes(),
                            c.layers(), c.batch(), c.dtype().id());
                }
            }
            csv.row(label, v.kvHeads(), c.seqLen(), modelBytes(c, v.kvHeads(), c.seqLen()), null, null, null, null,
                    c.layers(), c.batch(), c.dtype().id());
        }
        return csv.text();
    }
}
