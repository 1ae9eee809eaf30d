package dev.kvlens.ui.lab;

import dev.kvlens.lab.Experiments;
import dev.kvlens.lab.LabProbe;
import dev.kvlens.lab.Shape;
import dev.kvlens.lab.Timed;
import dev.kvlens.ui.common.ErrorText;
import dev.kvlens.ui.common.Messages;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Shared state of the Lab's measured sections: the plan (shapes to time), the points measured so far, the
 * machine's limits when the section needs them, a one-line error, and whether a run is in flight. A section
 * re-measures (debounced) when its inputs change while it is visible; hidden sections cancel their run.
 */
abstract class MeasuredViewModel {

    protected final LabRunner runner;
    protected final LabProbe probe;
    private final ObservableList<Timed> points = FXCollections.observableArrayList();
    private final ObjectProperty<List<Shape>> plan = new SimpleObjectProperty<>(List.of());
    private final ObjectProperty<LabProbe.Limits> limits = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty();
    private boolean active;
    private boolean stale = true;

    MeasuredViewModel(LabRunner runner, LabProbe probe) {
        this.runner = runner;
        this.probe = probe;
    }

    /** The shapes this section times for its current inputs; may throw IllegalArgumentException (shown). */
    protected abstract List<Shape> makePlan();

    /** Bytes for the bandwidth probe, or 0 when the section needs no calibration. */
    protected long calibrationBytes(List<Shape> plan) {
        return 0;
    }

    /** True when the cached limits contradict the points (then the next run measures them again). */
    protected boolean calibrationSuspect() {
        return false;
    }

    /** Task name in the status bar. */
    protected abstract String taskName();

    public ObservableList<Timed> points() {
        return points;
    }

    public ObjectProperty<List<Shape>> planProperty() {
        return plan;
    }

    public ObjectProperty<LabProbe.Limits> limitsProperty() {
        return limits;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    /** The section became visible (true) or hidden (false). Visible and stale → measure. */
    public void setActive(boolean on) {
        active = on;
        if (on) {
            if (stale) {
                inputsChanged();
            }
        } else {
            runner.cancel();
            running.set(false);
        }
    }

    /** Inputs changed: recompute the plan now, measure after the debounce delay if visible. */
    public void inputsChanged() {
        List<Shape> p;
        try {
            p = makePlan();
            Experiments.checkBudget(probe, p);
        } catch (IllegalArgumentException e) {
            runner.cancel();
            plan.set(List.of());
            points.clear();
            error.set(ErrorText.of(e));
            running.set(false);
            return;
        }
        error.set("");
        if (p.equals(plan.get()) && !stale && !points.isEmpty()) {
            return; // e.g. the sequence length moved but this section's shapes did not
        }
        plan.set(p);
        stale = true;
        if (active) {
            runner.request(this::measureNow);
        }
    }

    /** Starts a measurement of the current plan at once (the "Measure again" button). */
    public void measureNow() {
        List<Shape> p = plan.get();
        if (p.isEmpty()) {
            return;
        }
        long bwBytes = calibrationBytes(p);
        boolean calibrate = bwBytes > 0
                && (limits.get() == null || limits.get().probeBytes() != bwBytes || calibrationSuspect());
        stale = false;
        points.clear();
        error.set("");
        running.set(true);
        if (calibrate) {
            limits.set(null);
        }
        runner.submit(taskName(), current -> progress -> {
            BooleanSupplier cancel = progress::isCancelled;
            progress.update(0, Messages.get("lab.progress.points", 0, p.size()));
            List<Timed> done = Experiments.timeAll(probe, p, cancel, (sofar, total) -> {
                progress.update(sofar.size() / (double) total, Messages.get("lab.progress.points", sofar.size(),
                        total));
                progress.onUi(() -> {
                    if (current.getAsBoolean()) {
                        points.setAll(sofar);
                    }
                });
            });
            if (calibrate) {
                // after the points: the JIT has compiled the hot loops and start-up work is over
                progress.update(-1, Messages.get("lab.progress.calibrating"));
                LabProbe.Limits l = probe.calibrate(bwBytes, cancel);
                progress.onUi(() -> {
                    if (current.getAsBoolean()) {
                        limits.set(l);
                    }
                });
            }
            return done;
        }, done -> {
            points.setAll(done);
            running.set(false);
        }, e -> {
            error.set(ErrorText.of(e));
            running.set(false);
        });
    }

    /** Stops for good. */
    public void dispose() {
        active = false;
        runner.cancel();
    }
}
