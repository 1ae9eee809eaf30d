package dev.kvlens.ui.common;

import javafx.stage.Stage;

/**
 * What every feature gets: the shared config, the background door, preferences, the status line, the main
 * stage (null in tests) and a {@link Navigator} to switch pages ({@link Navigator#NONE} unless the main window
 * provides one).
 */
public record AppContext(ConfigModel config, TaskRunner tasks, AppPreferences prefs, StatusModel status,
                         Stage stage, Navigator navigator) {

    /** A context without page navigation (tests, stand-alone views). */
    public AppContext(ConfigModel config, TaskRunner tasks, AppPreferences prefs, StatusModel status, Stage stage) {
        this(config, tasks, prefs, status, stage, Navigator.NONE);
    }

    public AppContext {
        if (navigator == null) {
            navigator = Navigator.NONE;
        }
    }

    /** The same context with another navigator. */
    public AppContext withNavigator(Navigator n) {
        return new AppContext(config, tasks, prefs, status, stage, n);
    }
}
