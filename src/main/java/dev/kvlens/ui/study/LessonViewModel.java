package dev.kvlens.ui.study;

import dev.kvlens.model.Presets;
import dev.kvlens.ui.common.AppPreferences;
import dev.kvlens.ui.common.ConfigModel;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * The guided lesson: which step is current (kept in preferences, so leaving and coming back — even after a
 * restart — resumes there), whether the lesson is running, and what a step does to the shared configuration.
 * No nodes.
 */
public final class LessonViewModel {

    static final String STEP_KEY = "study.lesson.step";
    static final String ACTIVE_KEY = "study.lesson.active";

    private final List<LessonStep> steps;
    private final ConfigModel config;
    private final AppPreferences prefs;
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper();
    private final ObjectBinding<LessonStep> step;
    private Runnable onApplied = () -> { };
    private Runnable onFinished = () -> { };

    public LessonViewModel(ConfigModel config, AppPreferences prefs) {
        this(LessonStep.ALL, config, prefs);
    }

    LessonViewModel(List<LessonStep> steps, ConfigModel config, AppPreferences prefs) {
        this.steps = List.copyOf(steps);
        this.config = config;
        this.prefs = prefs;
        index.set(prefs.integer(STEP_KEY, 0, 0, steps.size() - 1));
        active.set(prefs.integer(ACTIVE_KEY, 0, 0, 1) == 1);
        step = Bindings.createObjectBinding(() -> this.steps.get(index.get()), index);
    }

    /** Called after a step put its configuration on the sliders, and after the lesson finished. */
    public void setListeners(Runnable applied, Runnable finished) {
        onApplied = applied;
        onFinished = finished;
    }

    public List<LessonStep> steps() {
        return steps;
    }

    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    public int index() {
        return index.get();
    }

    public LessonStep step() {
        return step.get();
    }

    public ObjectBinding<LessonStep> stepBinding() {
        return step;
    }

    /** True between "Start" and "Finish": the lesson bar follows the user to other pages. */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    public BooleanBinding firstProperty() {
        return index.isEqualTo(0);
    }

    public BooleanBinding lastProperty() {
        return index.isEqualTo(steps.size() - 1);
    }

    /** Starts (or restarts) at step 1 and sets its configuration. */
    public void start() {
        go(0);
        setActive(true);
    }

    /** Continues at the saved step and sets its configuration. */
    public void resume() {
        setActive(true);
        apply();
    }

    public void next() {
        if (index.get() < steps.size() - 1) {
            go(index.get() + 1);
        }
    }

    public void back() {
        if (index.get() > 0) {
            go(index.get() - 1);
        }
    }

    /** Ends the lesson; the next start begins at step 1. */
    public void finish() {
        setActive(false);
        index.set(0);
        prefs.setInteger(STEP_KEY, 0);
        onFinished.run();
    }

    /** Hides the lesson bar but keeps the step. */
    public void pause() {
        setActive(false);
    }

    /** Puts this step's configuration on the sliders (its preset when it has one). */
    public void apply() {
        LessonStep s = step();
        config.presetProperty().set(null);
        config.set(s.config());
        if (s.presetId() != null) {
            Presets.byId(s.presetId()).ifPresent(p -> {
                // selecting the preset keeps batch, length and dtype; the step's own values are set right after
                config.presetProperty().set(p);
                config.set(s.config());
            });
        }
        onApplied.run();
    }

    /** Moving to a step (re)starts the lesson: its bar follows the user again. */
    private void go(int i) {
        if (!active.get()) {
            setActive(true);
        }
        index.set(i);
        prefs.setInteger(STEP_KEY, i);
        apply();
    }

    private void setActive(boolean on) {
        active.set(on);
        prefs.setInteger(ACTIVE_KEY, on ? 1 : 0);
    }
}
