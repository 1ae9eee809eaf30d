package dev.kvlens.ui.shell;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.ConfigJson;
import dev.kvlens.model.ModelPreset;
import dev.kvlens.model.Presets;
import dev.kvlens.model.Units;
import dev.kvlens.ui.common.AppContext;
import dev.kvlens.ui.common.AppPreferences;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.ErrorText;
import dev.kvlens.ui.common.ExportTarget;
import dev.kvlens.ui.common.Exportable;
import dev.kvlens.ui.common.FxTaskRunner;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Page;
import dev.kvlens.ui.common.StatusModel;
import dev.kvlens.ui.common.Theme;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

/**
 * The application around the pages: builds the window from options and preferences, and carries out what
 * the menus ask (theme, language, zoom, presentation mode, open/save configuration, export). Kept apart from
 * {@link KvLensApp} so that tests can build the real shell on a TestFX stage with their own preferences.
 */
public final class AppShell implements AppActions {

    private static final Logger LOG = Logger.getLogger(AppShell.class.getName());
    public static final String ICON = "/dev/kvlens/assets/icon.png";
    /** How much larger everything is in presentation mode, on top of the zoom. */
    public static final double PRESENTATION_SCALE = 1.4;
    public static final double MIN_ZOOM = 0.5;
    public static final double MAX_ZOOM = 3;

    private final Stage stage;
    private final AppPreferences prefs;
    private final FileDialogs dialogs;
    private final FxTaskRunner runner;
    private final MainWindow window;
    private final Scene scene;
    private final ReadOnlyBooleanWrapper presentation = new ReadOnlyBooleanWrapper(false);
    private Theme theme;
    private double zoom;

    public AppShell(Stage stage, AppPreferences prefs, AppOptions opts, FileDialogs dialogs) {
        this.stage = stage;
        this.prefs = prefs;
        this.dialogs = dialogs != null ? dialogs : new FileDialogs.Native(stage);
        List<String> notices = new ArrayList<>();

        Locale saved = prefs.language();
        Messages.setLocale(opts.lang() != null ? Messages.parseLanguage(opts.lang())
                : saved != null ? saved : Locale.getDefault());
        opts.problems().forEach(p -> notices.add(p.text()));
        theme = opts.theme() != null ? Theme.parse(opts.theme()) : prefs.theme();
        theme.applyGlobally();
        zoom = opts.zoom() != null ? opts.zoom() : prefs.number(AppPreferences.ZOOM, 1, MIN_ZOOM, MAX_ZOOM);

        AttentionConfig initial = prefs.config();
        String presetId = prefs.configPresetId();
        if (opts.config() != null) {
            try {
                ConfigJson.Document doc = ConfigFiles.read(opts.config());
                initial = doc.config();
                presetId = doc.presetId();
            } catch (ConfigFiles.BadFile e) {
                notices.add(e.getMessage());
            }
        }
        ConfigModel config = new ConfigModel(initial);
        applyPreset(config, presetId);
        StatusModel status = new StatusModel();
        runner = new FxTaskRunner(2);
        AppContext ctx = new AppContext(config, runner, prefs, status, stage);
        window = new MainWindow(ctx, runner, this);
        double w = prefs.number(AppPreferences.WINDOW_W, 1400, 640, 10000);
        double h = prefs.number(AppPreferences.WINDOW_H, 900, 480, 10000);
        notices.addAll(prefs.takeNotices());
        if (!notices.isEmpty()) {
            status.warn(String.join(" · ", notices));
        } else {
            status.info(Messages.get("status.ready"));
        }
        scene = new Scene(window, w, h);
        theme.applyTo(scene, effectiveZoom());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
        acceptDroppedConfigs();
        stage.setScene(scene);
        stage.titleProperty().bind(Messages.bind("app.title"));
        try (InputStream in = AppShell.class.getResourceAsStream(ICON)) {
            if (in != null) {
                stage.getIcons().add(new Image(in));
            }
        } catch (IOException e) {
            // no icon is not worth a failure
        }
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.fullScreenProperty().addListener((o, was, now) -> {
            if (!now && presentation.get()) {
                setPresentation(false);
            }
        });
        if (opts.page() != null && !window.showPage(opts.page())) {
            status.warn(Messages.get("status.unknownPage", opts.page()));
        }
    }

    private static void applyPreset(ConfigModel config, String presetId) {
        if (presetId == null) {
            return;
        }
        AttentionConfig c = config.get();
        Presets.byId(presetId).filter(p -> p.toConfig(c.batch(), c.seqLen(), c.dtype()).equals(c))
                .ifPresent(p -> config.presetProperty().set(p));
    }

    public Scene scene() {
        return scene;
    }

    public MainWindow window() {
        return window;
    }

    public AppContext context() {
        return window.context();
    }

    public double zoomFactor() {
        return zoom;
    }

    @Override
    public Theme theme() {
        return theme;
    }

    /** The font zoom applied to the scene: the zoom, times {@link #PRESENTATION_SCALE} when presenting. */
    public double effectiveZoom() {
        return zoom * (presentation.get() ? PRESENTATION_SCALE : 1);
    }

    private void keys(KeyEvent e) {
        if (e.getCode() == KeyCode.ESCAPE && presentation.get()) {
            setPresentation(false);
            e.consume();
        } else if ((e.getCode() == KeyCode.EQUALS || e.getCode() == KeyCode.ADD) && e.isShortcutDown()) {
            zoom(1.1);
            e.consume();
        } else if (e.getCode() == KeyCode.SUBTRACT && e.isShortcutDown()) {
            zoom(1 / 1.1);
            e.consume();
        }
    }

    /** Saves window, config and zoom to preferences and stops every page and worker. */
    public void close() {
        window.dispose();
        runner.close();
        ConfigModel c = window.context().config();
        prefs.setConfig(c.get(), c.presetProperty().get() == null ? null : c.presetProperty().get().id());
        if (!stage.isFullScreen() && !stage.isMaximized() && scene.getWidth() > 0) {
            prefs.setNumber(AppPreferences.WINDOW_W, scene.getWidth());
            prefs.setNumber(AppPreferences.WINDOW_H, scene.getHeight());
        }
        prefs.setNumber(AppPreferences.ZOOM, zoom);
        prefs.flush();
    }

    // ---- theme, language, zoom, presentation ----

    @Override
    public void setTheme(Theme t) {
        theme = t;
        t.applyGlobally();
        t.applyTo(scene, effectiveZoom());
        prefs.setTheme(t);
    }

    @Override
    public void setLanguage(Locale locale) {
        Messages.setLocale(locale);
        prefs.setLanguage(locale);
        // status lines are plain text: replace the old one so nothing stays in the previous language
        status().info(Messages.get("status.language"));
    }

    @Override
    public void zoom(double factor) {
        zoom = factor == 0 ? 1 : Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom * factor));
        theme.applyTo(scene, effectiveZoom());
        prefs.setNumber(AppPreferences.ZOOM, zoom);
        status().info(Messages.get("status.zoom", Math.round(zoom * 100)));
    }

    @Override
    public void quit() {
        Platform.exit();
    }

    @Override
    public void setPresentation(boolean on) {
        if (presentation.get() == on) {
            return;
        }
        presentation.set(on);
        window.setControlsVisible(!on);
        theme.applyTo(scene, effectiveZoom());
        if (on) {
            stage.setFullScreenExitHint(Messages.get("presentation.hint"));
        }
        stage.setFullScreen(on);
        status().info(Messages.get(on ? "status.presentationOn" : "status.presentationOff"));
    }

    @Override
    public ReadOnlyBooleanProperty presentationProperty() {
        return presentation.getReadOnlyProperty();
    }

    @Override
    public void showShortcuts() {
        ShortcutsDialog.show(stage, scene.getRoot().getStyle());
    }

    // ---- configuration files ----

    /** A .json file dropped on the window is opened like File → Open (and refused the same way if bad). */
    private void acceptDroppedConfigs() {
        scene.addEventHandler(javafx.scene.input.DragEvent.DRAG_OVER, e -> {
            if (droppedConfig(e.getDragboard()) != null) {
                e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
                e.consume();
            }
        });
        scene.addEventHandler(javafx.scene.input.DragEvent.DRAG_DROPPED, e -> {
            Path f = droppedConfig(e.getDragboard());
            if (f != null) {
                e.setDropCompleted(openConfig(f));
                e.consume();
            }
        });
    }

    private static Path droppedConfig(javafx.scene.input.Dragboard board) {
        if (!board.hasFiles() || board.getFiles().size() != 1) {
            return null;
        }
        java.io.File f = board.getFiles().get(0);
        return f.getName().toLowerCase(Locale.ROOT).endsWith(".json") ? f.toPath() : null;
    }

    @Override
    public void openConfig() {
        dialogs.chooseOpen("file.open.title", "file.filter.json", "json", prefs.lastDirectory())
                .ifPresent(this::openConfig);
    }

    /** Applies the configuration in {@code file}; on any problem shows one line and changes nothing. */
    public boolean openConfig(Path file) {
        ConfigJson.Document doc;
        try {
            doc = ConfigFiles.read(file);
        } catch (ConfigFiles.BadFile e) {
            status().warn(e.getMessage());
            return false;
        }
        prefs.setLastDirectory(file);
        ConfigModel model = context().config();
        model.presetProperty().set(null);
        model.set(doc.config());
        applyPreset(model, doc.presetId());
        status().info(Messages.get("status.configOpened", file.getFileName()));
        return true;
    }

    @Override
    public void saveConfig() {
        ModelPreset p = context().config().presetProperty().get();
        String suggested = "kvlens-" + (p != null ? p.id() : context().config().get().variantLabel()
                .toLowerCase(Locale.ROOT)) + ".json";
        dialogs.askSavePath("file.save.title", "file.filter.json", "json", prefs.lastDirectory(), suggested)
                .ifPresent(this::saveConfig);
    }

    /** Writes the current configuration to {@code file} (the caller has already agreed to replace it). */
    public boolean saveConfig(Path file) {
        ConfigModel model = context().config();
        ModelPreset p = model.presetProperty().get();
        return write(file, () -> ConfigFiles.writeText(file, ConfigJson.write(model.get(), p == null ? null : p.id())));
    }

    // ---- export ----

    @Override
    public List<ExportTarget> pageExports() {
        if (window == null) {
            return List.of();
        }
        Optional<Page> page = window.currentPage();
        if (page.isPresent() && page.get() instanceof Exportable ex) {
            try {
                List<ExportTarget> list = ex.exports();
                return list == null ? List.of() : List.copyOf(list);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a page failed to list its exports", e);
            }
        }
        return List.of();
    }

    @Override
    public String pageTitle() {
        return window == null ? "" : window.currentPage().map(p -> Messages.get(p.titleKey())).orElse("");
    }

    @Override
    public void exportWindow(double scale) {
        exportImage(window, "window", scale);
    }

    @Override
    public void exportPage(double scale) {
        Optional<Page> page = window.currentPage();
        if (page.isEmpty()) {
            return;
        }
        exportImage(page.get().node(), page.get().id(), scale);
    }

    @Override
    public void export(ExportTarget target, double scale) {
        if (target.kind() == ExportTarget.Kind.CSV) {
            String text;
            try {
                text = target.csv().get();
            } catch (RuntimeException e) {
                status().warn(Messages.get("status.exportFailed", ErrorText.of(e)));
                return;
            }
            if (text == null || text.isBlank()) {
                status().warn(Messages.get("status.nothingToExport"));
                return;
            }
            dialogs.askSavePath("file.export.csv.title", "file.filter.csv", "csv", prefs.lastDirectory(),
                    target.suggestedFileName(1)).ifPresent(f -> write(f, () -> ConfigFiles.writeText(f, text)));
            return;
        }
        Node node;
        try {
            node = target.node().get();
        } catch (RuntimeException e) {
            status().warn(Messages.get("status.exportFailed", ErrorText.of(e)));
            return;
        }
        if (node == null) {
            status().warn(Messages.get("status.nothingToExport"));
            return;
        }
        exportImage(node, target.id(), scale);
    }

    private void exportImage(Node node, String id, double scale) {
        ExportTarget t = ExportTarget.png(id, "export.window", () -> node);
        byte[] png;
        try {
            png = Screenshot.png(Screenshot.snapshot(node, scale));
        } catch (IOException | RuntimeException e) {
            status().warn(Messages.get("status.exportFailed", ErrorText.of(e)));
            return;
        }
        dialogs.askSavePath("file.export.png.title", "file.filter.png", "png", prefs.lastDirectory(),
                t.suggestedFileName(scale)).ifPresent(f -> write(f, () -> ConfigFiles.writeBytes(f, png)));
    }

    /** Writes a PNG of {@code node} at {@code scale} to {@code file} (the caller agreed to replace it). */
    public boolean writeImage(Node node, double scale, Path file) {
        return write(file, () -> ConfigFiles.writeBytes(file, Screenshot.png(Screenshot.snapshot(node, scale))));
    }

    private interface Write {
        void run() throws IOException;
    }

    private boolean write(Path file, Write w) {
        try {
            w.run();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "write failed: " + file, e);
            String why = e instanceof java.nio.file.AccessDeniedException ? Messages.get("file.denied")
                    : e instanceof java.nio.file.NoSuchFileException ? Messages.get("file.noFolder")
                    : ErrorText.of(e);
            status().warn(Messages.get("status.writeFailed", file.getFileName(), why));
            return false;
        }
        prefs.setLastDirectory(file);
        status().info(Messages.get("status.saved", file.getFileName(), Units.bytes(sizeOf(file))));
        return true;
    }

    private static long sizeOf(Path f) {
        try {
            return java.nio.file.Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }

    private StatusModel status() {
        return window.context().status();
    }
}
