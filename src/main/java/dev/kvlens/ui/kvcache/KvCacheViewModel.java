package dev.kvlens.ui.kvcache;

import dev.kvlens.kernel.MemoryBudget;
import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvCacheMath;
import dev.kvlens.model.Units;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.Debouncer;
import dev.kvlens.ui.common.ErrorText;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.TaskRunner;
import dev.kvlens.ui.kvcache.DecodeSession.LaneKind;
import dev.kvlens.ui.kvcache.DecodeSession.LaneState;
import dev.kvlens.ui.kvcache.DecodeSession.Snapshot;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The KV-cache growth animation without nodes: a prompt is prefilled, then tokens are decoded one by one.
 * Holds the play/step/scrub state machine, the three lanes' formula numbers, and drives a {@link DecodeSession}
 * through the {@link TaskRunner}: each step forward is one real decode step per lane on a worker, one job at a
 * time. Requests made while a job runs only move the target; the next job goes straight toward the latest
 * target, so nothing stale is queued. When the current lane does not fit the memory budget (or the kernel was
 * stopped), the animation continues with the formulas only and {@link #kernelState()} says why.
 */
public final class KvCacheViewModel {

    /** Milliseconds one step lasts at 1× speed. */
    public static final double BASE_STEP_MILLIS = 1200;
    /** The speed choices. */
    public static final List<Double> SPEEDS = List.of(0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0);
    /** Query heads of one group shown side by side in the heatmap. */
    public static final int MAX_HEATMAP_HEADS = 4;

    /** Where the measured numbers come from. */
    public enum KernelState { PREPARING, MEASURED, FORMULA_ONLY, STOPPED, FAILED }

    private final ConfigModel model;
    private final TaskRunner tasks;
    private final Supplier<MemoryBudget> budget;
    private final Debouncer rebuildLater;

    private final ReadOnlyIntegerWrapper position = new ReadOnlyIntegerWrapper();
    private final IntegerProperty target = new SimpleIntegerProperty();
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper();
    private final ObjectProperty<Double> speed = new SimpleObjectProperty<>(1.0);
    private final ReadOnlyObjectWrapper<Snapshot> snapshot = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<KernelState> kernelState = new ReadOnlyObjectWrapper<>(KernelState.PREPARING);
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();
    private final IntegerProperty selectedHead = new SimpleIntegerProperty(0);
    private final BooleanProperty active = new SimpleBooleanProperty(false);

    private List<String> tokens;
    private int prompt;
    private AttentionConfig built;
    private DecodeSession session;
    private TaskRunner.Handle job;
    private boolean busy;
    private boolean needRebuild = true;
    private boolean headsDirty;
    private double elapsed;
    private String failure = "";
    private boolean disposed;
    private long doneSince = -1;

    /**
     * @param debounceMillis wait after the last config change before the kernel is rebuilt (0 in tests)
     * @param uiExecutor     where debounced rebuilds run (the FX thread in the app, {@code Runnable::run} in tests)
     */
    public KvCacheViewModel(ConfigModel model, TaskRunner tasks, Supplier<MemoryBudget> budget, long debounceMillis,
                            Executor uiExecutor) {
        this.model = model;
        this.tasks = tasks;
        this.budget = budget;
        this.rebuildLater = new Debouncer(debounceMillis, uiExecutor, this::pump);
        readTokens();
        model.configProperty().addListener((o, a, c) -> configChanged());
        Messages.localeProperty().addListener((o, a, b) -> {
            int before = tokens.size();
            readTokens();
            if (tokens.size() != before) {
                configChanged();
            } else {
                bump();
            }
        });
        selectedHead.addListener((o, a, b) -> {
            headsDirty = true;
            pump();
            bump();
        });
    }

    private void readTokens() {
        tokens = List.of(Messages.get("kvcache.sentence").trim().split("\\s+"));
        int p;
        try {
            p = Integer.parseInt(Messages.get("kvcache.promptTokens").trim());
        } catch (NumberFormatException e) {
            p = 4;
        }
        prompt = Math.max(1, Math.min(p, tokens.size() - 1));
    }

    // ------------------------------------------------------------------------------------------- state

    public ConfigModel model() {
        return model;
    }

    public AttentionConfig config() {
        return model.get();
    }

    /** The sentence's tokens, prompt first. */
    public List<String> tokens() {
        return tokens;
    }

    public int promptTokens() {
        return prompt;
    }

    /** Tokens that can be generated after the prompt (the scrubber's maximum). */
    public int maxGenerated() {
        return tokens.size() - prompt;
    }

    /** Generated tokens shown now (0 = just after the prefill). */
    public ReadOnlyIntegerProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    public int position() {
        return position.get();
    }

    /** Where the animation is heading (the scrubber). */
    public IntegerProperty targetProperty() {
        return target;
    }

    /** Tokens in the cache now: prompt + generated. */
    public int cachedTokens() {
        return prompt + position.get();
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    public boolean playing() {
        return playing.get();
    }

    public ObjectProperty<Double> speedProperty() {
        return speed;
    }

    public ReadOnlyObjectProperty<Snapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<KernelState> kernelStateProperty() {
        return kernelState.getReadOnlyProperty();
    }

    public KernelState kernelState() {
        return kernelState.get();
    }

    /** Increases whenever the texts must be redrawn. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** The query head whose attention weights the heatmap shows. */
    public IntegerProperty selectedHeadProperty() {
        return selectedHead;
    }

    /** True while a kernel job runs. */
    public boolean busy() {
        return busy;
    }

    // ---------------------------------------------------------------------------------------- commands

    public void play() {
        if (position.get() >= maxGenerated()) {
            target.set(0);
            pump();
        }
        elapsed = 0;
        playing.set(true);
    }

    public void pause() {
        playing.set(false);
    }

    public void togglePlay() {
        if (playing.get()) {
            pause();
        } else {
            play();
        }
    }

    /** One token forward (pauses playback). */
    public void stepForward() {
        pause();
        seek(target.get() + 1);
    }

    /** One token back (pauses playback). */
    public void stepBack() {
        pause();
        seek(target.get() - 1);
    }

    /** Back to just after the prefill, paused. */
    public void reset() {
        pause();
        seek(0);
    }

    /** Moves toward generated position {@code k} (clamped). */
    public void seek(int k) {
        target.set(Math.max(0, Math.min(maxGenerated(), k)));
        pump();
    }

    /** Playback clock: called by the view's timer with the time since its last call. */
    public void advance(double elapsedMillis) {
        checkAbandonedJob();
        if (!playing.get()) {
            return;
        }
        elapsed = Math.min(elapsed + elapsedMillis * speed.get(), BASE_STEP_MILLIS);
        if (elapsed >= BASE_STEP_MILLIS && target.get() == position.get()) {
            if (position.get() >= maxGenerated()) {
                pause();
                return;
            }
            elapsed = 0;
            target.set(position.get() + 1);
            pump();
        }
    }

    /** Milliseconds a step lasts at the chosen speed. */
    public double stepMillis() {
        return BASE_STEP_MILLIS / speed.get();
    }

    /** Activates the kernel (page shown) or pauses it and frees its memory (page hidden). */
    public void setActive(boolean on) {
        if (active.get() == on) {
            return;
        }
        active.set(on);
        if (on) {
            needRebuild = true;
            pump();
        } else {
            pause();
            rebuildLater.cancel();
            if (job != null) {
                job.cancel();
            }
            job = null;
            busy = false;
            closeSession();
            snapshot.set(null);
            kernelState.set(KernelState.PREPARING);
            needRebuild = true;
        }
    }

    /** Stops for good. */
    public void dispose() {
        setActive(false);
        disposed = true;
    }

    private void configChanged() {
        needRebuild = true;
        target.set(0);
        position.set(0);
        bump();
        if (active.get()) {
            rebuildLater.trigger();
        }
    }

    // ---------------------------------------------------------------------------------- kernel driving

    /** Sends the next job if none is running: rebuild, new heatmap heads, or one step toward the target. */
    void pump() {
        checkAbandonedJob();
        if (busy || disposed || !active.get()) {
            return;
        }
        if (needRebuild) {
            needRebuild = false;
            headsDirty = false;
            rebuild();
            return;
        }
        KernelState st = kernelState.get();
        if (st != KernelState.MEASURED) {
            if (st != KernelState.PREPARING && position.get() != target.get()) {
                position.set(target.get()); // formula only: nothing to wait for
                bump();
            }
            return;
        }
        DecodeSession s = session;
        if (headsDirty) {
            headsDirty = false;
            int[] heads = heatmapHeads();
            submit("heads", cancel -> {
                s.setWeightHeads(heads, cancel);
                return s.snapshot();
            });
            return;
        }
        int t = target.get();
        int p = position.get();
        if (t > p) {
            submit("step", cancel -> {
                s.step(cancel);
                return s.snapshot();
            });
        } else if (t < p) {
            submit("back", cancel -> {
                s.back();
                return s.snapshot();
            });
        }
    }

    private interface SessionJob {
        Snapshot run(java.util.function.BooleanSupplier cancel) throws Exception;
    }

    private void submit(String what, SessionJob work) {
        busy = true;
        job = tasks.submit(Messages.get("kvcache.job"), progress -> work.run(progress::isCancelled),
                this::applied, this::failed);
    }

    private void rebuild() {
        AttentionConfig c = model.get();
        int cap = capacityFor(c, tokens.size());
        int pr = prompt;
        int[] heads = heatmapHeads();
        MemoryBudget b = budget.get();
        DecodeSession old = session;
        session = null;
        built = c;
        kernelState.set(KernelState.PREPARING);
        bump();
        busy = true;
        job = tasks.submit(Messages.get("kvcache.job.prepare"), progress -> {
            if (old != null) {
                old.close();
            }
            return new DecodeSession(c, pr, cap, b, heads, progress::isCancelled);
        }, s -> {
            busy = false;
            job = null;
            if (disposed || !active.get() || built != c) {
                s.close();
                pump();
                return;
            }
            session = s;
            failure = "";
            kernelState.set(s.measured() ? KernelState.MEASURED : KernelState.FORMULA_ONLY);
            snapshot.set(s.snapshot());
            position.set(0);
            bump();
            pump();
        }, this::failed);
    }

    /** Tokens preallocated per cache: the config's T (what a real server reserves), at least the sentence. */
    static int capacityFor(AttentionConfig c, int sentence) {
        return Math.max(c.seqLen(), sentence);
    }

    private void applied(Snapshot s) {
        busy = false;
        job = null;
        if (session == null || disposed) {
            return;
        }
        if (built != model.get()) {
            pump(); // a step of the previous config: the rebuild comes next
            return;
        }
        snapshot.set(s);
        position.set(s.length() - prompt);
        bump();
        pump();
    }

    private void failed(Throwable t) {
        busy = false;
        job = null;
        closeSession();
        failure = t instanceof OutOfMemoryError ? Messages.get("error.outOfMemory") : ErrorText.of(t);
        kernelState.set(KernelState.FAILED);
        bump();
        pump();
    }

    /**
     * A job cancelled from the status bar never calls back: notice it (done for over a second without its
     * callback, which normally arrives within a frame) and go on with formulas only.
     */
    private void checkAbandonedJob() {
        if (!busy || job == null || !job.isDone()) {
            doneSince = -1;
            return;
        }
        long now = System.nanoTime();
        if (doneSince < 0) {
            doneSince = now;
            return;
        }
        if (now - doneSince > 1_000_000_000L) {
            doneSince = -1;
            busy = false;
            job = null;
            closeSession();
            kernelState.set(KernelState.STOPPED);
            bump();
        }
    }

    private void closeSession() {
        DecodeSession s = session;
        session = null;
        if (s != null) {
            // the caches are plain arrays: dropping the reference frees them; close() stops nothing running
            s.close();
        }
    }

    private void bump() {
        revision.set(revision.get() + 1);
    }

    // ------------------------------------------------------------------------------------------- texts

    /** Query heads shown in the heatmap: up to four consecutive heads of the selected head's group. */
    public int[] heatmapHeads() {
        AttentionConfig c = model.get();
        int sel = Math.max(0, Math.min(c.heads() - 1, selectedHead.get()));
        int per = c.headsPerGroup();
        int g0 = c.kvHeadOf(sel) * per;
        int start = g0 + ((sel - g0) / MAX_HEATMAP_HEADS) * MAX_HEATMAP_HEADS;
        int end = Math.min(g0 + per, start + MAX_HEATMAP_HEADS);
        int[] r = new int[end - start];
        Arrays.setAll(r, i -> start + i);
        return r;
    }

    /** The config of a lane: same H, d, L, batch and dtype; KV = H, current, or 1. */
    public AttentionConfig laneConfig(LaneKind k) {
        AttentionConfig c = model.get();
        return switch (k) {
            case MHA -> c.asMha();
            case CURRENT -> c;
            case MQA -> c.asMqa();
        };
    }

    /** "MHA · 32 KV heads". */
    public String laneTitle(LaneKind k) {
        AttentionConfig c = laneConfig(k);
        String key = k == LaneKind.CURRENT ? "kvcache.lane.current" : "kvcache.lane.other";
        return Messages.get(key, c.variantLabel(), c.kvHeads());
    }

    /** Bytes of one layer's cache for the tokens cached now, whole batch (formula). */
    public long laneBytesPerLayer(LaneKind k) {
        AttentionConfig c = laneConfig(k);
        return KvCacheMath.bytesPerTokenPerLayer(c) * cachedTokens() * c.batch();
    }

    /** Bytes of all layers' caches for the tokens cached now (formula). */
    public long laneBytesAllLayers(LaneKind k) {
        return laneBytesPerLayer(k) * laneConfig(k).layers();
    }

    /** "2 × 8 × 128 × 2 B × 12 tokens × batch 1 = 48 KiB per layer · × 32 layers = 1.5 MiB". */
    public String laneFormula(LaneKind k) {
        AttentionConfig c = laneConfig(k);
        double b = c.dtype().bytesPerElement();
        String bytes = b == Math.rint(b) ? String.valueOf((long) b) : String.valueOf(b);
        return Messages.get("kvcache.formula", c.kvHeads(), c.headDim(), bytes, cachedTokens(), c.batch(),
                Units.bytes(laneBytesPerLayer(k)), c.layers(), Units.bytes(laneBytesAllLayers(k)));
    }

    /** The measured line of a lane: step time and allocated bytes, or why there is none. */
    public String laneMeasured(LaneKind k) {
        Snapshot s = snapshot.get();
        KernelState st = kernelState.get();
        if (st == KernelState.PREPARING) {
            return Messages.get("kvcache.measured.preparing");
        }
        if (s == null || st != KernelState.MEASURED) {
            return Messages.get("kvcache.measured.none");
        }
        LaneState l = s.lane(k);
        if (!l.measured()) {
            return l.neededBytes() < 0 ? Messages.get("kvcache.measured.tooLarge")
                    : Messages.get("kvcache.measured.overBudget", Units.bytes(l.neededBytes()),
                    Units.bytes(s.budgetBytes()));
        }
        if (l.lastStepNanos() < 0) {
            return Messages.get("kvcache.measured.noStep", Units.bytes(l.allocatedBytes()), s.capacity(),
                    Units.bytes(l.usedBytes()), Units.duration(l.prefillNanos() / 1e9), prompt);
        }
        String step = Units.duration(l.lastStepNanos() / 1e9);
        String median = l.medianStepNanos() < 0 ? "—" : Units.duration(l.medianStepNanos() / 1e9);
        return Messages.get("kvcache.measured", step, median, Units.bytes(l.allocatedBytes()), s.capacity(),
                Units.bytes(l.usedBytes()), Units.duration(l.prefillNanos() / 1e9), prompt);
    }

    /**
     * The three lanes at the current step as CSV: formula bytes (one layer and all layers) and, where the kernel
     * ran, its allocated/used bytes and step times. Null before the first step has been prepared.
     */
    public String lanesCsv() {
        Snapshot s = snapshot.get();
        dev.kvlens.ui.common.Csv csv = new dev.kvlens.ui.common.Csv("lane", "variant", "kv_heads", "query_heads",
                "head_dim", "layers", "batch", "dtype", "cached_tokens", "formula_bytes_per_layer",
                "formula_bytes_all_layers", "kernel_allocated_bytes_per_layer_fp32", "kernel_used_bytes_fp32",
                "last_step_ns", "median_step_ns");
        for (LaneKind k : LaneKind.values()) {
            AttentionConfig c = laneConfig(k);
            boolean m = kernelState.get() == KernelState.MEASURED && s != null && s.lane(k).measured();
            LaneState l = m ? s.lane(k) : null;
            csv.row(k.name().toLowerCase(java.util.Locale.ROOT), c.variantLabel(), c.kvHeads(), c.heads(),
                    c.headDim(), c.layers(), c.batch(), c.dtype().id(), cachedTokens(), laneBytesPerLayer(k),
                    laneBytesAllLayers(k), l == null ? "" : l.allocatedBytes(), l == null ? "" : l.usedBytes(),
                    l == null || l.lastStepNanos() < 0 ? "" : l.lastStepNanos(),
                    l == null || l.medianStepNanos() < 0 ? "" : l.medianStepNanos());
        }
        return csv.text();
    }

    /** True when the lane's line shows kernel measurements (not a reason why there are none). */
    public boolean laneIsMeasured(LaneKind k) {
        Snapshot s = snapshot.get();
        return kernelState.get() == KernelState.MEASURED && s != null && s.lane(k).measured();
    }

    /** One line under the controls: measured, preparing, or formula only with the reason. */
    public String banner() {
        AttentionConfig c = model.get();
        return switch (kernelState.get()) {
            case PREPARING -> Messages.get("kvcache.banner.preparing");
            case MEASURED -> Messages.get("kvcache.banner.measured", c.heads(), c.headDim(), c.batch());
            case FORMULA_ONLY -> {
                Snapshot s = snapshot.get();
                long need = s == null ? -1 : s.lane(LaneKind.CURRENT).neededBytes();
                yield need < 0 ? Messages.get("kvcache.banner.tooLarge")
                        : Messages.get("kvcache.banner.overBudget", c.variantLabel(), Units.bytes(need),
                        Units.bytes(s.budgetBytes()), c.batch(), s.capacity());
            }
            case STOPPED -> Messages.get("kvcache.banner.stopped");
            case FAILED -> Messages.get("kvcache.banner.failed", failure);
        };
    }

    /** "Step 3 of 14 · token “mat” · 7 tokens cached". */
    public String stepText() {
        int p = position.get();
        String tok = p == 0 ? Messages.get("kvcache.prefilled") : tokens.get(prompt + p - 1);
        return Messages.get("kvcache.step", p, maxGenerated(), tok, cachedTokens());
    }
}
