package dev.kvlens.ui.charts;

import dev.kvlens.bench.MachineInfo;
import dev.kvlens.model.Units;
import dev.kvlens.ui.common.AppIcon;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Styles;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

/** "About this machine": what the numbers were measured on, and the calibrated limits (re-runnable). */
final class MachinePanel extends TitledPane {

    static final String ID = "machinePanel";
    static final String RECALIBRATE_ID = "recalibrate";

    private final GridPane grid = new GridPane();
    private final Label calibration = new Label();

    MachinePanel(MeasureViewModel vm, MachineInfo info, String kernel, long budgetBytes) {
        setId(ID);
        textProperty().bind(Messages.bind("charts.machine.title"));
        setGraphic(AppIcon.MACHINE.node());
        setExpanded(true);
        setAnimated(false);
        getStyleClass().add("machine-panel");
        grid.setHgap(18);
        grid.setVgap(4);
        row(0, "charts.machine.cpu", info.cpuModel());
        row(1, "charts.machine.cores", String.valueOf(info.cores()));
        row(2, "charts.machine.kernel", kernel);
        row(3, "charts.machine.jdk", info.jdk());
        row(4, "charts.machine.heap", "");
        ((Label) grid.getChildren().get(grid.getChildren().size() - 1)).textProperty().bind(Messages.bind(
                () -> Units.bytes(info.maxHeapBytes()) + " · " + Messages.get("charts.machine.budget",
                        Units.bytes(budgetBytes))));
        Label key = new Label();
        key.textProperty().bind(Messages.bind("charts.machine.limits"));
        key.getStyleClass().add(Styles.MUTED);
        calibration.setId("calibrationText");
        calibration.setWrapText(true);
        calibration.getStyleClass().add("calibration-text");
        Runnable update = () -> calibration.setText(vm.calibrationText());
        vm.calibrationStateProperty().addListener((o, a, b) -> update.run());
        vm.inputs().calibrationProperty().addListener((o, a, b) -> update.run());
        Messages.localeProperty().addListener((o, a, b) -> update.run());
        update.run();
        Button rerun = new Button();
        rerun.setId(RECALIBRATE_ID);
        rerun.textProperty().bind(Messages.bind("charts.machine.rerun"));
        rerun.setGraphic(AppIcon.TIMER.node());
        rerun.disableProperty().bind(vm.calibrationStateProperty().isEqualTo(MeasureViewModel.CalibrationState.RUNNING));
        rerun.setOnAction(e -> vm.recalibrate());
        key.setMinWidth(Region.USE_PREF_SIZE);
        rerun.setMinWidth(Region.USE_PREF_SIZE);
        grid.add(key, 0, 5);
        grid.add(calibration, 1, 5);
        grid.add(rerun, 2, 5);
        setContent(grid);
    }

    private void row(int r, String key, String value) {
        Label k = new Label();
        k.setMinWidth(Region.USE_PREF_SIZE);
        k.textProperty().bind(Messages.bind(key));
        k.getStyleClass().add(Styles.MUTED);
        Label v = new Label(value);
        v.setWrapText(true);
        grid.add(k, 0, r);
        grid.add(v, 1, r);
    }
}
