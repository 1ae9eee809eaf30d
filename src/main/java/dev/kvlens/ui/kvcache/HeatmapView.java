package dev.kvlens.ui.kvcache;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Styles;
import dev.kvlens.ui.kvcache.DecodeSession.Snapshot;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

/**
 * Live attention heatmap: the kernel's softmax weights for the chosen query head and the other heads of its
 * group, side by side. Row = a token's query, column = a cached position; the newest row is the latest decode
 * step, the rows above form the causal prefill matrix. Drawn on a canvas; the colours are read from CSS
 * (style classes {@code heat-hot}, {@code heat-text}) so they follow the theme.
 */
final class HeatmapView extends VBox {

    static final String HEAD_SPINNER_ID = "heatHead";
    static final String CANVAS_ID = "heatCanvas";
    private static final double LABEL_W = 78;
    private static final double HEADER_H = 24;

    private final KvCacheViewModel vm;
    private final Spinner<Integer> head = new Spinner<>();
    private final Label note = new Label();
    private final Pane holder = new Pane();
    private final Canvas canvas = new Canvas();
    private final Rectangle hotProbe = new Rectangle(0, 0);
    private final Rectangle textProbe = new Rectangle(0, 0);
    private final Rectangle gridProbe = new Rectangle(0, 0);
    private final Tooltip tip = new Tooltip();
    private double cell;
    private double panelW;

    HeatmapView(KvCacheViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll(Styles.CARD, "heatmap");
        setSpacing(6);
        Label title = new Label();
        title.textProperty().bind(Messages.bind("kvcache.heat.title"));
        title.getStyleClass().add("heat-title");
        Label headLabel = new Label();
        headLabel.textProperty().bind(Messages.bind("kvcache.heat.head"));
        head.setId(HEAD_SPINNER_ID);
        head.setEditable(true);
        head.setPrefWidth(90);
        head.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedHeadProperty().set(b);
            }
        });
        HBox bar = new HBox(10, title, headLabel, head, note);
        bar.setAlignment(Pos.CENTER_LEFT);
        note.getStyleClass().add(Styles.MUTED);
        Label intro = new Label();
        intro.textProperty().bind(Messages.bind("kvcache.heat.intro"));
        intro.setWrapText(true);
        intro.getStyleClass().add(Styles.MUTED);
        hotProbe.getStyleClass().add("heat-hot");
        textProbe.getStyleClass().add("heat-text");
        gridProbe.getStyleClass().add("heat-grid");
        for (Rectangle r : List.of(hotProbe, textProbe, gridProbe)) {
            r.setManaged(false);
            r.setVisible(false);
        }
        canvas.setId(CANVAS_ID);
        holder.getChildren().addAll(canvas, hotProbe, textProbe, gridProbe);
        holder.setMinHeight(120);
        holder.setPrefHeight(260);
        holder.widthProperty().addListener((o, a, b) -> draw());
        holder.heightProperty().addListener((o, a, b) -> draw());
        Tooltip.install(canvas, tip);
        tip.setShowDelay(Duration.millis(80));
        canvas.setOnMouseMoved(e -> tip.setText(cellText(e.getX(), e.getY())));
        getChildren().addAll(bar, intro, holder);
        setPadding(new Insets(10, 12, 10, 12));
        syncHeads();
    }

    /** Keeps the spinner's range at 0..H-1. */
    void syncHeads() {
        int h = vm.config().heads();
        int sel = Math.min(h - 1, Math.max(0, vm.selectedHeadProperty().get()));
        head.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, h - 1, sel));
        vm.selectedHeadProperty().set(sel);
    }

    void draw() {
        double w = holder.getWidth();
        double h = holder.getHeight();
        canvas.setWidth(w);
        canvas.setHeight(h);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        Snapshot s = vm.snapshotProperty().get();
        AttentionConfig c = vm.config();
        int[] heads = vm.heatmapHeads();
        if (heads.length > 0) {
            int grp = c.kvHeadOf(heads[0]);
            note.setText(c.headsPerGroup() > heads.length
                    ? Messages.get("kvcache.heat.more", heads[0], heads[heads.length - 1], grp, c.headsPerGroup())
                    : "");
        }
        Paint text = color(textProbe, Color.GRAY);
        g.setFont(Font.font(note.getFont().getSize() * 0.92));
        g.setTextBaseline(VPos.CENTER);
        if (s == null || s.weights().length == 0 || s.rows(0).length == 0) {
            g.setFill(text);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(Messages.get("kvcache.heat.none"), 8, 20);
            cell = 0;
            return;
        }
        Color hot = color(hotProbe, Color.STEELBLUE) instanceof Color col ? col : Color.STEELBLUE;
        Paint grid = color(gridProbe, Color.LIGHTGRAY);
        int n = s.rows(0).length;
        int panels = s.weights().length;
        panelW = (w - LABEL_W) / panels;
        cell = Math.max(2, Math.min((panelW - 16) / Math.max(n, vm.tokens().size()),
                (h - HEADER_H - 4) / Math.max(n, vm.tokens().size())));
        List<String> tokens = vm.tokens();
        g.setTextAlign(TextAlignment.RIGHT);
        g.setFill(text);
        for (int r = 0; r < n; r++) {
            if (cell >= 9) {
                g.fillText(tokens.get(r), LABEL_W - 6, HEADER_H + (r + 0.5) * cell);
            }
        }
        for (int p = 0; p < panels; p++) {
            float[][] rows = s.rows(p);
            double x0 = LABEL_W + p * panelW;
            g.setTextAlign(TextAlignment.LEFT);
            g.setFill(text);
            g.fillText(Messages.get("kvcache.heat.headTitle", s.weightHeads()[p], c.kvHeadOf(s.weightHeads()[p])),
                    x0, HEADER_H / 2);
            for (int r = 0; r < rows.length; r++) {
                float max = 0;
                for (float v : rows[r]) {
                    max = Math.max(max, v);
                }
                for (int col = 0; col < rows[r].length; col++) {
                    double a = max > 0 ? rows[r][col] / max : 0;
                    g.setFill(hot.deriveColor(0, 1, 1, 0.08 + 0.92 * a));
                    g.fillRect(x0 + col * cell, HEADER_H + r * cell, Math.max(1, cell - 1), Math.max(1, cell - 1));
                }
            }
            // outline the newest row: the latest decode step
            g.setStroke(grid);
            g.setLineWidth(1.5);
            int last = rows.length - 1;
            g.strokeRect(x0 - 1, HEADER_H + last * cell - 1, rows[last].length * cell + 1, cell + 1);
        }
    }

    private String cellText(double x, double y) {
        Snapshot s = vm.snapshotProperty().get();
        if (s == null || cell <= 0 || x < LABEL_W || y < HEADER_H) {
            return "";
        }
        int p = (int) ((x - LABEL_W) / panelW);
        if (p < 0 || p >= s.weights().length) {
            return "";
        }
        int col = (int) ((x - LABEL_W - p * panelW) / cell);
        int row = (int) ((y - HEADER_H) / cell);
        float[][] rows = s.rows(p);
        if (row < 0 || row >= rows.length || col < 0 || col >= rows[row].length) {
            return "";
        }
        List<String> t = vm.tokens();
        return Messages.get("kvcache.heat.cell", s.weightHeads()[p], t.get(row), t.get(col),
                String.format(Locale.ROOT, "%.4f", rows[row][col]));
    }

    private static Paint color(Rectangle probe, Paint fallback) {
        probe.applyCss();
        Paint p = probe.getFill();
        return p == null ? fallback : p;
    }
}
