package dev.kvlens.ui.calculator;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvCacheMath;
import dev.kvlens.model.Units;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The live calculator: every formula of {@link KvCacheMath} for MHA, the current config and MQA side by side.
 * Rows are recomputed from the config; the view only lays them out.
 */
public final class CalculatorViewModel {

    /** One row: a message key and the three formatted values (MHA, current, MQA). */
    public record Row(String key, String mha, String current, String mqa) {
    }

    /** Device memories the "tokens that fit" rows use, in bytes (24 GB and 80 GB cards). */
    public static final long GB24 = 24L * 1000 * 1000 * 1000;
    public static final long GB80 = 80L * 1000 * 1000 * 1000;

    private final ConfigModel model;

    public CalculatorViewModel(ConfigModel model) {
        this.model = model;
    }

    public ConfigModel model() {
        return model;
    }

    public List<Row> rows() {
        AttentionConfig c = model.get();
        AttentionConfig mha = c.asMha();
        AttentionConfig mqa = c.asMqa();
        List<Row> rows = new ArrayList<>();
        add(rows, "calc.row.variant", mha, c, mqa, AttentionConfig::variantLabel);
        add(rows, "calc.row.kvHeads", mha, c, mqa, x -> String.valueOf(x.kvHeads()));
        add(rows, "calc.row.perGroup", mha, c, mqa, x -> String.valueOf(x.headsPerGroup()));
        add(rows, "calc.row.bytesTokenLayer", mha, c, mqa, x -> Units.bytes(KvCacheMath.bytesPerTokenPerLayer(x)));
        add(rows, "calc.row.bytesToken", mha, c, mqa, x -> Units.bytes(KvCacheMath.bytesPerToken(x)));
        add(rows, "calc.row.total", mha, c, mqa, x -> Units.bytes(KvCacheMath.totalBytes(x)));
        add(rows, "calc.row.ratio", mha, c, mqa, x -> times(KvCacheMath.ratioToMha(x)));
        add(rows, "calc.row.decodeRead", mha, c, mqa, x -> Units.bytes(KvCacheMath.decodeKvBytesRead(x)));
        add(rows, "calc.row.decodeScoreFlops", mha, c, mqa, x -> flops(KvCacheMath.decodeScoreFlops(x)));
        add(rows, "calc.row.intensity", mha, c, mqa,
                x -> String.format(Locale.ROOT, "%.2f", KvCacheMath.decodeArithmeticIntensity(x)));
        add(rows, "calc.row.kvParams", mha, c, mqa, x -> Units.count(KvCacheMath.kvProjectionParams(x)));
        add(rows, "calc.row.attnParams", mha, c, mqa, x -> Units.count(KvCacheMath.attentionParams(x)));
        add(rows, "calc.row.fit24", mha, c, mqa, x -> Units.count(KvCacheMath.tokensThatFit(x, GB24)));
        add(rows, "calc.row.fit80", mha, c, mqa, x -> Units.count(KvCacheMath.tokensThatFit(x, GB80)));
        return rows;
    }

    private static void add(List<Row> rows, String key, AttentionConfig mha, AttentionConfig cur,
                            AttentionConfig mqa, Function<AttentionConfig, String> f) {
        rows.add(new Row(key, f.apply(mha), f.apply(cur), f.apply(mqa)));
    }

    /** Reduction factor against MHA, shown as "1×", "4×", "32×". */
    private static String times(double ratio) {
        return (ratio == Math.rint(ratio) ? String.valueOf((long) ratio) : String.format(Locale.ROOT, "%.2f", ratio))
                + "×";
    }

    static String flops(long f) {
        if (f >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f GFLOP", f / 1e9);
        }
        if (f >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.2f MFLOP", f / 1e6);
        }
        return Units.count(f) + " FLOP";
    }

    /** The worked formula with the current numbers. */
    public String workedExample() {
        AttentionConfig c = model.get();
        double b = c.dtype().bytesPerElement();
        String bytes = b == Math.rint(b) ? String.valueOf((long) b) : String.valueOf(b);
        return Messages.get("calc.worked", c.layers(), c.kvHeads(), c.headDim(), bytes,
                Units.count(KvCacheMath.bytesPerToken(c)), c.seqLen(), c.batch(),
                Units.count(KvCacheMath.totalBytes(c)), Units.bytes(KvCacheMath.totalBytes(c)));
    }
}
