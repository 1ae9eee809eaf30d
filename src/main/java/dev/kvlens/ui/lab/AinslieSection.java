package dev.kvlens.ui.lab;

import dev.kvlens.lab.PaperFigures;
import dev.kvlens.lab.Timed;
import dev.kvlens.model.Units;
import dev.kvlens.ui.common.ExportTarget;
import dev.kvlens.ui.common.Messages;
import java.util.List;
import javafx.beans.Observable;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;

/** Ainslie et al. 2023 Figure 6 / Table 1 beside our decode time against KV heads. */
final class AinslieSection implements LabSection {

    static final String CHART_ID = "lab-ainslie-chart";

    private final AinslieViewModel vm;
    private final NumberAxis x = LabUi.log2Axis(0, 6);
    private final NumberAxis y = new NumberAxis(0, 1.1, 0.1);
    private final LineChart<Number, Number> chart = new LineChart<>(x, y);
    private final XYChart.Series<Number, Number> ours = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> bytes = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> paper = new XYChart.Series<>();
    private final GridPane table = new GridPane();
    private final Node node;

    AinslieSection(AinslieViewModel vm) {
        this.vm = vm;
        chart.setId(CHART_ID);
        chart.setAnimated(false);
        chart.setMinHeight(360);
        chart.getStyleClass().add("lab-chart");
        y.setAutoRanging(false);
        y.setTickLabelFormatter(LabUi.converter(v -> LabUi.number(v, 1)));
        x.labelProperty().bind(Messages.bind("lab.ainslie.x"));
        y.labelProperty().bind(Messages.bind("lab.ainslie.y"));
        ours.nameProperty().bind(Messages.bind("lab.ainslie.ours"));
        bytes.nameProperty().bind(Messages.bind("lab.ainslie.bytes"));
        paper.nameProperty().bind(Messages.bind("lab.ainslie.paper"));
        chart.getData().addAll(List.of(ours, bytes, paper));
        ComboBox<Integer> heads = new ComboBox<>(FXCollections.observableArrayList(AinslieViewModel.HEADS));
        heads.setId("lab-ainslie-heads");
        heads.setValue(vm.headsProperty().get());
        heads.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.headsProperty().set(b);
            }
        });
        HBox controls = new HBox(10, LabUi.text("lab.ainslie.heads"), heads);
        controls.setAlignment(Pos.CENTER_LEFT);
        table.getStyleClass().addAll("kv-card", "lab-table");
        table.setHgap(18);
        table.setVgap(4);
        node = LabUi.page(LabUi.title("lab.ainslie.title"), LabUi.text("lab.ainslie.intro"), controls,
                new MeasuredControls(vm, "lab-ainslie"), LabUi.error(vm.errorProperty()), chart, table,
                LabUi.note("lab.ainslie.note"));
        vm.points().addListener((ListChangeListener<Timed>) c -> refresh());
        vm.headsProperty().addListener((Observable o) -> refresh());
        Messages.localeProperty().addListener((Observable o) -> refresh());
        refresh();
    }

    @Override
    public String id() {
        return "ainslie";
    }

    @Override
    public String titleKey() {
        return "lab.section.ainslie";
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
        return List.of(ExportTarget.png("lab-ainslie", "lab.export.ainslie", () -> chart),
                ExportTarget.csv("lab-ainslie", "lab.export.ainslieCsv", vm::csv));
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    private void refresh() {
        int h = vm.headsProperty().get();
        x.setUpperBound(Math.max(log2(h), log2(PaperFigures.AINSLIE_XXL_HEADS)) + 0.7); // room for labels
        ours.getData().clear();
        bytes.getData().clear();
        paper.getData().clear();
        List<AinslieViewModel.Row> rows = vm.rows();
        for (AinslieViewModel.Row r : rows) {
            if (!Double.isNaN(r.ratioToMha())) {
                XYChart.Data<Number, Number> d = new XYChart.Data<>(log2(r.kvHeads()), r.ratioToMha());
                d.setNode(new PointMarker(null, r.variant() + ": " + Units.duration(r.bestNs() / 1e9) + ", "
                        + LabUi.ratio(r.ratioToMha()), "lab-decode"));
                ours.getData().add(d);
            }
        }
        for (int g : dev.kvlens.model.AttentionConfig.divisors(h)) {
            XYChart.Data<Number, Number> d = new XYChart.Data<>(log2(g), g / (double) h);
            d.setNode(new PointMarker(null, null, "lab-formula"));
            bytes.getData().add(d);
        }
        for (PaperFigures.Point p : vm.paperPoints()) {
            XYChart.Data<Number, Number> d = new XYChart.Data<>(log2(p.kvHeads()), p.ratioToMha());
            String label = p.kvHeads() == PaperFigures.AINSLIE_XXL_HEADS ? "MHA-XXL"
                    : p.kvHeads() == 1 ? "MQA-XXL" : "GQA-" + p.kvHeads() + "-XXL";
            d.setNode(new PointMarker(label, label + ": " + p.seconds() + " s", "lab-paper"));
            paper.getData().add(d);
        }
        double top = 1.0;
        for (AinslieViewModel.Row r : rows) {
            if (!Double.isNaN(r.ratioToMha())) {
                top = Math.max(top, r.ratioToMha());
            }
        }
        y.setUpperBound(Math.ceil(top * 1.1 * 10) / 10); // a busy machine can make a point slower than MHA
        y.setTickUnit(y.getUpperBound() > 2 ? 0.5 : 0.1);
        tag(ours, "lab-decode-line");
        tag(bytes, "lab-formula-line");
        tag(paper, "lab-paper-line");
        rebuildTable(rows);
    }

    private static void tag(XYChart.Series<Number, Number> s, String cls) {
        if (s.getNode() != null && !s.getNode().getStyleClass().contains(cls)) {
            s.getNode().getStyleClass().add(cls);
        }
    }

    private void rebuildTable(List<AinslieViewModel.Row> rows) {
        table.getChildren().clear();
        String[] heads = {"lab.col.kvHeads", "lab.col.variant", "lab.col.time", "lab.col.ratioMha",
            "lab.col.bytesRatio", "lab.col.paperRatio"};
        for (int i = 0; i < heads.length; i++) {
            Label l = LabUi.header(heads[i]);
            table.add(l, i, 0);
        }
        int row = 1;
        for (AinslieViewModel.Row r : rows) {
            String paperRatio = "";
            if (vm.headsProperty().get() == PaperFigures.AINSLIE_XXL_HEADS) {
                for (PaperFigures.Point p : vm.paperPoints()) {
                    if (p.kvHeads() == r.kvHeads()) {
                        paperRatio = LabUi.ratio(p.ratioToMha()) + " (" + p.seconds() + " s)";
                    }
                }
            }
            table.addRow(row++, LabUi.cell(Integer.toString(r.kvHeads())), LabUi.cell(r.variant()),
                    LabUi.cell(Units.duration(r.bestNs() / 1e9)), LabUi.cell(LabUi.ratio(r.ratioToMha())),
                    LabUi.cell(LabUi.ratio(r.bytesRatio())), LabUi.cell(paperRatio));
        }
        if (rows.isEmpty()) {
            table.add(new Label(Messages.get("lab.noPoints")), 0, 1, heads.length, 1);
        }
    }
}
