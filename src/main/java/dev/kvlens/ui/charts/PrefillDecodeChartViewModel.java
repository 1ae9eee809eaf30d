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
 * Prefill vs decode for the same shape: time per token of a causal prefill of P prompt tokens, next to the
 * time of one decode step at context P, for MHA / current / MQA. Prefill (compute-bound) stays about the
 * same; decode (memory-bound) drops with the K/V bytes it reads.
 */
public final class PrefillDecodeChartViewModel extends ChartViewModel<BarModel> {

    public PrefillDecodeChartViewModel(ChartInputs in) {
        super(in);
        refresh();
    }

    @Override
    public String id() {
        return "prefill-decode";
    }

    @Override
    protected String titleKey() {
        return "charts.prefill.title";
    }

    @Override
    protected BarModel compute() {
        AttentionConfig c = in.config();
        SweepSnapshot s = in.matching();
        List<ChartInputs.VariantLine> vars = ChartInputs.variants(c);
        double max = 1e-6;
        if (s != null) {
            int p = s.plan().prefillTokens();
            for (PrefillPoint pp : s.prefill()) {
                max = Math.max(max, pp.secondsPerToken());
            }
            for (DecodePoint d : s.decode()) {
                if (d.context() == p) {
                    max = Math.max(max, d.seconds().median());
                }
            }
        }
        Scales.Unit unit = Scales.seconds(max);
        List<String> cats = new ArrayList<>();
        List<Double> pre = new ArrayList<>();
        List<String> preTips = new ArrayList<>();
        List<Double> dec = new ArrayList<>();
        List<String> decTips = new ArrayList<>();
        int p = s == null ? in.plan().prefillTokens() : s.plan().prefillTokens();
        for (ChartInputs.VariantLine v : vars) {
            String label = c.withKvHeads(v.kvHeads()).variantLabel();
            cats.add(label);
            Optional<PrefillPoint> pp = s == null ? Optional.empty() : s.prefill(v.kvHeads());
            if (pp.isPresent()) {
                double per = pp.get().secondsPerToken();
                pre.add(unit.of(per));
                var st = pp.get().seconds();
                preTips.add(Messages.get("charts.prefill.tip.prefill", label, Units.count(p),
                        Units.duration(st.median()), Units.duration(st.min()), Units.duration(st.max()), st.n(),
                        Units.duration(per)));
            } else {
                pre.add(Double.NaN);
                preTips.add("");
            }
            Optional<DecodePoint> d = s == null ? Optional.empty() : s.decode(v.kvHeads(), p);
            if (d.isPresent()) {
                var st = d.get().seconds();
                dec.add(unit.of(st.median()));
                decTips.add(Messages.get("charts.prefill.tip.decode", label, Units.count(p),
                        Units.duration(st.median()), Units.duration(st.min()), Units.duration(st.max()), st.n()));
            } else {
                dec.add(Double.NaN);
                decTips.add("");
            }
        }
        return new BarModel(cats, Messages.get("charts.prefill.y", unit.name()), List.of(
                new BarModel.Bars("prefill", Messages.get("charts.prefill.prefill", Units.count(p)), "kv-prefill",
                        pre, preTips),
                new BarModel.Bars("decode", Messages.get("charts.prefill.decode", Units.count(p)), "kv-decode", dec,
                        decTips)));
    }

    @Override
    protected String computeNote() {
        SweepSnapshot s = in.matching();
        if (s == null) {
            return Messages.get("charts.waiting");
        }
        return Messages.get("charts.prefill.note", Units.count(s.plan().prefillTokens()));
    }

    @Override
    public String csv() {
        SweepSnapshot s = in.matching();
        if (s == null || s.prefill().isEmpty()) {
            return null;
        }
        Csv csv = new Csv("variant", "kv_heads", "prompt_tokens", "prefill_min_s", "prefill_median_s",
                "prefill_max_s", "prefill_repeats", "prefill_median_s_per_token", "decode_median_s_at_prompt_length");
        for (PrefillPoint pp : s.prefill()) {
            Optional<DecodePoint> d = s.decode(pp.kvHeads(), pp.tokens());
            csv.row(s.plan().label(pp.kvHeads()), pp.kvHeads(), pp.tokens(), pp.seconds().min(),
                    pp.seconds().median(), pp.seconds().max(), pp.seconds().n(), pp.secondsPerToken(),
                    d.map(x -> x.seconds().median()).orElse(null));
        }
        return csv.text();
    }
}
