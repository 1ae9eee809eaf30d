package dev.kvlens.ui.shell;

import dev.kvlens.ui.common.AppPreferences;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: reads options and preferences, builds the {@link AppShell}, saves state on close. */
public class KvLensApp extends Application {

    public static final String ICON = AppShell.ICON;

    private AppShell shell;

    public static void launchApp(String[] args) {
        Application.launch(KvLensApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        AppOptions opts = AppOptions.parse(getParameters().getRaw());
        shell = new AppShell(stage, AppPreferences.forUser(), opts, null);
        stage.show();
        if (opts.screenshot() != null) {
            Screenshot.takeAfter(shell.scene(), opts.screenshot(), opts.screenshotDelayMs());
        }
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.close();
        }
    }
}
