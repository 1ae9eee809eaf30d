package dev.kvlens.ui.kvcache;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.ui.kvcache.DecodeSession.LaneKind;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.layout.Region;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * The three cache lanes drawn as one region: a token column on the left, then per lane the K block and the V
 * block, one column per KV head, one row per cached token. Lane widths follow the number of KV heads, so
 * the growth per token is seen as area. Nodes are created when the shape changes and only moved afterwards.
 */
final class CacheLanesPane extends Region {

    static final double TOKEN_COLUMN = 92;
    static final double LANE_GAP = 18;
    private static final double TOP = 40;

    private final KvCacheViewModel vm;
    private final List<Text> tokenTexts = new ArrayList<>();
    private final Lane[] lanes = new Lane[3];
    private int builtHeads = -1;
    private int builtKv = -1;
    private int builtTokens = -1;
    /** Step animation: 0 = reading starts, 0.5 = the new row starts to appear, 1 = at rest. */
    private double stepPhase = 1;

    private final class Lane {
        final LaneKind kind;
        final int kv;
        final Text title = new Text();
        final Text kLabel = new Text();
        final Text vLabel = new Text();
        final List<Rectangle> kCols = new ArrayList<>();
        final List<Rectangle> vCols = new ArrayList<>();
        final Path grid = new Path();
        final Rectangle readK = new Rectangle();
        final Rectangle readV = new Rectangle();
        final Rectangle newRow = new Rectangle();
        /** Every cached K and V is read by some query head of the new token: a light wash over both blocks. */
        final Rectangle washK = new Rectangle();
        final Rectangle washV = new Rectangle();

        Lane(LaneKind kind, int kv) {
            this.kind = kind;
            this.kv = kv;
            String laneClass = "lane-" + kind.name().toLowerCase(java.util.Locale.ROOT);
            title.getStyleClass().addAll("lane-title", laneClass);
            title.setTextOrigin(VPos.BOTTOM);
            for (Text t : List.of(kLabel, vLabel)) {
                t.getStyleClass().add("lane-kv-label");
                t.setTextOrigin(VPos.BOTTOM);
            }
            kLabel.setText("K");
            vLabel.setText("V");
            grid.getStyleClass().add("lane-grid");
            for (int i = 0; i < kv; i++) {
                Rectangle k = new Rectangle();
                k.getStyleClass().addAll("cache-column", "k-column", laneClass);
                Rectangle v = new Rectangle();
                v.getStyleClass().addAll("cache-column", "v-column", laneClass);
                kCols.add(k);
                vCols.add(v);
            }
            readK.getStyleClass().add("reading");
            readV.getStyleClass().add("reading");
            newRow.getStyleClass().add("new-row");
            washK.getStyleClass().add("reading-all");
            washV.getStyleClass().add("reading-all");
            for (Rectangle r : List.of(readK, readV, newRow, washK, washV)) {
                r.setMouseTransparent(true);
            }
            getChildren().add(grid);
            getChildren().addAll(kCols);
            getChildren().addAll(vCols);
            getChildren().addAll(washK, washV, readK, readV, newRow, title, kLabel, vLabel);
        }
    }

    CacheLanesPane(KvCacheViewModel vm) {
        this.vm = vm;
        getStyleClass().add("cache-lanes");
        setMinHeight(220);
        setPrefHeight(380);
    }

    void setStepPhase(double p) {
        stepPhase = Math.max(0, Math.min(1, p));
        requestLayout();
    }

    /** Rebuilds nodes if H, KV or the sentence changed; then lays everything out. */
    void refresh() {
        AttentionConfig c = vm.config();
        if (c.heads() != builtHeads || c.kvHeads() != builtKv || vm.tokens().size() != builtTokens) {
            getChildren().clear();
            tokenTexts.clear();
            builtHeads = c.heads();
            builtKv = c.kvHeads();
            builtTokens = vm.tokens().size();
            for (int i = 0; i < builtTokens; i++) {
                Text t = new Text();
                t.getStyleClass().add("token-label");
                t.setTextOrigin(VPos.CENTER);
                tokenTexts.add(t);
            }
            getChildren().addAll(tokenTexts);
            lanes[0] = new Lane(LaneKind.MHA, c.heads());
            lanes[1] = new Lane(LaneKind.CURRENT, c.kvHeads());
            lanes[2] = new Lane(LaneKind.MQA, 1);
        }
        for (int i = 0; i < builtTokens; i++) {
            tokenTexts.get(i).setText(vm.tokens().get(i));
        }
        for (Lane l : lanes) {
            l.title.setText(vm.laneTitle(l.kind));
        }
        requestLayout();
    }

    /** Width of each lane slot (equal thirds of what the token column leaves). */
    double laneSlotWidth() {
        return Math.max(60, (getWidth() - TOKEN_COLUMN - 2 * LANE_GAP) / 3);
    }

    @Override
    protected void layoutChildren() {
        if (lanes[0] == null) {
            return;
        }
        AttentionConfig c = vm.config();
        int tokens = builtTokens;
        int cached = vm.cachedTokens();
        int prompt = vm.promptTokens();
        double slot = laneSlotWidth();
        double rowH = Math.max(6, Math.min(19, (getHeight() - TOP - 6) / tokens));
        // one cell width for all lanes: the MHA lane (2H columns) must fit its slot
        double cell = Math.max(0.6, Math.min(22, (slot - 14) / (2.0 * c.heads() + 0.5)));
        double gridTop = TOP;
        for (int i = 0; i < tokens; i++) {
            Text t = tokenTexts.get(i);
            t.setX(TOKEN_COLUMN - 8 - t.getLayoutBounds().getWidth());
            t.setY(gridTop + (i + 0.5) * rowH);
            setState(t, i < prompt ? "prompt" : i < cached ? "generated" : "future");
        }
        int sel = Math.max(0, Math.min(c.heads() - 1, vm.selectedHeadProperty().get()));
        for (int li = 0; li < 3; li++) {
            Lane l = lanes[li];
            double x0 = TOKEN_COLUMN + li * (slot + LANE_GAP);
            double blockW = l.kv * cell;
            double gap = Math.max(6, cell * 0.5);
            double total = 2 * blockW + gap;
            double kx = x0 + Math.max(0, (slot - total) / 2);
            double vx = kx + blockW + gap;
            l.title.setX(x0);
            l.title.setY(18);
            l.kLabel.setX(kx);
            l.kLabel.setY(gridTop - 3);
            l.vLabel.setX(vx);
            l.vLabel.setY(gridTop - 3);
            double colGap = cell >= 5 ? 1 : 0;
            // during the first half of a step the newest row is not there yet; it grows in the second half
            double grow = stepPhase >= 1 ? 1 : Math.max(0, (stepPhase - 0.5) * 2);
            double rows = stepPhase >= 1 ? cached : cached - 1 + grow;
            for (int g = 0; g < l.kv; g++) {
                place(l.kCols.get(g), kx + g * cell, gridTop, cell - colGap, rows * rowH);
                place(l.vCols.get(g), vx + g * cell, gridTop, cell - colGap, rows * rowH);
            }
            // grid lines: one per token row over both blocks
            l.grid.getElements().clear();
            for (int r = 0; r <= tokens; r++) {
                double y = gridTop + r * rowH;
                l.grid.getElements().add(new MoveTo(kx, y));
                l.grid.getElements().add(new LineTo(kx + blockW, y));
                l.grid.getElements().add(new MoveTo(vx, y));
                l.grid.getElements().add(new LineTo(vx + blockW, y));
            }
            // which K/V head the selected query head reads in this lane
            int read = switch (l.kind) {
                case MHA -> sel;
                case CURRENT -> c.kvHeadOf(sel);
                case MQA -> 0;
            };
            boolean reading = stepPhase < 0.5 && vm.position() > 0;
            int readRows = Math.max(0, cached - 1);
            l.readK.setVisible(reading);
            l.readV.setVisible(reading);
            l.washK.setVisible(reading);
            l.washV.setVisible(reading);
            if (reading) {
                place(l.washK, kx, gridTop, blockW - colGap, readRows * rowH);
                place(l.washV, vx, gridTop, blockW - colGap, readRows * rowH);
            }
            if (reading) {
                double pad = 1.5;
                place(l.readK, kx + read * cell - pad, gridTop - pad, cell + 2 * pad - colGap, readRows * rowH + 2 * pad);
                place(l.readV, vx + read * cell - pad, gridTop - pad, cell + 2 * pad - colGap, readRows * rowH + 2 * pad);
            }
            boolean fresh = vm.position() > 0 && stepPhase < 1;
            l.newRow.setVisible(fresh && grow > 0);
            if (fresh) {
                double y = gridTop + (cached - 1) * rowH;
                place(l.newRow, kx - 3, y, total + 6, rowH * grow);
            }
        }
    }

    private static void setState(Text t, String state) {
        if (t.getStyleClass().contains(state)) {
            return;
        }
        t.getStyleClass().removeAll("prompt", "generated", "future");
        t.getStyleClass().add(state);
    }

    private static void place(Rectangle r, double x, double y, double w, double h) {
        r.setX(x);
        r.setY(y);
        r.setWidth(Math.max(0.5, w));
        r.setHeight(Math.max(0, h));
    }

    // ---- for tests ----

    double columnHeight(LaneKind k, int kvHead) {
        return lanes[k.ordinal()].kCols.get(kvHead).getHeight();
    }

    int columns(LaneKind k) {
        return lanes[k.ordinal()].kCols.size();
    }

    boolean readingShown(LaneKind k) {
        return lanes[k.ordinal()].readK.isVisible();
    }
}
