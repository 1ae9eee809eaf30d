package dev.kvlens.ui.kvcache;

import dev.kvlens.ui.common.AppIcon;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Styles;
import dev.kvlens.ui.kvcache.DecodeSession.LaneKind;
import dev.kvlens.ui.kvcache.KvCacheViewModel.KernelState;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The KV-cache growth page: controls (play/pause, step, reset, speed, scrubber; Space, ←/→, Home), the three
 * lanes with their formula and measured lines, and the attention heatmap. One {@link AnimationTimer} runs
 * while the page is shown: it feeds the playback clock and animates the current step; kernel work happens in
 * the view model's background jobs.
 */
public final class KvCacheView extends ScrollPane {

    public static final String PLAY_ID = "kvPlay";
    public static final String BACK_ID = "kvBack";
    public static final String FORWARD_ID = "kvForward";
    public static final String RESET_ID = "kvReset";
    public static final String SPEED_ID = "kvSpeed";
    public static final String SCRUB_ID = "kvScrub";
    public static final String STEP_ID = "kvStep";
    public static final String BANNER_ID = "kvBanner";

    private final KvCacheViewModel vm;
    private final CacheLanesPane lanes;
    private final HeatmapView heatmap;
    private final Button play = new Button();
    private final Slider scrub = new Slider();
    private final Label step = new Label();
    private final Label banner = new Label();
    private final Label reading = new Label();
    private final Label[] formula = new Label[3];
    private final Label[] measured = new Label[3];
    private boolean syncing;
    private long lastFrame;
    private long stepStart;
    private boolean stepAnimating;
    private boolean running;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            frame(now);
        }
    };

    public KvCacheView(KvCacheViewModel vm) {
        this.vm = vm;
        this.lanes = new CacheLanesPane(vm);
        this.heatmap = new HeatmapView(vm);
        getStyleClass().addAll(Styles.PAGE, "kvcache");
        getStylesheets().add(KvCacheView.class.getResource("/dev/kvlens/ui/kvcache/kvcache.css").toExternalForm());
        setFitToWidth(true);
        Label title = new Label();
        title.textProperty().bind(Messages.bind("kvcache.title"));
        title.getStyleClass().add(Styles.SECTION_TITLE);
        Label intro = new Label();
        intro.textProperty().bind(Messages.bind("kvcache.intro"));
        intro.setWrapText(true);
        banner.setId(BANNER_ID);
        banner.setWrapText(true);
        banner.getStyleClass().add("kv-banner");
        reading.getStyleClass().add(Styles.MUTED);
        VBox box = new VBox(10, title, intro, controls(), banner, lanes, texts(), reading, heatmap);
        box.setPadding(new Insets(16, 18, 18, 18));
        setContent(box);
        addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        vm.revisionProperty().addListener((o, a, b) -> refresh());
        vm.snapshotProperty().addListener((o, a, b) -> {
            refreshTexts();
            heatmap.draw();
        });
        vm.positionProperty().addListener((o, a, b) -> positionChanged(a.intValue(), b.intValue()));
        vm.playingProperty().addListener((o, a, b) -> playIcon());
        vm.selectedHeadProperty().addListener((o, a, b) -> {
            lanes.requestLayout();
            refreshTexts();
        });
        vm.model().configProperty().addListener((o, a, b) -> heatmap.syncHeads());
        Messages.localeProperty().addListener((o, a, b) -> {
            playIcon();
            refresh();
        });
        playIcon();
        refresh();
    }

    private HBox controls() {
        Button reset = button(AppIcon.RESET, RESET_ID, "kvcache.reset", vm::reset);
        Button back = button(AppIcon.STEP_BACK, BACK_ID, "kvcache.stepBack", vm::stepBack);
        play.setId(PLAY_ID);
        play.setOnAction(e -> vm.togglePlay());
        play.setTooltip(tooltip("kvcache.playTip"));
        play.getStyleClass().add("accent");
        play.setMinWidth(104);
        Button fwd = button(AppIcon.STEP_FORWARD, FORWARD_ID, "kvcache.stepForward", vm::stepForward);
        ComboBox<Double> speed = new ComboBox<>();
        speed.setId(SPEED_ID);
        speed.getItems().addAll(KvCacheViewModel.SPEEDS);
        speed.valueProperty().bindBidirectional(vm.speedProperty());
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double d) {
                if (d == null) {
                    return "";
                }
                return (d == Math.rint(d) ? String.valueOf(d.intValue()) : String.format(Locale.ROOT, "%s", d)) + "×";
            }

            @Override
            public Double fromString(String s) {
                return Double.valueOf(s.replace("×", "").trim());
            }
        });
        speed.setFocusTraversable(false);
        speed.setPrefWidth(92);
        speed.setMinWidth(Region.USE_PREF_SIZE);
        Label speedLabel = new Label();
        speedLabel.textProperty().bind(Messages.bind("kvcache.speed"));
        speedLabel.setMinWidth(Region.USE_PREF_SIZE);
        scrub.setId(SCRUB_ID);
        scrub.setMin(0);
        scrub.setMax(vm.maxGenerated());
        scrub.setMajorTickUnit(1);
        scrub.setMinorTickCount(0);
        scrub.setSnapToTicks(true);
        scrub.setBlockIncrement(1);
        scrub.setShowTickMarks(true);
        scrub.setFocusTraversable(false);
        scrub.setTooltip(tooltip("kvcache.scrub"));
        HBox.setHgrow(scrub, Priority.ALWAYS);
        scrub.setMinWidth(160);
        scrub.valueProperty().addListener((o, a, b) -> {
            if (!syncing) {
                vm.pause();
                vm.seek((int) Math.round(b.doubleValue()));
            }
        });
        step.setId(STEP_ID);
        step.getStyleClass().add("step-text");
        step.setMinWidth(Region.USE_PREF_SIZE);
        Label keys = new Label();
        keys.textProperty().bind(Messages.bind("kvcache.keys"));
        keys.getStyleClass().add(Styles.MUTED);
        HBox row = new HBox(8, reset, back, play, fwd, speedLabel, speed, scrub);
        row.setAlignment(Pos.CENTER_LEFT);
        VBox.setMargin(row, new Insets(4, 0, 0, 0));
        Region fill = new Region();
        HBox.setHgrow(fill, Priority.ALWAYS);
        HBox info = new HBox(12, step, fill, keys);
        info.setAlignment(Pos.CENTER_LEFT);
        VBox both = new VBox(6, row, info);
        HBox outer = new HBox(both);
        HBox.setHgrow(both, Priority.ALWAYS);
        return outer;
    }

    private Button button(AppIcon icon, String id, String tipKey, Runnable action) {
        Button b = new Button();
        b.setGraphic(icon.node());
        b.setId(id);
        b.setOnAction(e -> action.run());
        b.setTooltip(tooltip(tipKey));
        b.setFocusTraversable(false);
        return b;
    }

    private static Tooltip tooltip(String key) {
        Tooltip t = new Tooltip();
        t.textProperty().bind(Messages.bind(key));
        return t;
    }

    private HBox texts() {
        Region spacer = new Region();
        spacer.setMinWidth(CacheLanesPane.TOKEN_COLUMN);
        spacer.setMaxWidth(CacheLanesPane.TOKEN_COLUMN);
        HBox row = new HBox(CacheLanesPane.LANE_GAP);
        row.getChildren().add(spacer);
        for (LaneKind k : LaneKind.values()) {
            Label f = new Label();
            f.setWrapText(true);
            f.getStyleClass().add(Styles.FORMULA);
            f.setId("kvFormula-" + k.name().toLowerCase(Locale.ROOT));
            Label m = new Label();
            m.setWrapText(true);
            m.getStyleClass().add("measured");
            m.setId("kvMeasured-" + k.name().toLowerCase(Locale.ROOT));
            formula[k.ordinal()] = f;
            measured[k.ordinal()] = m;
            VBox col = new VBox(4, f, m);
            col.setPrefWidth(0);
            HBox.setHgrow(col, Priority.ALWAYS);
            col.getStyleClass().add("lane-text");
            row.getChildren().add(col);
        }
        row.setSpacing(CacheLanesPane.LANE_GAP - 2);
        return row;
    }

    private void key(KeyEvent e) {
        if (e.getTarget() instanceof javafx.scene.control.TextInputControl) {
            return; // typing in the head spinner keeps its caret keys
        }
        if (e.getCode() == KeyCode.SPACE) {
            vm.togglePlay();
        } else if (e.getCode() == KeyCode.RIGHT) {
            vm.stepForward();
        } else if (e.getCode() == KeyCode.LEFT) {
            vm.stepBack();
        } else if (e.getCode() == KeyCode.HOME) {
            vm.reset();
        } else {
            return;
        }
        e.consume();
    }

    private void playIcon() {
        boolean p = vm.playing();
        play.setGraphic((p ? AppIcon.PAUSE : AppIcon.PLAY).node());
        play.setText(Messages.get(p ? "kvcache.pause" : "kvcache.play"));
    }

    private void refresh() {
        syncing = true;
        scrub.setMax(vm.maxGenerated());
        scrub.setValue(vm.targetProperty().get());
        syncing = false;
        lanes.refresh();
        refreshTexts();
        heatmap.draw();
    }

    private void refreshTexts() {
        step.setText(vm.stepText());
        banner.setText(vm.banner());
        KernelState st = vm.kernelState();
        banner.getStyleClass().removeAll("measured-banner", "formula-banner");
        banner.getStyleClass().add(st == KernelState.MEASURED || st == KernelState.PREPARING
                ? "measured-banner" : "formula-banner");
        for (LaneKind k : LaneKind.values()) {
            formula[k.ordinal()].setText(vm.laneFormula(k));
            measured[k.ordinal()].setText(vm.laneMeasured(k));
            measured[k.ordinal()].getStyleClass().removeAll("measured", Styles.MUTED);
            measured[k.ordinal()].getStyleClass().add(vm.laneIsMeasured(k) ? "measured" : Styles.MUTED);
        }
        int sel = Math.max(0, Math.min(vm.config().heads() - 1, vm.selectedHeadProperty().get()));
        reading.setText(Messages.get("kvcache.reading", sel, vm.config().kvHeadOf(sel)));
    }

    private void positionChanged(int before, int now) {
        syncing = true;
        scrub.setValue(vm.targetProperty().get());
        syncing = false;
        refreshTexts();
        if (now == before + 1 && running) {
            stepStart = System.nanoTime();
            stepAnimating = true;
            lanes.setStepPhase(0);
        } else {
            stepAnimating = false;
            lanes.setStepPhase(1);
        }
        lanes.requestLayout();
    }

    /** One pulse: playback clock, then the step animation. */
    private void frame(long now) {
        double dt = lastFrame == 0 ? 0 : (now - lastFrame) / 1e6;
        lastFrame = now;
        vm.advance(dt);
        if (stepAnimating) {
            double dur = Math.min(700, vm.stepMillis() * 0.85);
            double p = (now - stepStart) / 1e6 / dur;
            if (p >= 1) {
                stepAnimating = false;
                p = 1;
            }
            lanes.setStepPhase(p);
        }
    }

    /** Starts the page's timer (page shown). */
    /** The page's content (not the scroll pane's viewport), for a PNG export of the whole page. */
    public javafx.scene.Node exportNode() {
        return getContent();
    }

    /** The three cache lanes, for a PNG export. */
    public javafx.scene.Node lanesNode() {
        return lanes;
    }

    public void start() {
        if (!running) {
            running = true;
            lastFrame = 0;
            timer.start();
        }
    }

    /** Stops the page's timer (page hidden or closed). */
    public void stop() {
        timer.stop();
        running = false;
        stepAnimating = false;
        lanes.setStepPhase(1);
    }

    public boolean timerRunning() {
        return running;
    }

    CacheLanesPane lanes() {
        return lanes;
    }

    HeatmapView heatmap() {
        return heatmap;
    }
}
