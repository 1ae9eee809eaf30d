package dev.kvlens.ui.shell;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.ConfigException;
import dev.kvlens.model.ConfigJson;
import dev.kvlens.model.Presets;
import dev.kvlens.ui.common.AppContext;
import dev.kvlens.ui.common.AppPreferences;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.ErrorText;
import dev.kvlens.ui.common.FxTaskRunner;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.StatusModel;
import dev.kvlens.ui.common.Theme;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The JavaFX application: reads options and preferences, builds the window, saves state on close. */
public class KvLensApp extends Application implements AppActions {

    public static final String ICON = "/dev/kvlens/assets/icon.png";

    private AppPreferences prefs;
    private FxTaskRunner runner;
    private MainWindow window;
    private Scene scene;
    private Stage stage;
    private Theme theme;
    private double zoom = 1;

    public static void launchApp(String[] args) {
        Application.launch(KvLensApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        AppOptions opts = AppOptions.parse(getParameters().getRaw());
        prefs = AppPreferences.forUser();
        List<String> notices = new ArrayList<>(opts.problems());

        Locale saved = prefs.language();
        Messages.setLocale(opts.lang() != null ? Messages.parseLanguage(opts.lang())
                : saved != null ? saved : Locale.getDefault());
        theme = opts.theme() != null ? Theme.parse(opts.theme()) : prefs.theme();
        theme.applyGlobally();
        zoom = opts.zoom() != null ? opts.zoom() : prefs.number(AppPreferences.ZOOM, 1, 0.5, 3);

        AttentionConfig initial = prefs.config();
        String presetId = prefs.configPresetId();
        if (opts.config() != null) {
            try {
                ConfigJson.Document doc = ConfigJson.read(Files.readString(opts.config(), StandardCharsets.UTF_8));
                initial = doc.config();
                presetId = doc.presetId();
            } catch (ConfigException e) {
                notices.add(Messages.get("status.configInvalid", opts.config().getFileName(), ErrorText.of(e)));
            } catch (IOException | RuntimeException e) {
                notices.add(Messages.get("status.configUnreadable", opts.config().getFileName()));
            }
        }
        AttentionConfig start = initial;
        ConfigModel config = new ConfigModel(start);
        if (presetId != null) {
            Presets.byId(presetId).filter(p -> p.toConfig(start.batch(), start.seqLen(), start.dtype()).equals(start))
                    .ifPresent(p -> config.presetProperty().set(p));
        }
        StatusModel status = new StatusModel();
        runner = new FxTaskRunner(2);
        AppContext ctx = new AppContext(config, runner, prefs, status, stage);
        window = new MainWindow(ctx, runner, this);
        notices.addAll(prefs.takeNotices());
        if (!notices.isEmpty()) {
            status.warn(String.join(" · ", notices));
        } else {
            status.info(Messages.get("status.ready"));
        }

        double w = prefs.number(AppPreferences.WINDOW_W, 1400, 640, 10000);
        double h = prefs.number(AppPreferences.WINDOW_H, 900, 480, 10000);
        scene = new Scene(window, w, h);
        theme.applyTo(scene, zoom);
        stage.setScene(scene);
        stage.titleProperty().bind(Messages.bind("app.title"));
        try (InputStream in = KvLensApp.class.getResourceAsStream(ICON)) {
            if (in != null) {
                stage.getIcons().add(new Image(in));
            }
        } catch (IOException e) {
            // no icon is not worth a failure
        }
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        if (opts.page() != null && !window.showPage(opts.page())) {
            status.warn(Messages.get("status.unknownPage", opts.page()));
        }
        stage.show();
        if (opts.screenshot() != null) {
            Screenshot.takeAfter(scene, opts.screenshot(), opts.screenshotDelayMs());
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            window.dispose();
        }
        if (runner != null) {
            runner.close();
        }
        if (prefs != null && window != null) {
            ConfigModel c = window.context().config();
            prefs.setConfig(c.get(), c.presetProperty().get() == null ? null : c.presetProperty().get().id());
            if (stage != null && !stage.isFullScreen() && !stage.isMaximized()) {
                prefs.setNumber(AppPreferences.WINDOW_W, scene.getWidth());
                prefs.setNumber(AppPreferences.WINDOW_H, scene.getHeight());
            }
            prefs.setNumber(AppPreferences.ZOOM, zoom);
            prefs.flush();
        }
    }

    @Override
    public void setTheme(Theme t) {
        theme = t;
        t.applyGlobally();
        t.applyTo(scene, zoom);
        prefs.setTheme(t);
    }

    @Override
    public void setLanguage(Locale locale) {
        Messages.setLocale(locale);
        prefs.setLanguage(locale);
    }

    @Override
    public void zoom(double factor) {
        zoom = factor == 0 ? 1 : Math.max(0.5, Math.min(3, zoom * factor));
        theme.applyTo(scene, zoom);
    }

    @Override
    public void quit() {
        Platform.exit();
    }

}
