package dev.kvlens.ui.shell;

import dev.kvlens.ui.common.Theme;
import java.util.Locale;

/** What the menus can ask of the application. */
public interface AppActions {
    void setTheme(Theme theme);

    void setLanguage(Locale locale);

    /** Multiplies the font zoom by {@code factor}; 0 resets it to 1. */
    void zoom(double factor);

    void quit();
}
