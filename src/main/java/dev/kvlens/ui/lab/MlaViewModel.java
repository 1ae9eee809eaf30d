package dev.kvlens.ui.lab;

import dev.kvlens.lab.KvReductions;
import dev.kvlens.lab.MlaCache;
import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvDtype;
import dev.kvlens.kernel.MemoryBudget;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.Csv;
import dev.kvlens.ui.common.ErrorText;
import dev.kvlens.ui.common.Messages;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Cache-size curves: MHA / current / MQA of the config beside MLA with DeepSeek-V2's published shape (formula),
 * and the measured KV reductions of {@link KvReductions} (fp16 / bf16 / int8 caches, sliding window) on the
 * config's shape, run in the background while the section is visible.
 */
public final class MlaViewModel {

    public static final int POINTS = 32;

    private final ConfigModel config;
    private final LabRunner runner;
    private final int threads;
    private final Supplier<MemoryBudget> budget;
    private final ObservableList<KvReductions.Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<KvReductions.Setup> measuredSetup = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty();
    private boolean active;
    private boolean stale = true;

    MlaViewModel(ConfigModel config, LabRunner runner, int threads, Supplier<MemoryBudget> budget) {
        this.config = config;
        this.runner = runner;
        this.threads = threads;
        this.budget = budget;
        config.configProperty().addListener((o, a, b) -> {
            if (a == null || b == null || !KvReductions.Setup.of(a).equals(KvReductions.Setup.of(b))) {
                inputsChanged();
            }
        });
    }

    /** Rows of the last measurement: fp32 full first, then fp16, bf16, int8, window fp32, window int8. */
    public ObservableList<KvReductions.Row> rows() {
        return rows;
    }

    /** The shape the rows were measured on (null before the first run). */
    public ObjectProperty<KvReductions.Setup> measuredSetupProperty() {
        return measuredSetup;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    /** The shape a measurement of the current config uses. */
    public KvReductions.Setup setup() {
        return KvReductions.Setup.of(config.get());
    }

    public void setActive(boolean on) {
        active = on;
        if (on && stale) {
            inputsChanged();
        } else if (!on) {
            runner.cancel();
            running.set(false);
        }
    }

    void inputsChanged() {
        stale = true;
        if (active) {
            runner.request(this::measureNow);
        }
    }

    /** Measures the reductions for the current config now (in the background). */
    public void measureNow() {
        stale = false;
        KvReductions.Setup s = setup();
        error.set("");
        running.set(true);
        runner.submit(Messages.get("lab.task.reductions"), current -> progress ->
                KvReductions.measure(s, threads, budget.get(), progress::isCancelled, (done, total) ->
                        progress.update(done / (double) total, Messages.get("lab.progress.points", done, total))),
                r -> {
                    rows.setAll(r);
                    measuredSetup.set(s);
                    running.set(false);
                }, e -> {
                    error.set(ErrorText.of(e));
                    running.set(false);
                });
    }

    /** The measured rows as CSV (null when nothing was measured yet). */
    public String reductionsCsv() {
        KvReductions.Setup s = measuredSetup.get();
        if (s == null || rows.isEmpty()) {
            return null;
        }
        KvReductions.Row base = rows.get(0);
        Csv csv = new Csv("storage", "window", "heads", "kv_heads", "head_dim", "tokens", "cache_bytes",
                "bytes_vs_fp32", "best_step_ns", "median_step_ns", "median_vs_fp32_same_rounds", "rel_error_vs_fp32_full");
        for (KvReductions.Row r : rows) {
            csv.row(r.format().id(), r.window(), s.heads(), s.kvHeads(), s.headDim(), s.tokens(), r.cacheBytes(),
                    r.cacheBytes() / (double) base.cacheBytes(), r.bestNs(), r.medianNs(),
                    r.timeVsFp32(), r.relError());
        }
        return csv.text();
    }

    public ConfigModel config() {
        return config;
    }

    public List<MlaCache.Point> curve() {
        AttentionConfig c = config.get();
        return MlaCache.curve(c, c.seqLen(), Math.min(POINTS, c.seqLen()));
    }

    /** The last point (the config's sequence length). */
    public MlaCache.Point atSeqLen() {
        AttentionConfig c = config.get();
        return MlaCache.at(c, c.seqLen());
    }

    public long deepSeekBytesPerToken() {
        return MlaCache.deepSeekV2BytesPerToken(KvDtype.BF16);
    }

    /** DeepSeek-V2 with plain MHA (128 heads × d 128, 60 layers, bf16), for scale. */
    public long deepSeekAsMhaBytesPerToken() {
        return KvDtype.BF16.bytesFor(2L * MlaCache.DEEPSEEK_V2_LAYERS * MlaCache.DEEPSEEK_V2_HEADS
                * MlaCache.DEEPSEEK_V2_HEAD_DIM);
    }

    public double equivalentGroups() {
        return MlaCache.equivalentGqaGroups(config.get().headDim());
    }

    public String csv() {
        AttentionConfig c = config.get();
        Csv csv = new Csv("tokens", "mha_bytes", "current_bytes", "current_variant", "mqa_bytes",
                "mla_deepseek_v2_shape_bytes", "layers", "head_dim", "dtype");
        for (MlaCache.Point p : curve()) {
            csv.row(p.tokens(), p.mha(), p.current(), c.variantLabel(), p.mqa(), p.mla(), c.layers(), c.headDim(),
                    c.dtype().id());
        }
        return csv.text();
    }
}
