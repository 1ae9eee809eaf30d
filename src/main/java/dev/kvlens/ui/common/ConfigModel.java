package dev.kvlens.ui.common;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.ConfigException;
import dev.kvlens.model.ModelPreset;
import java.util.function.UnaryOperator;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The single observable configuration every view follows. It only ever holds a valid {@link AttentionConfig};
 * a change that would be invalid is refused and its reason is shown in {@link #errorProperty()}.
 */
public final class ConfigModel {

    private final ReadOnlyObjectWrapper<AttentionConfig> config;
    private final ObjectProperty<ModelPreset> preset = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private boolean applyingPreset;

    public ConfigModel(AttentionConfig initial) {
        config = new ReadOnlyObjectWrapper<>(initial);
        preset.addListener((o, old, p) -> {
            if (p != null && !applyingPreset) {
                AttentionConfig c = get();
                set(p.toConfig(c.batch(), c.seqLen(), c.dtype()));
                preset.set(p);
            }
        });
    }

    public AttentionConfig get() {
        return config.get();
    }

    public ReadOnlyObjectProperty<AttentionConfig> configProperty() {
        return config.getReadOnlyProperty();
    }

    /** The preset the config came from, or null once the user changed its shape. */
    public ObjectProperty<ModelPreset> presetProperty() {
        return preset;
    }

    /** A one-line localized reason for the last refused change, or "" after a good one. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Replaces the config; a shape change that no longer matches the preset clears the preset. */
    public void set(AttentionConfig c) {
        error.set("");
        ModelPreset p = preset.get();
        if (p != null && !matches(p, c)) {
            applyingPreset = true;
            preset.set(null);
            applyingPreset = false;
        }
        config.set(c);
    }

    /** Applies {@code change}; returns false (and sets the error) if the result would be invalid. */
    public boolean update(UnaryOperator<AttentionConfig> change) {
        try {
            set(change.apply(get()));
            return true;
        } catch (ConfigException e) {
            error.set(ErrorText.of(e));
            return false;
        }
    }

    /** Shows a one-line reason for input that never reached the config (e.g. text that is not a number). */
    public void reportError(String oneLine) {
        error.set(oneLine == null ? "" : oneLine);
    }

    private static boolean matches(ModelPreset p, AttentionConfig c) {
        return p.layers() == c.layers() && p.heads() == c.heads() && p.kvHeads() == c.kvHeads()
                && p.headDim() == c.headDim() && p.hidden() == c.hidden();
    }
}
