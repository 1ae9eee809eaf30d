package dev.kvlens.ui.controls;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvDtype;
import dev.kvlens.model.ModelPreset;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Styles;
import dev.kvlens.ui.controls.ControlsViewModel.Field;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.SegmentedButton;

/** The left control panel: preset, sliders with exact-value fields, dtype, live caption and readout. */
public final class ControlsView extends ScrollPane {

    /** Node ids used by tests and the lesson to find controls. */
    public static final String PRESET_ID = "preset";
    public static final String HEADS_ID = "heads";
    public static final String KV_ID = "kvHeads";
    public static final String SEQ_ID = "seqLen";
    public static final String HEAD_DIM_ID = "headDim";
    public static final String LAYERS_ID = "layers";
    public static final String BATCH_ID = "batch";
    public static final String DTYPE_ID = "dtype";
    public static final String CAPTION_ID = "variantCaption";
    public static final String READOUT_PER_TOKEN_ID = "readoutPerToken";
    public static final String READOUT_TOTAL_ID = "readoutTotal";
    public static final String ERROR_ID = "configError";

    private final ControlsViewModel vm;
    private final ComboBox<ModelPreset> preset = new ComboBox<>();
    private final Slider heads = new Slider(0, ControlsViewModel.MAX_HEADS_SLIDER, 32);
    private final Slider kv = new Slider(0, 1, 0);
    private final Slider seq = new Slider(0, ControlsViewModel.MAX_SEQ_LOG2, 12);
    private final Slider headDim = new Slider(0, ControlsViewModel.MAX_HEAD_DIM_SLIDER, 128);
    private final Slider layers = new Slider(0, ControlsViewModel.MAX_LAYERS_SLIDER, 32);
    private final Slider batch = new Slider(0, ControlsViewModel.MAX_BATCH_LOG2, 0);
    private final Map<Field, TextField> fields = new EnumMap<>(Field.class);
    private final Map<KvDtype, ToggleButton> dtypeButtons = new EnumMap<>(KvDtype.class);
    private boolean syncing;

    public ControlsView(ControlsViewModel vm) {
        this.vm = vm;
        getStyleClass().add(Styles.CONTROL_PANEL);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        VBox box = new VBox(10, title(), presetBox(), grid(), dtypeBox(), caption(), error(), readout());
        box.setPadding(new Insets(12));
        setContent(box);
        setPrefWidth(340);
        setMinWidth(300);
        vm.model().configProperty().addListener((o, a, b) -> sync());
        vm.model().presetProperty().addListener((o, a, b) -> sync());
        sync();
    }

    private Label title() {
        Label l = new Label();
        l.textProperty().bind(Messages.bind("controls.title"));
        l.getStyleClass().add(Styles.SECTION_TITLE);
        return l;
    }

    private VBox presetBox() {
        preset.setId(PRESET_ID);
        preset.setItems(FXCollections.observableArrayList(vm.presets()));
        preset.setMaxWidth(Double.MAX_VALUE);
        preset.setVisibleRowCount(14);
        preset.setCellFactory(lv -> new PresetCell());
        preset.setButtonCell(new PresetCell());
        preset.promptTextProperty().bind(Messages.bind("controls.preset.custom"));
        Messages.localeProperty().addListener((o, a, b) -> preset.setButtonCell(new PresetCell()));
        preset.valueProperty().addListener((o, a, p) -> {
            if (!syncing && p != null) {
                vm.choosePreset(p);
            }
        });
        tooltip(preset, "controls.preset.tip");
        Label l = label("controls.preset");
        return new VBox(4, l, preset);
    }

    private final class PresetCell extends ListCell<ModelPreset> {
        @Override
        protected void updateItem(ModelPreset p, boolean empty) {
            super.updateItem(p, empty);
            if (empty || p == null) {
                setText(Messages.get("controls.preset.custom"));
            } else {
                setText(p.name() + "  ·  " + p.variantLabel());
            }
        }
    }

    private GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        javafx.scene.layout.ColumnConstraints grow = new javafx.scene.layout.ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(grow, new javafx.scene.layout.ColumnConstraints());
        g.setMaxWidth(Double.MAX_VALUE);
        int r = 0;
        heads.setMajorTickUnit(32);
        heads.setMinorTickCount(3);
        heads.setShowTickMarks(true);
        heads.setShowTickLabels(true);
        row(g, r++, "controls.heads", "controls.heads.tip", heads, HEADS_ID, Field.HEADS,
                v -> vm.setHeads((int) Math.max(1, Math.round(v))));
        kv.setMajorTickUnit(1);
        kv.setMinorTickCount(0);
        kv.setSnapToTicks(true);
        kv.setBlockIncrement(1);
        kv.setShowTickMarks(true);
        kv.setShowTickLabels(true);
        kv.setLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Double index) {
                List<Integer> d = vm.kvChoices();
                int i = (int) Math.round(index);
                if (i < 0 || i >= d.size()) {
                    return "";
                }
                if (d.size() > 1 && i == 0) {
                    return "MQA";
                }
                if (i == d.size() - 1) {
                    return "MHA";
                }
                return d.size() <= 8 ? String.valueOf(d.get(i)) : "";
            }

            @Override
            public Double fromString(String s) {
                return 0.0;
            }
        });
        row(g, r++, "controls.kvHeads", "controls.kvHeads.tip", kv, KV_ID, Field.KV_HEADS,
                v -> vm.setKvIndex((int) Math.round(v)));
        seq.setMajorTickUnit(4);
        seq.setMinorTickCount(3);
        seq.setSnapToTicks(true);
        seq.setBlockIncrement(1);
        seq.setShowTickMarks(true);
        seq.setShowTickLabels(true);
        seq.setLabelFormatter(powerOfTwoLabels());
        row(g, r++, "controls.seq", "controls.seq.tip", seq, SEQ_ID, Field.SEQ, vm::setSeqLog2);
        headDim.setMajorTickUnit(128);
        headDim.setShowTickLabels(true);
        headDim.setBlockIncrement(8);
        row(g, r++, "controls.headDim", "controls.headDim.tip", headDim, HEAD_DIM_ID, Field.HEAD_DIM,
                vm::setHeadDimSlider);
        layers.setMajorTickUnit(40);
        layers.setShowTickLabels(true);
        layers.setBlockIncrement(1);
        row(g, r++, "controls.layers", "controls.layers.tip", layers, LAYERS_ID, Field.LAYERS,
                v -> vm.setLayers((int) Math.max(1, Math.round(v))));
        batch.setMajorTickUnit(2);
        batch.setMinorTickCount(1);
        batch.setSnapToTicks(true);
        batch.setBlockIncrement(1);
        batch.setShowTickLabels(true);
        batch.setLabelFormatter(powerOfTwoLabels());
        row(g, r++, "controls.batch", "controls.batch.tip", batch, BATCH_ID, Field.BATCH, vm::setBatchLog2);
        Label hl = label("controls.hidden");
        TextField hf = field(Field.HIDDEN, "controls.hidden.tip");
        g.add(hl, 0, r * 2);
        g.add(hf, 1, r * 2);
        return g;
    }

    private static StringConverter<Double> powerOfTwoLabels() {
        return new StringConverter<>() {
            @Override
            public String toString(Double e) {
                long v = 1L << Math.round(e);
                return v >= 1024 ? (v / 1024) + "k" : String.valueOf(v);
            }

            @Override
            public Double fromString(String s) {
                return 0.0;
            }
        };
    }

    private void row(GridPane g, int r, String labelKey, String tipKey, Slider s, String id, Field f,
                     DoubleConsumer onMove) {
        Label l = label(labelKey);
        s.setId(id);
        tooltip(s, tipKey);
        s.valueProperty().addListener((o, a, v) -> {
            if (!syncing) {
                onMove.accept(v.doubleValue());
            }
        });
        TextField tf = field(f, tipKey);
        tf.setId(id + "Field");
        GridPane.setHgrow(s, Priority.ALWAYS);
        g.add(l, 0, r * 2);
        g.add(tf, 1, r * 2);
        g.add(s, 0, r * 2 + 1, 2, 1);
    }

    private TextField field(Field f, String tipKey) {
        TextField tf = new TextField();
        tf.getStyleClass().add(Styles.VALUE_FIELD);
        tf.setPrefColumnCount(6);
        tf.setAlignment(Pos.CENTER_RIGHT);
        tooltip(tf, "controls.field.tip");
        Runnable apply = () -> {
            if (vm.applyText(f, tf.getText()) != null) {
                tf.setText(vm.fieldText(f));
            }
        };
        tf.setOnAction(e -> apply.run());
        tf.focusedProperty().addListener((o, was, now) -> {
            if (!now && !tf.getText().equals(vm.fieldText(f))) {
                apply.run();
            }
        });
        fields.put(f, tf);
        return tf;
    }

    private VBox dtypeBox() {
        SegmentedButton sb = new SegmentedButton();
        sb.setId(DTYPE_ID);
        sb.getStyleClass().add("dtype-buttons");
        for (KvDtype d : KvDtype.values()) {
            ToggleButton b = new ToggleButton(d.id());
            b.setId("dtype-" + d.id());
            b.setUserData(d);
            Tooltip t = new Tooltip();
            t.textProperty().bind(Messages.bind("controls.dtype.each", d.id(), d.bits()));
            b.setTooltip(t);
            b.selectedProperty().addListener((o, was, now) -> {
                if (!syncing && now) {
                    vm.setDtype(d);
                }
            });
            dtypeButtons.put(d, b);
            sb.getButtons().add(b);
        }
        sb.getToggleGroup().selectedToggleProperty().addListener((o, old, now) -> {
            if (now == null && old != null) {
                old.setSelected(true); // always one selected
            }
        });
        return new VBox(4, label("controls.dtype"), sb);
    }

    private Label caption() {
        Label c = new Label();
        c.setId(CAPTION_ID);
        c.setWrapText(true);
        c.getStyleClass().add(Styles.CAPTION);
        c.textProperty().bind(vm.caption());
        return c;
    }

    private Label error() {
        Label e = new Label();
        e.setId(ERROR_ID);
        e.setWrapText(true);
        e.getStyleClass().add(Styles.ERROR_TEXT);
        e.textProperty().bind(vm.model().errorProperty());
        e.visibleProperty().bind(vm.model().errorProperty().isNotEmpty());
        e.managedProperty().bind(e.visibleProperty());
        return e;
    }

    private VBox readout() {
        Label perTokenTitle = label("controls.readout.perToken");
        Label perToken = new Label();
        perToken.setId(READOUT_PER_TOKEN_ID);
        perToken.getStyleClass().add(Styles.BIG_NUMBER);
        perToken.textProperty().bind(vm.perTokenText());
        Label totalTitle = new Label();
        totalTitle.textProperty().bind(vm.totalCaption());
        totalTitle.setWrapText(true);
        Label total = new Label();
        total.setId(READOUT_TOTAL_ID);
        total.getStyleClass().add(Styles.BIG_NUMBER);
        total.textProperty().bind(vm.totalText());
        Label ratio = new Label();
        ratio.textProperty().bind(vm.ratioText());
        ratio.setWrapText(true);
        Label formula = new Label();
        formula.getStyleClass().add(Styles.FORMULA);
        formula.setWrapText(true);
        formula.textProperty().bind(vm.formulaText());
        VBox box = new VBox(4, perTokenTitle, perToken, totalTitle, total, ratio, formula);
        box.getStyleClass().addAll(Styles.CARD, Styles.READOUT);
        return box;
    }

    private static Label label(String key) {
        Label l = new Label();
        l.textProperty().bind(Messages.bind(key));
        return l;
    }

    private static void tooltip(javafx.scene.control.Control c, String key) {
        Tooltip t = new Tooltip();
        t.textProperty().bind(Messages.bind(key));
        t.setWrapText(true);
        t.setMaxWidth(360);
        c.setTooltip(t);
    }

    /** Puts every control in line with the config without firing changes back. */
    private void sync() {
        syncing = true;
        try {
            AttentionConfig c = vm.config();
            preset.setValue(vm.model().presetProperty().get());
            heads.setValue(c.heads());
            List<Integer> d = vm.kvChoices();
            kv.setMax(Math.max(1, d.size() - 1));
            kv.setDisable(d.size() == 1);
            kv.setValue(vm.kvIndex());
            seq.setValue(vm.seqLog2());
            headDim.setValue(c.headDim());
            layers.setValue(c.layers());
            batch.setValue(vm.batchLog2());
            dtypeButtons.get(c.dtype()).setSelected(true);
            for (Map.Entry<Field, TextField> e : fields.entrySet()) {
                if (!e.getValue().isFocused() || !e.getValue().getText().equals(vm.fieldText(e.getKey()))) {
                    e.getValue().setText(vm.fieldText(e.getKey()));
                }
            }
        } finally {
            syncing = false;
        }
    }
}
