package dev.kvlens.ui.charts;

import dev.kvlens.bench.CalibrationResult;
import dev.kvlens.bench.KernelProbe;
import dev.kvlens.bench.MachineProbe;
import dev.kvlens.bench.MeasurementLimits;
import dev.kvlens.bench.MeasurementPlan;
import dev.kvlens.bench.MeasurementService;
import dev.kvlens.bench.SweepSnapshot;
import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.Units;
import dev.kvlens.ui.common.AppPreferences;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.ErrorText;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.StatusModel;
import dev.kvlens.ui.common.TaskRunner;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The Measure page's state: adapts {@link MeasurementService} to the app (runs through the one
 * {@link TaskRunner}, so they show in the status bar with progress and a cancel button), follows the config
 * while the page is visible, keeps the calibration cached in preferences, and owns the chart ViewModels.
 */
public final class MeasureViewModel implements MeasurementService.Listener {

    /** Preference key of the cached calibration. */
    public static final String CALIBRATION_KEY = "calibration";
    /** Debounce of slider storms before a run starts, in milliseconds. */
    public static final long DEBOUNCE_MS = 60;
    /** Partial results reach the charts at most this often (the first point and the last never wait). */
    public static final long UI_INTERVAL_MS = 150;

    /** Calibration state for the "About this machine" panel. */
    public enum CalibrationState { NONE, RUNNING, DONE, FAILED }

    private final ConfigModel config;
    private final AppPreferences prefs;
    private final StatusModel status;
    private final MeasurementService service;
    private final String fingerprint;
    private final ChartInputs inputs;
    private final MemoryChartViewModel memory;
    private final DecodeChartViewModel decode;
    private final SpeedupChartViewModel speedup;
    private final PrefillDecodeChartViewModel prefillDecode;
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final javafx.beans.property.ReadOnlyObjectWrapper<CalibrationState> calibrationState =
            new javafx.beans.property.ReadOnlyObjectWrapper<>(CalibrationState.NONE);
    private boolean shown;
    private long requestedAt;
    private long firstPointMillis = -1;
    private boolean firstSeen;
    private long sweepMillis = -1;
    private long maxSnapshotNanos;
    private long maxSnapshotCpuNanos;
    private final java.util.List<Long> snapshotCpuNanos = new java.util.ArrayList<>();
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private final MeasurementService.Scheduler scheduler;
    private SweepSnapshot pendingSnapshot;
    private MeasurementService.Cancellable pendingApply;
    private long lastApplied;

    public MeasureViewModel(ConfigModel config, TaskRunner tasks, AppPreferences prefs, StatusModel status,
                            KernelProbe probe, MachineProbe machine, String fingerprint, MeasurementLimits limits,
                            MeasurementService.Scheduler scheduler, String machineText) {
        this.config = config;
        this.prefs = prefs;
        this.status = status;
        this.fingerprint = fingerprint;
        this.scheduler = scheduler;
        this.inputs = new ChartInputs(config.configProperty());
        inputs.limitsProperty().set(limits);
        inputs.machineProperty().set(machineText);
        this.service = new MeasurementService(probe, machine, limits, scheduler, launcher(tasks), DEBOUNCE_MS, this,
                Messages.get("charts.job.measure"), Messages.get("charts.job.calibrate"));
        memory = new MemoryChartViewModel(inputs);
        decode = new DecodeChartViewModel(inputs);
        speedup = new SpeedupChartViewModel(inputs);
        prefillDecode = new PrefillDecodeChartViewModel(inputs);
        config.configProperty().addListener((o, a, c) -> {
            if (shown) {
                request(c, false);
            }
        });
        Messages.localeProperty().addListener((o, a, b) -> updateStatus());
        loadCalibration();
        updateStatus();
    }

    /** Runs service work through the app's background door. */
    private static MeasurementService.Launcher launcher(TaskRunner tasks) {
        return (name, work) -> {
            TaskRunner.Handle h = tasks.submit(name, p -> {
                work.run(new MeasurementService.RunContext() {
                    @Override
                    public boolean isCancelled() {
                        return p.isCancelled();
                    }

                    @Override
                    public void progress(double fraction, String message) {
                        p.update(fraction, message);
                    }

                    @Override
                    public void deliver(Runnable action) {
                        p.onUi(action);
                    }
                });
                return Boolean.TRUE;
            }, r -> { }, e -> { });
            return h::cancel;
        };
    }

    private void loadCalibration() {
        CalibrationResult cached = CalibrationResult.decode(prefs.node().get(CALIBRATION_KEY, null)).orElse(null);
        if (cached != null && cached.fingerprint().equals(fingerprint)) {
            inputs.calibrationProperty().set(cached);
            calibrationState.set(CalibrationState.DONE);
        } else {
            recalibrate();
        }
    }

    /** Measures bandwidth and FMA throughput again (≈ 2–3 s in the background). */
    public void recalibrate() {
        calibrationState.set(CalibrationState.RUNNING);
        service.calibrate();
        updateStatus();
    }

    // ------------------------------------------------------------------ page life cycle

    /** The page became visible: measure the current config (unless already measured). */
    public void shown() {
        shown = true;
        request(config.get(), false);
    }

    /** The page was hidden: stop measuring (the charts keep the last results). */
    public void hidden() {
        shown = false;
        dropPending();
        service.cancel();
        busy.set(false);
        updateStatus();
    }

    /** The window is closing: stop for good and release the kernel's threads. */
    public void dispose() {
        shown = false;
        dropPending();
        service.close();
        busy.set(false);
    }

    /** Measures the current config again, even if it was measured already. */
    public void remeasure() {
        request(config.get(), true);
    }

    /** Stops the running measurement. */
    public void cancel() {
        dropPending();
        service.cancel();
        busy.set(false);
        updateStatus();
    }

    private void request(AttentionConfig c, boolean force) {
        dropPending();
        requestedAt = System.nanoTime();
        firstSeen = false;
        MeasurementPlan plan = service.request(c, force);
        if (plan != null) {
            busy.set(service.isBusy());
            updateStatus();
        }
    }

    // ------------------------------------------------------------------ listener (UI thread)

    /**
     * A partial or final result. The first measured point of a request and the final snapshot are shown at
     * once; partial results in between are coalesced to one chart update per {@link #UI_INTERVAL_MS}, so a
     * fast sweep does not rebuild the four charts two dozen times.
     */
    @Override
    public void snapshot(SweepSnapshot s) {
        long now = System.nanoTime();
        boolean urgent = s.done() || !firstSeen && s.measuredCount() > 0
                || now - lastApplied >= UI_INTERVAL_MS * 1_000_000L;
        if (urgent) {
            dropPending();
            apply(s);
            return;
        }
        pendingSnapshot = s;
        if (pendingApply == null) {
            pendingApply = scheduler.schedule(UI_INTERVAL_MS, () -> {
                pendingApply = null;
                SweepSnapshot p = pendingSnapshot;
                pendingSnapshot = null;
                if (p != null) {
                    apply(p);
                }
            });
        }
    }

    private void dropPending() {
        pendingSnapshot = null;
        if (pendingApply != null) {
            pendingApply.cancel();
            pendingApply = null;
        }
    }

    private void apply(SweepSnapshot s) {
        long t0 = System.nanoTime();
        long c0 = THREADS.getCurrentThreadCpuTime();
        lastApplied = t0;
        applySnapshot(s);
        maxSnapshotNanos = Math.max(maxSnapshotNanos, System.nanoTime() - t0);
        long cpu = THREADS.getCurrentThreadCpuTime() - c0;
        maxSnapshotCpuNanos = Math.max(maxSnapshotCpuNanos, cpu);
        if (snapshotCpuNanos.size() < 10_000) {
            snapshotCpuNanos.add(cpu);
        }
    }

    private void applySnapshot(SweepSnapshot s) {
        if (!firstSeen && s.measuredCount() > 0) {
            firstSeen = true;
            firstPointMillis = (System.nanoTime() - requestedAt) / 1_000_000;
        }
        if (s.done()) {
            sweepMillis = s.elapsedNanos() / 1_000_000;
            busy.set(false);
        }
        inputs.snapshotProperty().set(s);
        updateStatus();
    }

    @Override
    public void failed(MeasurementPlan plan, Throwable error) {
        busy.set(false);
        String msg = Messages.get("charts.status.failed", ErrorText.of(error));
        statusText.set(msg);
        status.warn(msg);
    }

    @Override
    public void calibrated(CalibrationResult r) {
        inputs.calibrationProperty().set(r);
        calibrationState.set(CalibrationState.DONE);
        prefs.node().put(CALIBRATION_KEY, r.encode());
        prefs.flush();
        updateStatus();
    }

    @Override
    public void calibrationFailed(Throwable error) {
        calibrationState.set(CalibrationState.FAILED);
        status.warn(Messages.get("charts.status.calibrationFailed", ErrorText.of(error)));
    }

    private void updateStatus() {
        SweepSnapshot s = inputs.matching();
        String text;
        if (busy.get() && (s == null || !s.done())) {
            int done = s == null ? 0 : s.measuredCount() + s.skipped().size();
            int of = service.lastPlan() == null ? 0 : service.lastPlan().steps();
            text = Messages.get("charts.status.measuring", done, of);
        } else if (s != null && s.done()) {
            text = Messages.get("charts.status.done", s.measuredCount(), Units.duration(s.elapsedNanos() / 1e9),
                    firstPointMillis < 0 ? "—" : Units.count(firstPointMillis));
        } else if (!shown) {
            text = "";
        } else {
            text = Messages.get("charts.status.waiting");
        }
        statusText.set(text);
    }

    // ------------------------------------------------------------------ accessors

    public ChartInputs inputs() {
        return inputs;
    }

    public MemoryChartViewModel memory() {
        return memory;
    }

    public DecodeChartViewModel decode() {
        return decode;
    }

    public SpeedupChartViewModel speedup() {
        return speedup;
    }

    public PrefillDecodeChartViewModel prefillDecode() {
        return prefillDecode;
    }

    public MeasurementService service() {
        return service;
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public javafx.beans.property.ReadOnlyObjectProperty<CalibrationState> calibrationStateProperty() {
        return calibrationState.getReadOnlyProperty();
    }

    /** Milliseconds from the last config change to the first measured point of its run (-1 before one). */
    public long firstPointMillis() {
        return firstPointMillis;
    }

    /**
     * Longest time the UI thread spent taking in one partial result (all four charts recomputed and their
     * nodes rebuilt; layout and painting come after, in the next pulse). For the FX-thread probe.
     */
    public long maxSnapshotNanos() {
        return maxSnapshotNanos;
    }

    /** CPU time of the UI thread in the longest {@link #maxSnapshotNanos} (what a quiet machine would see). */
    public long maxSnapshotCpuNanos() {
        return maxSnapshotCpuNanos;
    }

    /** UI-thread CPU time of every chart update so far (for the FX-thread probe). */
    public java.util.List<Long> snapshotCpuNanos() {
        return java.util.List.copyOf(snapshotCpuNanos);
    }

    /** Milliseconds of the last complete sweep (-1 before one). */
    public long sweepMillis() {
        return sweepMillis;
    }

    /** "12.3 GB/s read · 45.6 GFLOP/s FMA · measured 2026-11-23 19:40 with 1 thread" or why not. */
    public String calibrationText() {
        CalibrationResult r = inputs.calibrationProperty().get();
        return switch (calibrationState.get()) {
            case RUNNING -> Messages.get("charts.machine.calibrating");
            case FAILED -> Messages.get("charts.machine.failed");
            case NONE -> Messages.get("charts.machine.none");
            case DONE -> r == null ? Messages.get("charts.machine.none") : Messages.get("charts.machine.calibration",
                    Scales.num(r.readGBs()), Scales.num(r.fmaGflops()), r.threads(), Units.bytes(r.probeBytes()),
                    DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault())
                            .format(Instant.ofEpochMilli(r.measuredAtMillis())));
        };
    }
}
