package dev.kvlens.ui.lab;

import dev.kvlens.lab.GqaConversion.Method;
import dev.kvlens.lab.GqaConversion.Result;
import dev.kvlens.model.Units;
import dev.kvlens.ui.common.AppIcon;
import dev.kvlens.ui.common.ExportTarget;
import dev.kvlens.ui.common.Messages;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.Observable;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;

/** GQA conversion demo: output error of mean-pool / first-head / random-head conversion as G goes H → 1. */
final class ConversionSection implements LabSection {

    static final String CHART_ID = "lab-conversion-chart";

    private final ConversionViewModel vm;
    private final NumberAxis x = LabUi.log2Axis(0, 4);
    private final NumberAxis y = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(x, y);
    private final Map<Method, XYChart.Series<Number, Number>> series = new EnumMap<>(Method.class);
    private final GridPane table = new GridPane();
    private final Node node;

    ConversionSection(ConversionViewModel vm) {
        this.vm = vm;
        chart.setId(CHART_ID);
        chart.setAnimated(false);
        chart.setMinHeight(340);
        chart.getStyleClass().add("lab-chart");
        x.labelProperty().bind(Messages.bind("lab.conversion.x"));
        y.labelProperty().bind(Messages.bind("lab.conversion.y"));
        y.setForceZeroInRange(true);
        for (Method m : Method.values()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.nameProperty().bind(Messages.bind("lab.method." + m.name()));
            series.put(m, s);
            chart.getData().add(s);
        }
        table.getStyleClass().addAll("kv-card", "lab-table");
        table.setHgap(18);
        table.setVgap(4);
        node = LabUi.page(LabUi.title("lab.conversion.title"), LabUi.text("lab.conversion.intro"), controls(),
                LabUi.error(vm.errorProperty()), chart, table, LabUi.note("lab.conversion.note"));
        vm.results().addListener((ListChangeListener<Result>) c -> refresh());
        Messages.localeProperty().addListener((Observable o) -> refresh());
        refresh();
    }

    private Node controls() {
        ComboBox<Integer> heads = new ComboBox<>(FXCollections.observableArrayList(ConversionViewModel.HEADS));
        heads.setId("lab-conversion-heads");
        heads.setValue(vm.headsProperty().get());
        heads.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.headsProperty().set(b);
            }
        });
        Slider div = new Slider(0, ConversionViewModel.MAX_DIVERSITY, vm.diversityProperty().get());
        div.setId("lab-conversion-diversity");
        div.setPrefWidth(180);
        div.setMajorTickUnit(1);
        div.setShowTickMarks(true);
        div.valueProperty().bindBidirectional(vm.diversityProperty());
        Label divValue = new Label();
        divValue.textProperty().bind(Messages.bind(vm::diversityText, vm.diversityProperty()));
        Spinner<Integer> seed = new Spinner<>(1, 9999, vm.seedProperty().get());
        seed.setId("lab-conversion-seed");
        seed.setEditable(true);
        seed.setPrefWidth(90);
        seed.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.seedProperty().set(b);
            }
        });
        Button again = new Button();
        again.textProperty().bind(Messages.bind("lab.conversion.run"));
        again.setGraphic(AppIcon.PLAY.node());
        again.setOnAction(e -> vm.computeNow());
        again.disableProperty().bind(vm.runningProperty());
        ProgressIndicator spin = new ProgressIndicator(-1);
        spin.setPrefSize(18, 18);
        spin.visibleProperty().bind(vm.runningProperty());
        HBox box = new HBox(10, LabUi.text("lab.conversion.heads"), heads, LabUi.text("lab.conversion.diversity"), div,
                divValue, LabUi.text("lab.conversion.seed"), seed, again, spin);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    @Override
    public String id() {
        return "conversion";
    }

    @Override
    public String titleKey() {
        return "lab.section.conversion";
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public void shown() {
        vm.setActive(true);
    }

    @Override
    public void hidden() {
        vm.setActive(false);
    }

    @Override
    public List<ExportTarget> exports() {
        return List.of(ExportTarget.png("lab-conversion", "lab.export.conversion", () -> chart),
                ExportTarget.csv("lab-conversion", "lab.export.conversionCsv", vm::csv));
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    private void refresh() {
        x.setUpperBound(log2(vm.headsProperty().get()) + 0.3);
        for (Method m : Method.values()) {
            XYChart.Series<Number, Number> s = series.get(m);
            s.getData().clear();
            for (Result r : vm.results()) {
                if (r.method() == m) {
                    XYChart.Data<Number, Number> d = new XYChart.Data<>(log2(r.groups()), r.outputError());
                    d.setNode(new PointMarker(null, Messages.get("lab.method." + m.name()) + ", G = " + r.groups()
                            + ": " + LabUi.number(r.outputError(), 4), "lab-method-" + m.ordinal()));
                    s.getData().add(d);
                }
            }
            if (s.getNode() != null && !s.getNode().getStyleClass().contains("lab-method-line-" + m.ordinal())) {
                s.getNode().getStyleClass().add("lab-method-line-" + m.ordinal());
            }
        }
        rebuildTable();
    }

    private void rebuildTable() {
        table.getChildren().clear();
        String[] heads = {"lab.col.groups", "lab.col.cache", "lab.col.saved", "lab.method.MEAN_POOL",
            "lab.method.FIRST_HEAD", "lab.method.RANDOM_HEAD", "lab.col.projError"};
        for (int i = 0; i < heads.length; i++) {
            Label l = LabUi.header(heads[i]);
            table.add(l, i, 0);
        }
        int row = 1;
        for (int g : vm.groups()) {
            Result mean = vm.result(g, Method.MEAN_POOL);
            Result first = vm.result(g, Method.FIRST_HEAD);
            Result rnd = vm.result(g, Method.RANDOM_HEAD);
            if (mean == null) {
                continue;
            }
            table.addRow(row++, LabUi.cell(g + " (" + dev.kvlens.model.Variant.label(vm.headsProperty().get(), g) + ")"),
                    LabUi.cell(Units.bytes(mean.cacheBytesPerToken())), LabUi.cell(LabUi.percent(mean.cacheSaved())),
                    LabUi.cell(LabUi.number(mean.outputError(), 4)),
                    LabUi.cell(first == null ? "–" : LabUi.number(first.outputError(), 4)),
                    LabUi.cell(rnd == null ? "–" : LabUi.number(rnd.outputError(), 4)),
                    LabUi.cell(LabUi.number(mean.kvProjectionError(), 4)));
        }
        if (row == 1) {
            table.add(new Label(Messages.get("lab.noPoints")), 0, 1, heads.length, 1);
        }
    }
}
