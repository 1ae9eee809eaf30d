package dev.kvlens.ui.charts;

import dev.kvlens.bench.MachineInfo;
import dev.kvlens.ui.common.AppIcon;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Styles;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Measure page: a tool row, the four charts in a 2 × 2 grid and "About this machine". */
public final class MeasureView extends ScrollPane {

    public static final String CSS = "/dev/kvlens/ui/charts/charts.css";
    public static final String REMEASURE_ID = "remeasure";
    public static final String CANCEL_ID = "measureCancel";
    public static final String LOG_ID = "logScale";
    public static final String DEVICE_ID = "device";
    public static final String BOUND_ID = "showBound";
    public static final String STATUS_ID = "measureStatus";
    public static final String MACHINE_MENU_ID = "machineMenu";

    private final MeasureViewModel vm;
    private final MemoryChartView memory;
    private final DecodeChartView decode;
    private final SpeedupChartView speedup;
    private final PrefillDecodeChartView prefillDecode;
    private final VBox content;
    private final MachinePanel machinePanel;

    public MeasureView(MeasureViewModel vm, MachineInfo info, String kernel, long budgetBytes) {
        this.vm = vm;
        getStylesheets().add(MeasureView.class.getResource(CSS).toExternalForm());
        getStyleClass().addAll(Styles.PAGE, "measure-page");
        setFitToWidth(true);
        memory = new MemoryChartView(vm.memory());
        decode = new DecodeChartView(vm.decode());
        speedup = new SpeedupChartView(vm.speedup());
        prefillDecode = new PrefillDecodeChartView(vm.prefillDecode());
        machinePanel = new MachinePanel(vm, info, kernel, budgetBytes);
        content = new VBox(10, header(), tools(), status(), grid(), machinePanel);
        content.setPadding(new Insets(14, 18, 18, 18));
        setContent(content);
    }

    private VBox header() {
        Label title = new Label();
        title.textProperty().bind(Messages.bind("charts.page.title"));
        title.getStyleClass().add(Styles.SECTION_TITLE);
        Label intro = new Label();
        intro.textProperty().bind(Messages.bind("charts.page.intro"));
        intro.setWrapText(true);
        return new VBox(4, title, intro);
    }

    private HBox tools() {
        Button again = new Button();
        again.setId(REMEASURE_ID);
        again.textProperty().bind(Messages.bind("charts.remeasure"));
        again.setGraphic(AppIcon.TIMER.node());
        again.setOnAction(e -> vm.remeasure());
        Button cancel = new Button();
        cancel.setId(CANCEL_ID);
        cancel.textProperty().bind(Messages.bind("charts.cancel"));
        cancel.setGraphic(AppIcon.CANCEL.node());
        cancel.disableProperty().bind(vm.busyProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        ToggleButton log = new ToggleButton();
        log.setId(LOG_ID);
        log.textProperty().bind(Messages.bind("charts.log"));
        log.selectedProperty().bindBidirectional(vm.inputs().logScaleProperty());
        CheckBox bound = new CheckBox();
        bound.setId(BOUND_ID);
        bound.textProperty().bind(Messages.bind("charts.showBound"));
        bound.selectedProperty().bindBidirectional(vm.inputs().showBoundProperty());
        bound.disableProperty().bind(vm.inputs().calibrationProperty().isNull());
        Tooltip bt = new Tooltip();
        bt.textProperty().bind(Messages.bind("charts.showBound.tip"));
        bound.setTooltip(bt);
        ComboBox<Device> device = new ComboBox<>(FXCollections.observableArrayList(Device.values()));
        device.setId(DEVICE_ID);
        device.valueProperty().bindBidirectional(vm.inputs().deviceProperty());
        device.setCellFactory(l -> new DeviceCell());
        device.setButtonCell(new DeviceCell());
        Messages.localeProperty().addListener((o, a, b) -> device.setButtonCell(new DeviceCell()));
        Label deviceLabel = new Label();
        deviceLabel.textProperty().bind(Messages.bind("charts.device"));
        deviceLabel.setLabelFor(device);
        MenuButton machine = new MenuButton();
        machine.setId(MACHINE_MENU_ID);
        machine.textProperty().bind(Messages.bind("charts.machine.menu"));
        machine.setGraphic(AppIcon.MACHINE.node());
        MenuItem recal = new MenuItem();
        recal.setId("menuRecalibrate");
        recal.textProperty().bind(Messages.bind("charts.machine.rerun"));
        recal.disableProperty().bind(vm.calibrationStateProperty().isEqualTo(
                MeasureViewModel.CalibrationState.RUNNING));
        recal.setOnAction(e -> vm.recalibrate());
        MenuItem about = new MenuItem();
        about.textProperty().bind(Messages.bind("charts.machine.title"));
        about.setOnAction(e -> {
            machinePanel.setExpanded(true);
            setVvalue(getVmax());
        });
        machine.getItems().addAll(recal, about);
        HBox box = new HBox(10, again, cancel, log, deviceLabel, device, bound, machine);
        for (var n : List.of(again, cancel, log, deviceLabel, device, bound, machine)) {
            ((Region) n).setMinWidth(Region.USE_PREF_SIZE);
        }
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("measure-tools");
        return box;
    }

    private Label status() {
        Label status = new Label();
        status.setId(STATUS_ID);
        status.textProperty().bind(vm.statusTextProperty());
        status.getStyleClass().addAll(Styles.MUTED, "measure-status");
        status.setWrapText(true);
        return status;
    }

    private GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(12);
        g.setVgap(12);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            c.setHgrow(Priority.ALWAYS);
            g.getColumnConstraints().add(c);
        }
        g.add(memory, 0, 0);
        g.add(decode, 1, 0);
        g.add(speedup, 0, 1);
        g.add(prefillDecode, 1, 1);
        return g;
    }

    /** The chart cards, in reading order (for export and tests). */
    public List<ChartCardRef> cards() {
        return List.of(new ChartCardRef(memory, vm.memory()), new ChartCardRef(decode, vm.decode()),
                new ChartCardRef(speedup, vm.speedup()), new ChartCardRef(prefillDecode, vm.prefillDecode()));
    }

    /** The node holding the whole page content (for a whole-page PNG). */
    public VBox contentNode() {
        return content;
    }

    public MemoryChartView memoryView() {
        return memory;
    }

    public DecodeChartView decodeView() {
        return decode;
    }

    public SpeedupChartView speedupView() {
        return speedup;
    }

    public PrefillDecodeChartView prefillDecodeView() {
        return prefillDecode;
    }

    /** A chart card and its ViewModel. */
    public record ChartCardRef(javafx.scene.Node node, ChartViewModel<?> vm) {
    }

    private static final class DeviceCell extends ListCell<Device> {
        @Override
        protected void updateItem(Device d, boolean empty) {
            super.updateItem(d, empty);
            setText(empty || d == null ? null : d.isNone() ? Messages.get("charts.device.none")
                    : Messages.get("charts.device.gb", d.gigabytes()));
        }
    }
}
