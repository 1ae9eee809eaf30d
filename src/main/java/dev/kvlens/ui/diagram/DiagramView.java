package dev.kvlens.ui.diagram;

import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Styles;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

/**
 * The head-sharing diagram: H query blocks on top, K blocks and V blocks below, one line from every query
 * head to the K/V head it reads. Colours come from the group classes ({@link Styles#group}) in CSS; the
 * morph is driven by one {@link AnimationTimer} that is retargeted, never queued.
 */
public final class DiagramView extends BorderPane {

    public static final String CAPTION_ID = "diagramCaption";
    public static final String DETAIL_ID = "diagramDetail";
    public static final String CANVAS_ID = "diagramCanvas";
    static final String QUERY = "query-block";
    static final String KEY = "key-block";
    static final String VALUE = "value-block";
    static final String LINE = "head-line";
    static final String DIMMED = "dimmed";
    static final String HOT = "hot";
    /** Above this many query heads the drawing is compact: plain blocks, neutral lines. */
    static final int DENSE_HEADS = 32;

    private final DiagramViewModel vm;
    private final Label caption = new Label();
    private final Label detail = new Label();
    private final Pane canvas = new Pane();
    private final Tooltip tip = new Tooltip();
    private final List<Rectangle> queries = new ArrayList<>();
    private final List<Rectangle> keys = new ArrayList<>();
    private final List<Rectangle> values = new ArrayList<>();
    /** One path per colour class: a few large shapes draw far faster than H separate lines. */
    private final List<Path> linePaths = new ArrayList<>();
    /** The hovered group's lines, drawn on top. */
    private final Path hotLines = new Path();
    private double[] lineEndX = new double[0];
    private final List<Text> queryLabels = new ArrayList<>();
    private final List<Text> kvLabels = new ArrayList<>();
    private final Label queryTitle = new Label();
    private final Label keyTitle = new Label();
    private final Label valueTitle = new Label();
    private int[] drawnGroup = new int[0];
    private long morphStart;
    private boolean running;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            vm.setProgress(DiagramViewModel.progressAt((now - morphStart) / 1e6));
            render();
            if (!vm.morphing()) {
                stopMorph();
            }
        }
    };

    public DiagramView(DiagramViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll(Styles.PAGE, "diagram");
        getStylesheets().add(DiagramView.class.getResource("/dev/kvlens/ui/diagram/diagram.css").toExternalForm());
        caption.setId(CAPTION_ID);
        caption.getStyleClass().add("diagram-caption");
        caption.setWrapText(true);
        detail.setId(DETAIL_ID);
        detail.getStyleClass().add(Styles.FORMULA);
        detail.setWrapText(true);
        Label hint = new Label();
        hint.textProperty().bind(Messages.bind("diagram.hint"));
        hint.getStyleClass().add(Styles.MUTED);
        hint.setWrapText(true);
        VBox top = new VBox(4, caption, detail, hint);
        top.setPadding(new Insets(14, 18, 6, 18));
        setTop(top);
        canvas.setId(CANVAS_ID);
        canvas.getStyleClass().add("diagram-canvas");
        canvas.setMinSize(0, 0);
        canvas.setOnMouseExited(e -> vm.hoveredGroupProperty().set(-1));
        BorderPane.setMargin(canvas, new Insets(4, 18, 18, 18));
        setCenter(canvas);
        tip.setShowDelay(Duration.millis(120));
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        for (Label t : List.of(queryTitle, keyTitle, valueTitle)) {
            t.getStyleClass().add("row-title");
            t.setMouseTransparent(true);
            t.setManaged(false);
        }
        canvas.widthProperty().addListener((o, a, b) -> render());
        canvas.heightProperty().addListener((o, a, b) -> render());
        vm.revisionProperty().addListener((o, a, b) -> changed());
        vm.hoveredGroupProperty().addListener((o, a, b) -> render());
        Messages.localeProperty().addListener((o, a, b) -> texts());
        rebuild();
        texts();
    }

    /** A new config: rebuild for a new H, start (or retarget) the morph, draw this frame. */
    private void changed() {
        if (vm.heads() != queries.size()) {
            rebuild();
        }
        texts();
        if (vm.morphing()) {
            morphStart = System.nanoTime();
            if (!running) {
                running = true;
                timer.start();
            }
        }
        render();
    }

    private void stopMorph() {
        timer.stop();
        running = false;
    }

    /** Stops the animation for good (the page is hidden or closed); the picture jumps to its target. */
    public void stop() {
        stopMorph();
        vm.setProgress(1);
        render();
    }

    public boolean animating() {
        return running;
    }

    private void texts() {
        caption.setText(vm.caption());
        detail.setText(vm.detail());
        queryTitle.setText(Messages.get("diagram.row.query", vm.heads()));
        keyTitle.setText(Messages.get("diagram.row.keys", vm.kvHeads()));
        valueTitle.setText(Messages.get("diagram.row.values", vm.kvHeads()));
    }

    private void rebuild() {
        int h = vm.heads();
        canvas.getChildren().clear();
        queries.clear();
        keys.clear();
        values.clear();
        linePaths.clear();
        lineEndX = new double[h];
        queryLabels.clear();
        kvLabels.clear();
        drawnGroup = new int[h];
        List<Node> back = new ArrayList<>();
        List<Node> front = new ArrayList<>();
        for (int i = 0; i < h; i++) {
            final int head = i;
            Rectangle q = block(QUERY, () -> vm.queryTooltip(head), head);
            queries.add(q);
            Rectangle k = block(KEY, () -> vm.kvTooltip(vm.targetGroupOf(head)), head);
            keys.add(k);
            Rectangle v = block(VALUE, () -> vm.kvTooltip(vm.targetGroupOf(head)), head);
            values.add(v);
            front.add(q);
            front.add(k);
            front.add(v);
            Text ql = label("Q" + i);
            queryLabels.add(ql);
            Text kl = label("");
            kvLabels.add(kl);
            front.add(ql);
            front.add(kl);
            drawnGroup[i] = -1;
        }
        for (int c = 0; c < Styles.GROUP_COLOURS; c++) {
            Path p = new Path();
            p.getStyleClass().addAll(LINE, Styles.group(c));
            p.setMouseTransparent(true);
            linePaths.add(p);
            back.add(p);
        }
        hotLines.getStyleClass().setAll(LINE, HOT);
        hotLines.setMouseTransparent(true);
        back.add(hotLines);
        canvas.getChildren().addAll(back);
        canvas.getChildren().addAll(front);
        canvas.getChildren().addAll(queryTitle, keyTitle, valueTitle);
    }

    private Rectangle block(String style, java.util.function.Supplier<String> text, int head) {
        Rectangle r = new Rectangle();
        r.getStyleClass().addAll("head-block", style);
        Tooltip.install(r, tip);
        r.setOnMouseEntered(e -> {
            tip.setText(text.get());
            vm.hoveredGroupProperty().set(vm.targetGroupOf(head));
        });
        r.setOnMouseExited(e -> vm.hoveredGroupProperty().set(-1));
        return r;
    }

    private static Text label(String s) {
        Text t = new Text(s);
        t.getStyleClass().add("block-label");
        t.setTextOrigin(VPos.BOTTOM);
        t.setTextAlignment(TextAlignment.CENTER);
        t.setMouseTransparent(true);
        return t;
    }

    /** Positions every node for the current morph progress and the pane's size. */
    void render() {
        int h = vm.heads();
        if (queries.size() != h) {
            return;
        }
        double w = canvas.getWidth();
        double ht = canvas.getHeight();
        if (w <= 0 || ht <= 0) {
            return;
        }
        double pad = 4;
        double unit = (w - 2 * pad) / h;
        double title = 24;
        double blockH = Math.max(16, Math.min(46, ht * 0.09));
        double qy = title + 18;
        double vBottom = ht - 22;
        double vy = vBottom - blockH;
        double ky = vy - title - blockH;
        if (ky < qy + blockH + 30) {
            ky = qy + blockH + 30;
            vy = ky + blockH + title;
        }
        for (Label t : List.of(queryTitle, keyTitle, valueTitle)) {
            t.autosize();
        }
        queryTitle.relocate(pad, qy - 18 - queryTitle.getHeight());
        keyTitle.relocate(pad, ky - 2 - keyTitle.getHeight());
        valueTitle.relocate(pad, vy - 2 - valueTitle.getHeight());
        int qStride = DiagramViewModel.labelStride(unit, labelWidth("Q" + (h - 1)));
        int per = h / vm.kvHeads();
        int kvStride = DiagramViewModel.labelStride(unit * per, labelWidth("KV" + (vm.kvHeads() - 1)));
        List<List<PathElement>> paths = new ArrayList<>();
        for (int c = 0; c < Styles.GROUP_COLOURS; c++) {
            paths.add(new ArrayList<>());
        }
        List<PathElement> hot = new ArrayList<>();
        int hovered = vm.hoveredGroupProperty().get();
        boolean dense = h > DENSE_HEADS;
        toggle(linePaths.get(0), "neutral", dense);
        for (int i = 0; i < h; i++) {
            double qx0 = pad + vm.queryLeft(i) * unit;
            double qx1 = pad + vm.queryRight(i) * unit;
            place(queries.get(i), qx0, qy, qx1 - qx0, blockH);
            double x0 = pad + vm.left(i) * unit;
            double x1 = pad + vm.right(i) * unit;
            place(keys.get(i), x0, ky, x1 - x0, blockH);
            place(values.get(i), x0, vy, x1 - x0, blockH);
            // heads whose block is the same as the previous head's draw nothing new: hide the duplicate
            boolean dup = i > 0 && vm.left(i) == vm.left(i - 1) && vm.right(i) == vm.right(i - 1)
                    && vm.groupOf(i) == vm.groupOf(i - 1);
            keys.get(i).setVisible(!dup);
            values.get(i).setVisible(!dup);
            double endX = pad + vm.centre(i) * unit;
            lineEndX[i] = endX;
            // many heads: one neutral path (one shape to rasterize); few heads: one path per group colour
            List<PathElement> into = hovered >= 0 && vm.targetGroupOf(i) == hovered ? hot
                    : paths.get(dense ? 0 : Math.floorMod(vm.groupOf(i), Styles.GROUP_COLOURS));
            into.add(new MoveTo((qx0 + qx1) / 2, qy + blockH));
            into.add(new LineTo(endX, ky));
            Text ql = queryLabels.get(i);
            boolean showQ = i % qStride == 0;
            ql.setVisible(showQ);
            if (showQ) {
                ql.setX((qx0 + qx1) / 2 - ql.getLayoutBounds().getWidth() / 2);
                ql.setY(qy - 2);
            }
            Text kl = kvLabels.get(i);
            int g = vm.targetGroupOf(i);
            boolean first = i % per == 0 && g % kvStride == 0;
            kl.setVisible(first);
            if (first) {
                kl.setText("KV" + g);
                kl.setX(pad + vm.centre(i) * unit - kl.getLayoutBounds().getWidth() / 2);
                kl.setY(vy + blockH + 18);
            }
            int drawn = vm.groupOf(i);
            if (drawn != drawnGroup[i]) {
                String old = drawnGroup[i] < 0 ? null : Styles.group(drawnGroup[i]);
                for (Node n : List.of(queries.get(i), keys.get(i), values.get(i))) {
                    if (old != null) {
                        n.getStyleClass().remove(old);
                    }
                    n.getStyleClass().add(Styles.group(drawn));
                }
                drawnGroup[i] = drawn;
            }
        }
        toggle(canvas, "dense", dense);
        double lineWidth = h > 64 ? 1 : h > 16 ? 1.5 : 2.5;
        // while blocks move, lines are drawn without anti-aliasing: a fraction of the cost in software
        // rendering and invisible in motion; at rest they are smooth again
        boolean smooth = !vm.morphing();
        for (int c = 0; c < Styles.GROUP_COLOURS; c++) {
            linePaths.get(c).getElements().setAll(paths.get(c));
            linePaths.get(c).setStrokeWidth(lineWidth);
            linePaths.get(c).setSmooth(smooth);
        }
        hotLines.getElements().setAll(hot);
        hotLines.setStrokeWidth(lineWidth + 1);
        if (hovered >= 0) {
            hotLines.getStyleClass().setAll(LINE, HOT, Styles.group(hovered));
        }
        highlight();
    }

    /** Width a block label needs (monospaced font from CSS, so it follows zoom and presentation mode). */
    private double labelWidth(String s) {
        double size = queryLabels.isEmpty() ? 13 : queryLabels.get(0).getFont().getSize();
        return s.length() * size * 0.62 + 8;
    }

    private static void place(Rectangle r, double x, double y, double w, double h) {
        r.setX(x);
        r.setY(y);
        r.setWidth(Math.max(1, w));
        r.setHeight(h);
    }

    /** Dims every head outside the hovered group. */
    private void highlight() {
        int g = vm.hoveredGroupProperty().get();
        for (int i = 0; i < queries.size(); i++) {
            boolean dim = g >= 0 && vm.targetGroupOf(i) != g;
            boolean hot = g >= 0 && !dim;
            for (Node n : List.of(queries.get(i), keys.get(i), values.get(i))) {
                toggle(n, DIMMED, dim);
                toggle(n, HOT, hot);
            }
        }
        for (Path p : linePaths) {
            toggle(p, DIMMED, g >= 0);
        }
    }

    private static void toggle(Node n, String style, boolean on) {
        boolean has = n.getStyleClass().contains(style);
        if (on && !has) {
            n.getStyleClass().add(style);
        } else if (!on && has) {
            n.getStyleClass().remove(style);
        }
    }

    // ---- for tests ----

    int drawnHeads() {
        return queries.size();
    }

    Rectangle keyBlock(int h) {
        return keys.get(h);
    }

    Rectangle queryBlock(int h) {
        return queries.get(h);
    }

    /** Where the line of query head {@code h} ends (x), as drawn. */
    double lineEnd(int h) {
        return lineEndX[h];
    }

    long visibleQueryLabels() {
        return queryLabels.stream().filter(Node::isVisible).count();
    }
}
