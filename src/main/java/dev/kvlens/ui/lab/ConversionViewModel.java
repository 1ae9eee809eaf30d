package dev.kvlens.ui.lab;

import dev.kvlens.kernel.AttentionKernel;
import dev.kvlens.lab.GqaConversion;
import dev.kvlens.lab.GqaConversion.Method;
import dev.kvlens.lab.GqaConversion.Result;
import dev.kvlens.model.AttentionConfig;
import dev.kvlens.ui.common.Csv;
import dev.kvlens.ui.common.ErrorText;
import dev.kvlens.ui.common.Messages;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * GQA paper §2.1 / Fig. 4 demo: a synthetic MHA layer converted to G groups by mean-pooling, first-head or
 * random-head selection, for every divisor G of H; output error vs MHA, computed by the real kernel in the
 * background.
 */
public final class ConversionViewModel {

    public static final List<Integer> HEADS = List.of(4, 8, 16, 32, 64);
    public static final int HEAD_DIM = 32;
    public static final int INPUT_DIM = 64;
    public static final int TOKENS = 64;
    public static final double MAX_DIVERSITY = 3.0;

    private final LabRunner runner;
    private final int threads;
    private final IntegerProperty heads = new SimpleIntegerProperty(16);
    private final DoubleProperty diversity = new SimpleDoubleProperty(0.5);
    private final IntegerProperty seed = new SimpleIntegerProperty(1);
    private final ObservableList<Result> results = FXCollections.observableArrayList();
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty();
    private boolean active;
    private boolean stale = true;

    ConversionViewModel(LabRunner runner, int threads) {
        this.runner = runner;
        this.threads = threads;
        heads.addListener((o, a, b) -> inputsChanged());
        diversity.addListener((o, a, b) -> inputsChanged());
        seed.addListener((o, a, b) -> inputsChanged());
    }

    public IntegerProperty headsProperty() {
        return heads;
    }

    public DoubleProperty diversityProperty() {
        return diversity;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    public ObservableList<Result> results() {
        return results;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    /** Group counts from H down to 1 (MHA → MQA). */
    public List<Integer> groups() {
        List<Integer> g = new ArrayList<>(AttentionConfig.divisors(heads.get()));
        Collections.reverse(g);
        return g;
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
            runner.request(this::computeNow);
        }
    }

    /** Converts and measures now (in the background). */
    public void computeNow() {
        stale = false;
        int h = heads.get();
        double div = diversity.get();
        long s = seed.get();
        List<Integer> gs = groups();
        results.clear();
        error.set("");
        running.set(true);
        runner.submit(Messages.get("lab.task.conversion"), current -> progress -> {
            GqaConversion.Layer layer = GqaConversion.synthetic(h, HEAD_DIM, INPUT_DIM, TOKENS, div, s);
            try (AttentionKernel kernel = new AttentionKernel(threads)) {
                return GqaConversion.sweep(kernel, layer, gs, List.of(Method.values()), s, Float.BYTES,
                        progress::isCancelled, (done, total) -> progress.update(done / (double) total,
                                Messages.get("lab.progress.points", done, total)));
            }
        }, r -> {
            results.setAll(r);
            running.set(false);
        }, e -> {
            error.set(ErrorText.of(e));
            running.set(false);
        });
    }

    /** The result for (G, method), or null. */
    public Result result(int groups, Method m) {
        for (Result r : results) {
            if (r.groups() == groups && r.method() == m) {
                return r;
            }
        }
        return null;
    }

    public String diversityText() {
        return String.format(Locale.ROOT, "%.2f", diversity.get());
    }

    public String csv() {
        if (results.isEmpty()) {
            return null;
        }
        Csv c = new Csv("method", "heads", "groups", "head_dim", "tokens", "diversity", "seed", "output_rel_error",
                "kv_projection_rel_error", "cache_bytes_per_token_fp32", "cache_saved");
        for (Result r : results) {
            c.row(r.method().name().toLowerCase(Locale.ROOT), r.heads(), r.groups(), r.headDim(), TOKENS,
                    diversity.get(), seed.get(), r.outputError(), r.kvProjectionError(), r.cacheBytesPerToken(),
                    r.cacheSaved());
        }
        return c.text();
    }

    public void dispose() {
        active = false;
        runner.cancel();
    }
}
