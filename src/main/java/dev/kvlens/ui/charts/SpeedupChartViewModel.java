package dev.kvlens.ui.charts;

import dev.kvlens.bench.DecodePoint;
import dev.kvlens.bench.PrefillPoint;
import dev.kvlens.bench.SweepSnapshot;
import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.Units;
import dev.kvlens.ui.common.Csv;
import dev.kvlens.ui.common.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Speed-up over MHA: measured MHA time ÷ variant time (fastest repeats: the estimate least disturbed by
 * other load on the machine) for decode (at the current T, or the largest context
 * measured for every variant) and for prefill, next to the ideal H / KV. Shows where sharing K/V pays off
 * (memory-bound decode of a large cache) and where it does not (prefill, tiny caches).
 */
public final class SpeedupChartViewModel extends ChartViewModel<BarModel> {

    public SpeedupChartViewModel(ChartInputs in) {
        super(in);
        refresh();
    }

    @Override
    public String id() {
        return "speedup";
    }

    @Override
    protected String titleKey() {
        return "charts.speedup.title";
    }

    /** Largest context at which MHA and every other variant were all measured, or -1. */
    static int referenceContext(SweepSnapshot s) {
        int best = -1;
        for (int t : s.plan().contexts()) {
            int ctx = t;
            boolean all = s.plan().kvHeads().stream().allMatch(kv -> s.decode(kv, ctx).isPresent());
            if (all) {
                best = t;
            }
        }
        return best;
    }

    @Override
    protected BarModel compute() {
        AttentionConfig c = in.config();
        SweepSnapshot s = in.matching();
        List<ChartInputs.VariantLine> vars = ChartInputs.variants(c);
        if (c.kvHeads() == c.heads()) {
            // MHA is the current variant: still show its bar (1×) first
            vars = new ArrayList<>(vars);
        }
        List<String> cats = new ArrayList<>();
        List<Double> ideal = new ArrayList<>();
        List<String> idealTips = new ArrayList<>();
        List<Double> dec = new ArrayList<>();
        List<String> decTips = new ArrayList<>();
        List<Double> pre = new ArrayList<>();
        List<String> preTips = new ArrayList<>();
        int ref = s == null ? -1 : referenceContext(s);
        Optional<DecodePoint> mhaDec = s == null || ref < 0 ? Optional.empty() : s.decode(c.heads(), ref);
        Optional<PrefillPoint> mhaPre = s == null ? Optional.empty() : s.prefill(c.heads());
        for (ChartInputs.VariantLine v : vars) {
            String label = c.withKvHeads(v.kvHeads()).variantLabel();
            cats.add(label);
            double id = (double) c.heads() / v.kvHeads();
            ideal.add(id);
            idealTips.add(Messages.get("charts.speedup.tip.ideal", label, c.heads(), v.kvHeads(), Scales.num(id)));
            Optional<DecodePoint> d = s == null || ref < 0 ? Optional.empty() : s.decode(v.kvHeads(), ref);
            if (d.isPresent() && mhaDec.isPresent()) {
                double r = mhaDec.get().seconds().min() / d.get().seconds().min();
                dec.add(r);
                decTips.add(Messages.get("charts.speedup.tip.decode", label, Scales.num(r), Units.count(ref),
                        Units.duration(mhaDec.get().seconds().min()), Units.duration(d.get().seconds().min()),
                        Scales.num(id)));
            } else {
                dec.add(Double.NaN);
                decTips.add("");
            }
            Optional<PrefillPoint> p = s == null ? Optional.empty() : s.prefill(v.kvHeads());
            if (p.isPresent() && mhaPre.isPresent()) {
                double r = mhaPre.get().seconds().min() / p.get().seconds().min();
                pre.add(r);
                preTips.add(Messages.get("charts.speedup.tip.prefill", label, Scales.num(r),
                        Units.count(p.get().tokens()), Units.duration(mhaPre.get().seconds().min()),
                        Units.duration(p.get().seconds().min())));
            } else {
                pre.add(Double.NaN);
                preTips.add("");
            }
        }
        return new BarModel(cats, Messages.get("charts.speedup.y"), List.of(
                new BarModel.Bars("ideal", Messages.get("charts.speedup.ideal"), "kv-ideal", ideal, idealTips),
                new BarModel.Bars("decode", Messages.get("charts.speedup.decode",
                        ref < 0 ? "—" : Units.count(ref)), "kv-decode", dec, decTips),
                new BarModel.Bars("prefill", Messages.get("charts.speedup.prefill",
                        s == null ? "—" : Units.count(s.plan().prefillTokens())), "kv-prefill", pre, preTips)));
    }

    @Override
    protected String computeNote() {
        AttentionConfig c = in.config();
        SweepSnapshot s = in.matching();
        if (s == null) {
            return Messages.get("charts.waiting");
        }
        int ref = referenceContext(s);
        if (ref < 0) {
            return Messages.get("charts.speedup.note.none");
        }
        String base = Messages.get("charts.speedup.note", Units.count(ref));
        if (ref < c.seqLen() && s.done()) {
            base += " " + Messages.get("charts.speedup.note.notT", Units.count(c.seqLen()), Units.count(ref));
        }
        return base;
    }

    @Override
    public String csv() {
        BarModel m = model();
        if (m == null || in.matching() == null) {
            return null;
        }
        Csv csv = new Csv("variant", "ideal_h_over_kv", "decode_speedup_measured", "prefill_speedup_measured");
        for (int i = 0; i < m.categories().size(); i++) {
            csv.row(m.categories().get(i), m.series("ideal").values().get(i), m.series("decode").values().get(i),
                    m.series("prefill").values().get(i));
        }
        return csv.text();
    }
}
