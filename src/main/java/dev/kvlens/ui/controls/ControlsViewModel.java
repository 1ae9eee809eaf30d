package dev.kvlens.ui.controls;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.ConfigException;
import dev.kvlens.model.KvCacheMath;
import dev.kvlens.model.KvDtype;
import dev.kvlens.model.ModelPreset;
import dev.kvlens.model.Presets;
import dev.kvlens.model.Units;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.ErrorText;
import dev.kvlens.ui.common.Messages;
import java.util.List;
import java.util.function.IntFunction;
import javafx.beans.binding.StringBinding;

/**
 * State and commands of the control panel; never touches a Node. Slider positions map to config values here:
 * the KV slider moves over the divisors of H only, sequence length and batch move in powers of two (exact
 * values are typed into the fields).
 */
public final class ControlsViewModel {

    /** Which number a text field edits. */
    public enum Field { HEADS, KV_HEADS, SEQ, HEAD_DIM, LAYERS, BATCH, HIDDEN }

    public static final int MAX_HEADS_SLIDER = 128;
    public static final int MAX_SEQ_LOG2 = 17;
    public static final int MAX_BATCH_LOG2 = 10;
    public static final int MIN_HEAD_DIM = 8;
    public static final int MAX_HEAD_DIM_SLIDER = 512;
    public static final int MAX_LAYERS_SLIDER = 160;

    private final ConfigModel model;

    public ControlsViewModel(ConfigModel model) {
        this.model = model;
    }

    public ConfigModel model() {
        return model;
    }

    public AttentionConfig config() {
        return model.get();
    }

    public List<ModelPreset> presets() {
        return Presets.all();
    }

    /** Valid KV-head counts for the current H, ascending (1 = MQA … H = MHA). */
    public List<Integer> kvChoices() {
        return AttentionConfig.divisors(config().heads());
    }

    public int kvIndex() {
        return kvChoices().indexOf(config().kvHeads());
    }

    public void setHeads(int h) {
        model.update(c -> c.withHeads(h));
    }

    /** Moves KV to the divisor at {@code index} (clamped). */
    public void setKvIndex(int index) {
        List<Integer> d = kvChoices();
        int i = Math.max(0, Math.min(d.size() - 1, index));
        model.update(c -> c.withKvHeads(d.get(i)));
    }

    /** Slider position (log2 of T) → T = 2^round(position). */
    public void setSeqLog2(double log2) {
        int e = (int) Math.max(0, Math.min(MAX_SEQ_LOG2, Math.round(log2)));
        model.update(c -> c.withSeqLen(1 << e));
    }

    public double seqLog2() {
        return log2(config().seqLen());
    }

    public void setBatchLog2(double log2) {
        int e = (int) Math.max(0, Math.min(MAX_BATCH_LOG2, Math.round(log2)));
        model.update(c -> c.withBatch(1 << e));
    }

    public double batchLog2() {
        return log2(config().batch());
    }

    /** Head dim slider snaps to multiples of 8. */
    public void setHeadDimSlider(double v) {
        int d = (int) Math.max(MIN_HEAD_DIM, Math.round(v / 8.0) * 8);
        model.update(c -> c.withHeadDim(d));
    }

    public void setLayers(int l) {
        model.update(c -> c.withLayers(l));
    }

    public void setDtype(KvDtype d) {
        if (d != null) {
            model.update(c -> c.withDtype(d));
        }
    }

    public void choosePreset(ModelPreset p) {
        model.presetProperty().set(p);
    }

    /**
     * Applies a typed value. Returns null when it was applied, else the one-line reason (also put into the
     * model's error property).
     */
    public String applyText(Field field, String text) {
        long v;
        try {
            v = Units.parseCount(text);
        } catch (ConfigException e) {
            String msg = ErrorText.of(e);
            return fail(msg);
        }
        if (v < 1 || v > Integer.MAX_VALUE) {
            return fail(ErrorText.of(new ConfigException("config.notPositive", "out of range", fieldName(field), v)));
        }
        int n = (int) v;
        boolean ok = switch (field) {
            case HEADS -> model.update(c -> c.withHeads(n));
            case KV_HEADS -> model.update(c -> c.withKvHeads(n));
            case SEQ -> model.update(c -> c.withSeqLen(n));
            case HEAD_DIM -> model.update(c -> c.withHeadDim(n));
            case LAYERS -> model.update(c -> c.withLayers(n));
            case BATCH -> model.update(c -> c.withBatch(n));
            case HIDDEN -> model.update(c -> c.withHidden(n));
        };
        return ok ? null : model.errorProperty().get();
    }

    private String fail(String msg) {
        model.reportError(msg);
        return msg;
    }

    private static String fieldName(Field f) {
        return switch (f) {
            case HEADS -> "heads";
            case KV_HEADS -> "kvHeads";
            case SEQ -> "seqLen";
            case HEAD_DIM -> "headDim";
            case LAYERS -> "layers";
            case BATCH -> "batch";
            case HIDDEN -> "hidden";
        };
    }

    /** The current value of a field, as shown in its text box. */
    public String fieldText(Field field) {
        AttentionConfig c = config();
        IntFunction<String> s = String::valueOf;
        return switch (field) {
            case HEADS -> s.apply(c.heads());
            case KV_HEADS -> s.apply(c.kvHeads());
            case SEQ -> s.apply(c.seqLen());
            case HEAD_DIM -> s.apply(c.headDim());
            case LAYERS -> s.apply(c.layers());
            case BATCH -> s.apply(c.batch());
            case HIDDEN -> s.apply(c.hidden());
        };
    }

    // ---- live texts ----

    /** "GQA-8 · 32 query heads share 8 KV heads · 4 per group". */
    public StringBinding caption() {
        return Messages.bind(() -> {
            AttentionConfig c = config();
            return Messages.get("controls.caption", c.variantLabel(), c.heads(), c.kvHeads(), c.headsPerGroup());
        }, model.configProperty());
    }

    public StringBinding perTokenText() {
        return Messages.bind(() -> Units.bytes(KvCacheMath.bytesPerToken(config())), model.configProperty());
    }

    public StringBinding totalText() {
        return Messages.bind(() -> Units.bytes(KvCacheMath.totalBytes(config())), model.configProperty());
    }

    public StringBinding totalCaption() {
        return Messages.bind(() -> Messages.get("controls.readout.totalFor", config().seqLen(), config().batch(),
                config().dtype().id()), model.configProperty());
    }

    public StringBinding ratioText() {
        return Messages.bind(() -> {
            AttentionConfig c = config();
            if (c.kvHeads() == c.heads()) {
                return Messages.get("controls.readout.isMha");
            }
            return Messages.get("controls.readout.ratio", formatRatio(KvCacheMath.ratioToMha(c)));
        }, model.configProperty());
    }

    /** "2 × 32 × 8 × 128 × 2 B = 131,072 B per token". */
    public StringBinding formulaText() {
        return Messages.bind(() -> formula(config()), model.configProperty());
    }

    public static String formula(AttentionConfig c) {
        double b = c.dtype().bytesPerElement();
        String bytes = b == Math.rint(b) ? String.valueOf((long) b) : String.valueOf(b);
        return Messages.get("controls.formula", c.layers(), c.kvHeads(), c.headDim(), bytes,
                Units.count(KvCacheMath.bytesPerToken(c)));
    }

    public static String formatRatio(double r) {
        return r == Math.rint(r) ? String.valueOf((long) r) : String.format(Messages.locale(), "%.2f", r);
    }

    static double log2(int v) {
        return Math.log(v) / Math.log(2);
    }
}
