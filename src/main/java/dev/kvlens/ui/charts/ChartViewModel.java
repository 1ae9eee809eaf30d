package dev.kvlens.ui.charts;

import dev.kvlens.ui.common.Messages;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;

/**
 * Base of the chart ViewModels: recomputes its model whenever an input (config, snapshot, calibration,
 * options, language) changes; owns no nodes.
 *
 * @param <M> {@link PlotModel} or {@link BarModel}
 */
public abstract class ChartViewModel<M> {

    protected final ChartInputs in;
    private final ReadOnlyObjectWrapper<M> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");

    protected ChartViewModel(ChartInputs in) {
        this.in = in;
        for (Observable o : in.dependencies()) {
            if (o instanceof ObservableValue<?> v) {
                v.addListener((a, b, c) -> refresh()); // change listeners: fire even if nobody read the value
            } else {
                o.addListener(x -> refresh());
            }
        }
    }

    /** Recomputes the model, the note and the title. */
    public final void refresh() {
        title.set(Messages.get(titleKey()));
        model.set(compute());
        note.set(computeNote());
    }

    protected abstract String titleKey();

    protected abstract M compute();

    protected abstract String computeNote();

    /** Stable id for node ids and export file names ("memory", "decode", …). */
    public abstract String id();

    /** The chart's numbers as CSV (header first), or null when there is nothing yet. */
    public abstract String csv();

    /** Text for the hover readout at a plot x coordinate ("" when there is nothing to say). */
    public String readoutAt(double x) {
        return "";
    }

    public ReadOnlyObjectProperty<M> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public M model() {
        return model.get();
    }

    /** What is measured, what is formula-only and why, in a sentence or two. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ChartInputs inputs() {
        return in;
    }
}
