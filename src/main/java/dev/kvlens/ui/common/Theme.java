package dev.kvlens.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import javafx.application.Application;
import javafx.scene.Scene;

/** Light and dark themes (AtlantaFX Primer) plus the app's own stylesheet and a font zoom. */
public enum Theme {
    LIGHT, DARK;

    public static final String APP_CSS = "/dev/kvlens/ui/app.css";
    public static final double BASE_FONT_PX = 14;

    /** Installs the user-agent stylesheet for the whole application. */
    public void applyGlobally() {
        Application.setUserAgentStylesheet(this == DARK ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    /** Adds the app stylesheet, the theme class and the zoomed font size to a scene. */
    public void applyTo(Scene scene, double zoom) {
        String css = Theme.class.getResource(APP_CSS).toExternalForm();
        if (!scene.getStylesheets().contains(css)) {
            scene.getStylesheets().add(css);
        }
        scene.getRoot().getStyleClass().removeAll("theme-light", "theme-dark");
        scene.getRoot().getStyleClass().add(this == DARK ? "theme-dark" : "theme-light");
        scene.getRoot().setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", BASE_FONT_PX * zoom));
    }

    public static Theme parse(String s) {
        return s != null && s.trim().equalsIgnoreCase("dark") ? DARK : LIGHT;
    }
}
