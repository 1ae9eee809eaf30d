package dev.kvlens.ui.lab;

import dev.kvlens.lab.PaperFigures;
import dev.kvlens.lab.Timed;
import dev.kvlens.ui.common.ExportTarget;
import dev.kvlens.ui.common.Messages;
import java.util.List;
import javafx.beans.Observable;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;

/** Shazeer 2019 Table 2 beside our MHA / MQA decode at the same shape class. */
final class ShazeerSection implements LabSection {

    static final String CHART_ID = "lab-shazeer-chart";

    private final ShazeerViewModel vm;
    private final CategoryAxis x = new CategoryAxis();
    private final NumberAxis y = new NumberAxis();
    private final BarChart<String, Number> chart = new BarChart<>(x, y);
    private final XYChart.Series<String, Number> series = new XYChart.Series<>();
    private final GridPane table = new GridPane();
    private final Label verdict = new Label();
    private final Node node;

    ShazeerSection(ShazeerViewModel vm) {
        this.vm = vm;
        chart.setId(CHART_ID);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setMinHeight(300);
        chart.getStyleClass().add("lab-chart");
        y.labelProperty().bind(Messages.bind("lab.shazeer.y"));
        chart.getData().add(series);
        ComboBox<Integer> batch = new ComboBox<>(FXCollections.observableArrayList(ShazeerViewModel.BATCHES));
        batch.setId("lab-shazeer-batch");
        batch.setValue(vm.batchProperty().get());
        batch.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.batchProperty().set(b);
            }
        });
        Label bl = LabUi.text("lab.shazeer.batch");
        HBox controls = new HBox(10, bl, batch);
        controls.setAlignment(Pos.CENTER_LEFT);
        table.getStyleClass().addAll("kv-card", "lab-table");
        table.setHgap(18);
        table.setVgap(4);
        verdict.setWrapText(true);
        verdict.getStyleClass().add("lab-verdict");
        node = LabUi.page(LabUi.title("lab.shazeer.title"), LabUi.text("lab.shazeer.intro"), controls,
                new MeasuredControls(vm, "lab-shazeer"), LabUi.error(vm.errorProperty()), verdict, chart, table,
                LabUi.note("lab.shazeer.note"));
        vm.points().addListener((ListChangeListener<Timed>) c -> refresh());
        Messages.localeProperty().addListener((Observable o) -> refresh());
        refresh();
    }

    @Override
    public String id() {
        return "shazeer";
    }

    @Override
    public String titleKey() {
        return "lab.section.shazeer";
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
        return List.of(ExportTarget.png("lab-shazeer", "lab.export.shazeer", () -> chart),
                ExportTarget.csv("lab-shazeer", "lab.export.shazeerCsv", vm::csv));
    }

    private void refresh() {
        series.getData().clear();
        series.getData().add(bar(Messages.get("lab.shazeer.bar.paper"), vm.paperSpeedup()));
        series.getData().add(bar(Messages.get("lab.shazeer.bar.bytes"), vm.bytesRatio()));
        double ours = vm.ourSpeedup();
        if (!Double.isNaN(ours)) {
            series.getData().add(bar(Messages.get("lab.shazeer.bar.ours", vm.batchProperty().get()), ours));
        }
        verdict.setText(Double.isNaN(ours) ? Messages.get("lab.shazeer.waiting")
                : Messages.get("lab.shazeer.verdict", LabUi.ratio(ours), LabUi.ratio(vm.paperSpeedup()),
                        LabUi.percent(vm.ourOverPaper())));
        table.getChildren().clear();
        String[] heads = {"lab.col.source", "lab.col.mhaUs", "lab.col.mqaUs", "lab.col.ratio"};
        for (int i = 0; i < heads.length; i++) {
            Label h = LabUi.header(heads[i]);
            table.add(h, i, 0);
        }
        table.addRow(1, LabUi.cell(Messages.get("lab.shazeer.row.paper")),
                LabUi.cell(LabUi.number(PaperFigures.SHAZEER_MHA_DECODER_US, 1)),
                LabUi.cell(LabUi.number(PaperFigures.SHAZEER_MQA_DECODER_US, 1)),
                LabUi.cell(LabUi.ratio(vm.paperSpeedup())));
        table.addRow(2, LabUi.cell(Messages.get("lab.shazeer.row.ours", vm.batchProperty().get())),
                LabUi.cell(LabUi.number(vm.microsPerToken(PaperFigures.SHAZEER_HEADS), 3)),
                LabUi.cell(LabUi.number(vm.microsPerToken(1), 3)), LabUi.cell(LabUi.ratio(ours)));
    }

    /** A bar; its colour comes from lab.css by position (data0 paper, data1 formula, data2 measured). */
    private static XYChart.Data<String, Number> bar(String name, double v) {
        return new XYChart.Data<>(name, v);
    }
}
