package dev.kvlens.ui.charts;

import dev.kvlens.bench.CalibrationResult;
import dev.kvlens.bench.MeasurementLimits;
import dev.kvlens.bench.MeasurementPlan;
import dev.kvlens.bench.SweepSnapshot;
import dev.kvlens.model.AttentionConfig;
import dev.kvlens.ui.common.Messages;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What every chart ViewModel follows: the one config, the latest measurement snapshot, the calibration and
 * the chart options. Owned by {@link MeasureViewModel}; chart ViewModels only read it.
 */
public final class ChartInputs {

    /** One variant drawn in the charts: KV heads, id ("mha", "current", "mqa"), colour class and label. */
    public record VariantLine(int kvHeads, String id, String style, String label) {
    }

    private final ReadOnlyObjectProperty<AttentionConfig> config;
    private final ObjectProperty<SweepSnapshot> snapshot = new SimpleObjectProperty<>();
    private final ObjectProperty<CalibrationResult> calibration = new SimpleObjectProperty<>();
    private final BooleanProperty logScale = new SimpleBooleanProperty(false);
    private final BooleanProperty showBound = new SimpleBooleanProperty(true);
    private final ObjectProperty<Device> device = new SimpleObjectProperty<>(Device.NONE);
    private final StringProperty machine = new SimpleStringProperty("");
    private final ObjectProperty<MeasurementLimits> limits = new SimpleObjectProperty<>(MeasurementLimits.small());

    public ChartInputs(ReadOnlyObjectProperty<AttentionConfig> config) {
        this.config = config;
    }

    public ReadOnlyObjectProperty<AttentionConfig> configProperty() {
        return config;
    }

    public AttentionConfig config() {
        return config.get();
    }

    public ObjectProperty<SweepSnapshot> snapshotProperty() {
        return snapshot;
    }

    public ObjectProperty<CalibrationResult> calibrationProperty() {
        return calibration;
    }

    public BooleanProperty logScaleProperty() {
        return logScale;
    }

    public BooleanProperty showBoundProperty() {
        return showBound;
    }

    public ObjectProperty<Device> deviceProperty() {
        return device;
    }

    /** "CPU …, 2 cores, vector 16 × float (512-bit), 1 kernel thread, JDK 17…": the footnote facts. */
    public StringProperty machineProperty() {
        return machine;
    }

    /** The limits measurements are planned with (for the formula-only side of a chart before any result). */
    public ObjectProperty<MeasurementLimits> limitsProperty() {
        return limits;
    }

    /** The plan the current config gets. */
    public MeasurementPlan plan() {
        return MeasurementPlan.forConfig(config(), limits.get());
    }

    /** Everything a chart depends on (plus the language). */
    public Observable[] dependencies() {
        return new Observable[] {config, snapshot, calibration, logScale, showBound, device, machine, limits,
                Messages.localeProperty()};
    }

    /** The snapshot if it measured what the current config asks for (same H, d, KV, T), else null. */
    public SweepSnapshot matching() {
        SweepSnapshot s = snapshot.get();
        if (s == null) {
            return null;
        }
        MeasurementPlan now = MeasurementPlan.forConfig(config(), s.plan().limits());
        return now.sameMeasurement(s.plan()) ? s : null;
    }

    /** MHA, the current variant and MQA, without duplicates, in that order. */
    public static List<VariantLine> variants(AttentionConfig c) {
        List<VariantLine> v = new ArrayList<>();
        int h = c.heads();
        int cur = c.kvHeads();
        if (cur != h) {
            v.add(new VariantLine(h, "mha", "kv-mha", Messages.get("charts.variant.mha", h)));
        }
        v.add(new VariantLine(cur, "current", "kv-current",
                Messages.get("charts.variant.current", c.variantLabel(), cur)));
        if (cur != 1) {
            v.add(new VariantLine(1, "mqa", "kv-mqa", Messages.get("charts.variant.mqa")));
        }
        return v;
    }
}
