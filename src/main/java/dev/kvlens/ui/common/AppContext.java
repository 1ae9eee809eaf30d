package dev.kvlens.ui.common;

import javafx.stage.Stage;

/**
 * What every feature gets: the shared config, the background door, preferences, the status line and
 * the main stage (null in tests).
 */
public record AppContext(ConfigModel config, TaskRunner tasks, AppPreferences prefs, StatusModel status,
                         Stage stage) {
}
