package dev.kvlens.ui.shell;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The JavaFX application. */
public class KvLensApp extends Application {

    public static void launchApp(String[] args) {
        Application.launch(KvLensApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new Label("KV Lens"), 800, 600));
        stage.setTitle("KV Lens");
        stage.show();
    }
}
