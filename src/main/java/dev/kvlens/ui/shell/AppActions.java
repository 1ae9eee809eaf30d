package dev.kvlens.ui.shell;

import dev.kvlens.ui.common.ExportTarget;
import dev.kvlens.ui.common.Theme;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;

/** What the menus can ask of the application. */
public interface AppActions {
    void setTheme(Theme theme);

    /** The theme on screen (which may come from {@code --theme} rather than the preferences). */
    Theme theme();

    void setLanguage(Locale locale);

    /** Multiplies the font zoom by {@code factor}; 0 resets it to 1. */
    void zoom(double factor);

    void quit();

    /** File → Open configuration…: asks for a JSON file and applies it, or changes nothing. */
    void openConfig();

    /** File → Save configuration…: writes the current configuration as JSON. */
    void saveConfig();

    /** What the page on screen offers for export (empty if nothing). */
    List<ExportTarget> pageExports();

    /** The title of the page on screen, localized, for menu labels. */
    String pageTitle();

    /** The whole window as a PNG at {@code scale} (1 or 2). */
    void exportWindow(double scale);

    /** The page on screen (without menus and side panel) as a PNG. */
    void exportPage(double scale);

    /** One target of the page on screen; {@code scale} is ignored for CSV. */
    void export(ExportTarget target, double scale);

    void setPresentation(boolean on);

    ReadOnlyBooleanProperty presentationProperty();

    /** F1: the keyboard shortcuts. */
    void showShortcuts();
}
