package dev.kvlens.ui.lab;

import dev.kvlens.lab.LabProbe;
import dev.kvlens.lab.Roofline;
import dev.kvlens.lab.Shape;
import dev.kvlens.lab.Timed;
import dev.kvlens.model.Units;
import dev.kvlens.ui.common.ExportTarget;
import dev.kvlens.ui.common.Messages;
import java.util.List;
import javafx.beans.Observable;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/** Roofline view: the two measured roofs and the measured decode / prefill points, log–log. */
final class RooflineSection implements LabSection {

    static final String CHART_ID = "lab-roofline-chart";

    private final RooflineViewModel vm;
    private final NumberAxis x = LabUi.log10Axis(-1, 4);
    private final NumberAxis y = LabUi.log10Axis(-1, 3);
    private final LineChart<Number, Number> chart = new LineChart<>(x, y);
    private final XYChart.Series<Number, Number> roof = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> decode = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> prefill = new XYChart.Series<>();
    private final Label limits = new Label();
    private final Label suspect = new Label();
    private final GridPane table = new GridPane();
    private final Node node;

    RooflineSection(RooflineViewModel vm) {
        this.vm = vm;
        chart.setId(CHART_ID);
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.setMinHeight(380);
        chart.getStyleClass().add("lab-chart");
        x.labelProperty().bind(Messages.bind("lab.roofline.x"));
        y.labelProperty().bind(Messages.bind("lab.roofline.y"));
        roof.nameProperty().bind(Messages.bind("lab.roofline.roof"));
        decode.nameProperty().bind(Messages.bind("lab.roofline.decode"));
        prefill.nameProperty().bind(Messages.bind("lab.roofline.prefill"));
        chart.getData().addAll(List.of(roof, decode, prefill));
        limits.setWrapText(true);
        limits.getStyleClass().add("formula");
        suspect.setWrapText(true);
        suspect.getStyleClass().add("error-text");
        suspect.managedProperty().bind(suspect.visibleProperty());
        table.getStyleClass().addAll("kv-card", "lab-table");
        table.setHgap(18);
        table.setVgap(4);
        node = LabUi.page(LabUi.title("lab.roofline.title"), LabUi.text("lab.roofline.intro"),
                new MeasuredControls(vm, "lab-roofline"), LabUi.error(vm.errorProperty()), suspect, chart, limits, table,
                LabUi.note("lab.roofline.note"));
        vm.points().addListener((ListChangeListener<Timed>) c -> refresh());
        vm.limitsProperty().addListener((Observable o) -> refresh());
        Messages.localeProperty().addListener((Observable o) -> refresh());
        refresh();
    }

    @Override
    public String id() {
        return "roofline";
    }

    @Override
    public String titleKey() {
        return "lab.section.roofline";
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
        return List.of(ExportTarget.png("lab-roofline", "lab.export.roofline", () -> chart),
                ExportTarget.csv("lab-roofline", "lab.export.rooflineCsv", vm::csv));
    }

    private void refresh() {
        Roofline r = vm.roofline();
        List<Timed> pts = List.copyOf(vm.points());
        double lo = -1;
        double hi = 4;
        double ylo = -1;
        double yhi = 3;
        for (Timed t : pts) {
            lo = Math.min(lo, Math.floor(Math.log10(t.shape().intensity()) - 0.3));
            hi = Math.max(hi, Math.ceil(Math.log10(t.shape().intensity()) + 0.3));
            ylo = Math.min(ylo, Math.floor(Math.log10(t.gflops()) - 0.3));
            yhi = Math.max(yhi, Math.ceil(Math.log10(t.gflops()) + 0.3));
        }
        if (r != null) {
            yhi = Math.max(yhi, Math.ceil(Math.log10(r.peakGflops()) + 0.3));
            ylo = Math.min(ylo, Math.floor(Math.log10(r.attainable(Math.pow(10, lo)))));
        }
        x.setLowerBound(lo);
        x.setUpperBound(hi);
        y.setLowerBound(ylo);
        y.setUpperBound(yhi);
        roof.getData().clear();
        if (r != null) {
            for (double e : new double[] {lo, Math.log10(r.ridge()), hi}) {
                XYChart.Data<Number, Number> d = new XYChart.Data<>(e, Math.log10(r.attainable(Math.pow(10, e))));
                d.setNode(new PointMarker(null, null, "lab-roof-dot"));
                roof.getData().add(d);
            }
        }
        fill(decode, pts, Shape.Mode.DECODE, "lab-decode");
        fill(prefill, pts, Shape.Mode.PREFILL, "lab-prefill");
        LabProbe.Limits l = vm.limitsProperty().get();
        limits.setText(l == null ? Messages.get("lab.roofline.noLimits")
                : Messages.get("lab.roofline.limits", LabUi.number(l.readGBs(), 1), Units.bytes(l.probeBytes()),
                        LabUi.number(l.fmaGflops(), 1), LabUi.number(l.roofline().ridge(), 2), l.machine()));
        rebuildTable(pts);
        styleSeries();
        suspect.setVisible(r != null && vm.calibrationSuspect());
        suspect.setText(Messages.get("lab.roofline.suspect"));
    }

    private void fill(XYChart.Series<Number, Number> s, List<Timed> pts, Shape.Mode mode, String cls) {
        s.getData().clear();
        for (Timed t : pts) {
            if (t.shape().mode() != mode) {
                continue;
            }
            XYChart.Data<Number, Number> d = new XYChart.Data<>(Math.log10(t.shape().intensity()),
                    Math.log10(t.gflops()));
            String tip = t.shape().variant() + " " + mode.name().toLowerCase() + ": "
                    + LabUi.number(t.shape().intensity(), 2) + " FLOP/B, " + LabUi.number(t.gflops(), 2)
                    + " GFLOP/s, " + Units.duration(t.bestNs() / 1e9);
            d.setNode(new PointMarker(t.shape().variant(), tip, cls));
            s.getData().add(d);
        }
    }

    private void styleSeries() {
        tag(roof, "lab-roof-line");
        tag(decode, "lab-decode-line");
        tag(prefill, "lab-prefill-line");
    }

    private static void tag(XYChart.Series<Number, Number> s, String cls) {
        if (s.getNode() != null && !s.getNode().getStyleClass().contains(cls)) {
            s.getNode().getStyleClass().add(cls);
        }
    }

    private void rebuildTable(List<Timed> pts) {
        table.getChildren().clear();
        String[] heads = {"lab.col.mode", "lab.col.variant", "lab.col.shape", "lab.col.intensity", "lab.col.gflops",
            "lab.col.roof", "lab.col.time"};
        for (int i = 0; i < heads.length; i++) {
            Label h = LabUi.header(heads[i]);
            table.add(h, i, 0);
        }
        int row = 1;
        for (Timed t : pts) {
            Shape s = t.shape();
            table.addRow(row++, LabUi.cell(Messages.get(s.mode() == Shape.Mode.DECODE ? "lab.mode.decode"
                    : "lab.mode.prefill")), LabUi.cell(s.variant()),
                    LabUi.cell(Messages.get("lab.shape", s.batch(), s.heads(), s.kvHeads(), s.headDim(), s.seq())),
                    LabUi.cell(LabUi.number(s.intensity(), 2)), LabUi.cell(LabUi.number(t.gflops(), 2)),
                    LabUi.cell(LabUi.percent(vm.fractionOfRoof(t))), LabUi.cell(Units.duration(t.bestNs() / 1e9)));
        }
        if (pts.isEmpty()) {
            table.add(new Label(Messages.get("lab.noPoints")), 0, 1, heads.length, 1);
        }
        double sp = vm.decodeSpeedupMqa();
        if (!Double.isNaN(sp)) {
            Label l = new Label(Messages.get("lab.roofline.speedup", LabUi.ratio(sp)));
            l.setWrapText(true);
            table.add(l, 0, row, heads.length, 1);
        }
    }
}
