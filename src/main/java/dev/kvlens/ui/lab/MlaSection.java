package dev.kvlens.ui.lab;

import dev.kvlens.lab.KvReductions;
import dev.kvlens.lab.MlaCache;
import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.Units;
import dev.kvlens.ui.common.ExportTarget;
import dev.kvlens.ui.common.Messages;
import java.util.List;
import javafx.beans.Observable;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import dev.kvlens.ui.common.AppIcon;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * MLA (DeepSeek-V2) cache size from its published shape beside MHA / current / MQA — formula only — and,
 * measured on the kernel, the other reductions: fp16 / bf16 / int8 caches and a sliding window.
 */
final class MlaSection implements LabSection {

    static final String CHART_ID = "lab-mla-chart";

    private final MlaViewModel vm;
    private final NumberAxis x = new NumberAxis();
    private final NumberAxis y = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(x, y);
    private final XYChart.Series<Number, Number> mha = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> current = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> mqa = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> mla = new XYChart.Series<>();
    private final Label facts = new Label();
    private final GridPane table = new GridPane();
    private final Label measuredOn = new Label();
    private final Node node;

    MlaSection(MlaViewModel vm) {
        this.vm = vm;
        chart.setId(CHART_ID);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setMinHeight(340);
        chart.getStyleClass().addAll("lab-chart", "lab-mla-chart");
        x.labelProperty().bind(Messages.bind("lab.mla.x"));
        y.labelProperty().bind(Messages.bind("lab.mla.y"));
        y.setTickLabelFormatter(LabUi.converter(v -> Units.bytes(v)));
        x.setTickLabelFormatter(LabUi.converter(v -> Units.count(Math.round(v))));
        mha.nameProperty().bind(Messages.bind("lab.mla.mha"));
        current.nameProperty().bind(Messages.bind(() -> Messages.get("lab.mla.current",
                vm.config().get().variantLabel()), vm.config().configProperty()));
        mqa.nameProperty().bind(Messages.bind("lab.mla.mqa"));
        mla.nameProperty().bind(Messages.bind("lab.mla.mla"));
        chart.getData().addAll(List.of(mha, current, mqa, mla));
        facts.setWrapText(true);
        facts.getStyleClass().addAll("kv-card", "formula");
        table.setId("lab-reductions-table");
        table.getStyleClass().addAll("kv-card", "lab-table");
        table.setHgap(18);
        table.setVgap(4);
        measuredOn.setWrapText(true);
        measuredOn.setMinWidth(0);
        HBox.setHgrow(measuredOn, javafx.scene.layout.Priority.ALWAYS);
        Button again = new Button();
        again.setId("lab-reductions-run");
        again.textProperty().bind(Messages.bind("lab.other.run"));
        again.setGraphic(AppIcon.PLAY.node());
        again.setOnAction(e -> vm.measureNow());
        again.disableProperty().bind(vm.runningProperty());
        ProgressIndicator spin = new ProgressIndicator(-1);
        spin.setPrefSize(18, 18);
        spin.visibleProperty().bind(vm.runningProperty());
        HBox bar = new HBox(10, again, spin, measuredOn);
        bar.setAlignment(Pos.CENTER_LEFT);
        node = LabUi.page(LabUi.title("lab.mla.title"), LabUi.text("lab.mla.intro"), chart, facts,
                LabUi.note("lab.mla.note"), LabUi.title("lab.other.title"), LabUi.text("lab.other.intro"), bar,
                LabUi.error(vm.errorProperty()), table, LabUi.note("lab.other.note"));
        vm.config().configProperty().addListener((Observable o) -> refresh());
        Messages.localeProperty().addListener((Observable o) -> {
            refresh();
            rebuildTable();
        });
        vm.rows().addListener((Observable o) -> rebuildTable());
        vm.runningProperty().addListener((Observable o) -> rebuildTable());
        refresh();
        rebuildTable();
    }

    @Override
    public String id() {
        return "mla";
    }

    @Override
    public String titleKey() {
        return "lab.section.mla";
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
        return List.of(ExportTarget.png("lab-mla", "lab.export.mla", () -> chart),
                ExportTarget.csv("lab-mla", "lab.export.mlaCsv", vm::csv),
                ExportTarget.png("lab-reductions", "lab.export.reductions", () -> table),
                ExportTarget.csv("lab-reductions", "lab.export.reductionsCsv", vm::reductionsCsv));
    }

    /** The measured reductions: storage, bytes, step time (median, best), output error; ratios to fp32 full. */
    private void rebuildTable() {
        table.getChildren().clear();
        String[] heads = {"lab.other.col.cache", "lab.other.col.bytes", "lab.other.col.bytesRatio",
            "lab.other.col.time", "lab.other.col.timeRatio", "lab.other.col.error"};
        for (int i = 0; i < heads.length; i++) {
            table.add(LabUi.header(heads[i]), i, 0);
        }
        KvReductions.Setup s = vm.measuredSetupProperty().get();
        List<KvReductions.Row> rows = vm.rows();
        if (s == null || rows.isEmpty()) {
            measuredOn.setText(Messages.get(vm.runningProperty().get() ? "lab.other.running" : "lab.noPoints"));
            return;
        }
        measuredOn.setText(Messages.get("lab.other.shape", s.heads(), s.kvHeads(), s.variant(), s.headDim(),
                Units.count(s.tokens()), Units.count(s.window())));
        KvReductions.Row base = rows.get(0);
        int r = 1;
        for (KvReductions.Row row : rows) {
            String name = row.windowed()
                    ? Messages.get("lab.other.row.window", row.format().id(), Units.count(row.window()))
                    : Messages.get("lab.other.row." + row.format().id());
            String err = row == base ? Messages.get("lab.other.reference") : errorText(row.relError());
            table.addRow(r++, LabUi.cell(name), LabUi.cell(Units.bytes(row.cacheBytes())),
                    LabUi.cell(LabUi.ratio(row.cacheBytes() / (double) base.cacheBytes())),
                    LabUi.cell(Units.duration(row.medianNs() / 1e9) + " (" + Units.duration(row.bestNs() / 1e9) + ")"),
                    LabUi.cell(LabUi.ratio(row.timeVsFp32())), LabUi.cell(err));
        }
    }

    /** Rounding errors in scientific notation (1.96e-04), a dropped-token difference as a plain number (1.73). */
    static String errorText(double e) {
        return String.format(java.util.Locale.ROOT, e >= 0.01 ? "%.2f" : "%.2e", e);
    }

    private void refresh() {
        mha.getData().clear();
        current.getData().clear();
        mqa.getData().clear();
        mla.getData().clear();
        for (MlaCache.Point p : vm.curve()) {
            mha.getData().add(new XYChart.Data<>(p.tokens(), p.mha()));
            current.getData().add(new XYChart.Data<>(p.tokens(), p.current()));
            mqa.getData().add(new XYChart.Data<>(p.tokens(), p.mqa()));
            mla.getData().add(new XYChart.Data<>(p.tokens(), p.mla()));
        }
        niceBytesAxis(vm.atSeqLen().mha());
        tag(mha, "lab-mha-line");
        tag(current, "lab-current-line");
        tag(mqa, "lab-mqa-line");
        tag(mla, "lab-mla-line");
        AttentionConfig c = vm.config().get();
        MlaCache.Point end = vm.atSeqLen();
        facts.setText(Messages.get("lab.mla.facts", Units.count(c.seqLen()), c.layers(), c.dtype().id(),
                Units.bytes(end.mha()), c.variantLabel(), Units.bytes(end.current()), Units.bytes(end.mqa()),
                Units.bytes(end.mla()), Units.bytes(vm.deepSeekBytesPerToken()),
                Units.bytes(vm.deepSeekAsMhaBytesPerToken()), LabUi.number(vm.equivalentGroups(), 2), c.headDim()));
    }

    /** Ticks at 1, 2 or 5 × 10^k of the largest value's byte unit (256 MiB, not 238.4 MiB). */
    private void niceBytesAxis(long max) {
        double unit = Math.pow(1024, Units.byteUnitIndex(Math.max(1, max)));
        double raw = max / unit / 6;
        double mag = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        double step = raw / mag <= 1 ? mag : raw / mag <= 2 ? 2 * mag : raw / mag <= 5 ? 5 * mag : 10 * mag;
        double tick = step * unit;
        y.setAutoRanging(false);
        y.setLowerBound(0);
        y.setTickUnit(tick);
        y.setUpperBound(Math.max(tick, Math.ceil(max / tick) * tick));
        long tokens = vm.config().get().seqLen();
        x.setAutoRanging(false);
        x.setLowerBound(0);
        double xraw = tokens / 8.0;
        double xmag = Math.pow(10, Math.floor(Math.log10(Math.max(xraw, 1))));
        double xstep = xraw / xmag <= 1 ? xmag : xraw / xmag <= 2 ? 2 * xmag : xraw / xmag <= 5 ? 5 * xmag : 10 * xmag;
        x.setTickUnit(xstep);
        x.setUpperBound(Math.max(1, tokens));
    }

    private static void tag(XYChart.Series<Number, Number> s, String cls) {
        if (s.getNode() != null && !s.getNode().getStyleClass().contains(cls)) {
            s.getNode().getStyleClass().add(cls);
        }
    }
}
