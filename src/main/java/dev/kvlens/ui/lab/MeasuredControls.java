package dev.kvlens.ui.lab;

import dev.kvlens.lab.Timed;
import dev.kvlens.ui.common.AppIcon;
import dev.kvlens.ui.common.Messages;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;

/** "Measure again" button, a spinner while running, and the status line of a measured section. */
final class MeasuredControls extends HBox {

    MeasuredControls(MeasuredViewModel vm, String idPrefix) {
        super(10);
        setAlignment(Pos.CENTER_LEFT);
        Button again = new Button();
        again.setId(idPrefix + "-measure");
        again.textProperty().bind(Messages.bind("lab.measureAgain"));
        again.setGraphic(AppIcon.TIMER.node());
        again.setOnAction(e -> vm.measureNow());
        again.disableProperty().bind(vm.runningProperty());
        ProgressIndicator spin = new ProgressIndicator(-1);
        spin.setPrefSize(18, 18);
        spin.visibleProperty().bind(vm.runningProperty());
        spin.managedProperty().bind(spin.visibleProperty());
        // a plain property (not Bindings.size, whose lazy invalidation would stop after the first change)
        IntegerProperty count = new SimpleIntegerProperty(vm.points().size());
        vm.points().addListener((ListChangeListener<Timed>) c -> count.set(vm.points().size()));
        Label state = new Label();
        state.getStyleClass().add("muted");
        state.textProperty().bind(Messages.bind(() -> vm.runningProperty().get()
                ? Messages.get("lab.state.running", count.get(), vm.planProperty().get().size())
                : count.get() == 0 ? Messages.get("lab.state.idle")
                : Messages.get("lab.state.done", count.get()), vm.runningProperty(), count, vm.planProperty()));
        getChildren().addAll(again, spin, state);
    }
}
