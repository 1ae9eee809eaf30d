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
    public static final String LAST_DIR = "lastDirectory";

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
            fallback(CONFIG, ErrorText.of(e));
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

    /** A whole-number setting within [min, max], else its default (with a one-time notice). */
    public int integer(String key, int def, int min, int max) {
        String v = node.get(key, null);
        if (v == null) {
            return def;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        fallback(key, v);
        return def;
    }

    public void setInteger(String key, int value) {
        node.putInt(key, value);
    }

    /** A text setting, or {@code def} if none was saved. */
    public String text(String key, String def) {
        return node.get(key, def);
    }

    public void setText(String key, String value) {
        if (value == null) {
            node.remove(key);
        } else {
            node.put(key, value);
        }
    }

    /** The folder of the last opened or saved file, if it still exists. */
    public java.nio.file.Path lastDirectory() {
        String v = node.get(LAST_DIR, null);
        if (v == null) {
            return null;
        }
        try {
            java.nio.file.Path p = java.nio.file.Path.of(v);
            return java.nio.file.Files.isDirectory(p) ? p : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    public void setLastDirectory(java.nio.file.Path file) {
        java.nio.file.Path dir = file == null ? null : file.toAbsolutePath().getParent();
        if (dir != null) {
            node.put(LAST_DIR, dir.toString());
        }
    }

    /**
     * Writes to disk now. Only needed at exit: java.util.prefs also saves changed values in the background
     * (and at JVM shutdown), so features just set values and never do disk work on the FX thread.
     */
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
