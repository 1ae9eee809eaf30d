package dev.kvlens.ui.common;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.ConfigException;
import dev.kvlens.model.ConfigJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * Persistent settings in {@link java.util.prefs}. Every read validates: a corrupt or out-of-range value falls
 * back to its default and is reported once through {@link #takeNotices()}.
 * The node is {@code dev/kvlens} (tests set {@code -Dkvlens.prefs.node=...} to keep the user's own untouched).
 */
public final class AppPreferences {

    public static final String THEME = "theme";
    public static final String LANGUAGE = "language";
    public static final String CONFIG = "lastConfig";
    public static final String WINDOW_W = "window.width";
    public static final String WINDOW_H = "window.height";
    public static final String ZOOM = "zoom";

    private final Preferences node;
    private final List<String> notices = new ArrayList<>();

    public AppPreferences(Preferences node) {
        this.node = node;
    }

    public static AppPreferences forUser() {
        return new AppPreferences(Preferences.userRoot().node(System.getProperty("kvlens.prefs.node", "dev/kvlens")));
    }

    public Preferences node() {
        return node;
    }

    public Theme theme() {
        String v = node.get(THEME, null);
        if (v == null) {
            return Theme.LIGHT;
        }
        if (!v.equalsIgnoreCase("light") && !v.equalsIgnoreCase("dark")) {
            fallback(THEME, v);
            return Theme.LIGHT;
        }
        return Theme.parse(v);
    }

    public void setTheme(Theme t) {
        node.put(THEME, t.name().toLowerCase(Locale.ROOT));
    }

    /** The saved language, or null if none was saved. */
    public Locale language() {
        String v = node.get(LANGUAGE, null);
        if (v == null) {
            return null;
        }
        if (!v.equals("en") && !v.equals("zh")) {
            fallback(LANGUAGE, v);
            return null;
        }
        return Messages.parseLanguage(v);
    }

    public void setLanguage(Locale l) {
        node.put(LANGUAGE, Messages.normalize(l).getLanguage());
    }

    public AttentionConfig config() {
        String v = node.get(CONFIG, null);
        if (v == null) {
            return AttentionConfig.defaults();
        }
        try {
            return ConfigJson.read(v).config();
        } catch (ConfigException e) {
            fallback(CONFIG, e.getMessage());
            return AttentionConfig.defaults();
        }
    }

    public String configPresetId() {
        String v = node.get(CONFIG, null);
        if (v == null) {
            return dev.kvlens.model.Presets.DEFAULT_ID;
        }
        try {
            return ConfigJson.read(v).presetId();
        } catch (ConfigException e) {
            return null;
        }
    }

    public void setConfig(AttentionConfig c, String presetId) {
        node.put(CONFIG, ConfigJson.write(c, presetId));
    }

    /** A number setting within [min, max], else its default. */
    public double number(String key, double def, double min, double max) {
        String v = node.get(key, null);
        if (v == null) {
            return def;
        }
        try {
            double d = Double.parseDouble(v);
            if (d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        fallback(key, v);
        return def;
    }

    public void setNumber(String key, double value) {
        node.put(key, String.valueOf(value));
    }

    public void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // preferences are best effort; the app works without them
        }
    }

    private void fallback(String key, String value) {
        node.remove(key);
        notices.add(Messages.get("prefs.reset", key, value));
    }

    /** Notices about values that were reset since the last call (shown once). */
    public List<String> takeNotices() {
        List<String> n = List.copyOf(notices);
        notices.clear();
        return n;
    }
}
