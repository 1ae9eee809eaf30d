package dev.kvlens.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.ConfigJson;
import dev.kvlens.model.KvDtype;
import dev.kvlens.model.Presets;
import dev.kvlens.ui.common.AppPreferences;
import dev.kvlens.ui.common.TestPrefs;
import dev.kvlens.ui.common.ExportTarget;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Theme;
import dev.kvlens.ui.controls.ControlsView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.prefs.Preferences;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real shell on a headless stage: language and theme from the menu, presentation mode, files, export. */
@ExtendWith(ApplicationExtension.class)
class ShellFxTest {

    private final Preferences node = TestPrefs.fresh();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private AppShell shell;
    private Stage stage;

    @TempDir
    Path dir;

    /** File questions answered by the test. */
    static final class ScriptedDialogs implements FileDialogs {
        final Deque<Path> answers = new ArrayDeque<>();
        boolean agreeToReplace;
        int replaceQuestions;

        @Override
        public Optional<Path> chooseOpen(String titleKey, String filterKey, String extension, Path folder) {
            return Optional.ofNullable(answers.poll());
        }

        @Override
        public Optional<Path> chooseSave(String titleKey, String filterKey, String extension, Path folder,
                                         String suggested) {
            return Optional.ofNullable(answers.poll());
        }

        @Override
        public boolean confirmOverwrite(Path file) {
            replaceQuestions++;
            return agreeToReplace;
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Messages.setLocale(Messages.ENGLISH);
        AppPreferences prefs = new AppPreferences(node);
        // the headless screen is 1280 × 800: a larger window overflows its frame buffer
        prefs.setNumber(AppPreferences.WINDOW_W, 1200);
        prefs.setNumber(AppPreferences.WINDOW_H, 760);
        shell = new AppShell(stage, prefs, AppOptions.parse(List.of("--lang", "en", "--theme", "light")), dialogs);
        stage.show();
    }

    @AfterEach
    void tearDown(FxRobot robot) throws Exception {
        robot.interact(() -> {
            shell.setPresentation(false);
            shell.close();
            Messages.setLocale(Messages.ENGLISH);
            Theme.LIGHT.applyGlobally();
        });
        TestPrefs.drop(node);
    }

    @Test
    void theLanguageSwitchesAtRuntimeFromTheMenu(FxRobot robot) {
        TabPane tabs = robot.lookup("#" + MainWindow.TABS_ID).queryAs(TabPane.class);
        assertThat(tabs.getTabs()).extracting(Tab::getText).contains("Calculator", "Study");
        robot.clickOn("View").clickOn("简体中文");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Messages.locale()).isEqualTo(Messages.CHINESE);
        assertThat(tabs.getTabs()).extracting(Tab::getText).contains("计算器", "学习");
        assertThat(stage.getTitle()).contains("实测");
        assertThat(new AppPreferences(node).language()).isEqualTo(Messages.CHINESE);
        robot.clickOn("视图").clickOn("English");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tabs.getTabs()).extracting(Tab::getText).contains("Calculator", "Study");
    }

    @Test
    void theThemeSwitchesFromTheMenuAndIsRemembered(FxRobot robot) {
        assertThat(stage.getScene().getRoot().getStyleClass()).contains("theme-light");
        robot.clickOn("View").clickOn("Dark theme");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getScene().getRoot().getStyleClass()).contains("theme-dark").doesNotContain("theme-light");
        assertThat(javafx.application.Application.getUserAgentStylesheet()).containsIgnoringCase("dark");
        assertThat(new AppPreferences(node).theme()).isEqualTo(Theme.DARK);
    }

    @Test
    void presentationModeHidesThePanelEnlargesTextAndEscLeaves(FxRobot robot) {
        double normal = stage.getScene().getRoot().getStyle().isEmpty() ? 0 : fontPx();
        assertThat(robot.lookup("#" + ControlsView.PRESET_ID).tryQuery()).isPresent();
        robot.press(KeyCode.F5).release(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shell.presentationProperty().get()).isTrue();
        assertThat(shell.window().getLeft()).as("control panel hidden").isNull();
        assertThat(fontPx()).isCloseTo(normal * AppShell.PRESENTATION_SCALE, org.assertj.core.data.Offset.offset(0.2));
        assertThat(stage.isFullScreen()).isTrue();
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shell.presentationProperty().get()).isFalse();
        assertThat(shell.window().getLeft()).isNotNull();
        assertThat(fontPx()).isCloseTo(normal, org.assertj.core.data.Offset.offset(0.2));
        assertThat(stage.isFullScreen()).isFalse();
    }

    @Test
    void zoomIsClampedAndRemembered(FxRobot robot) {
        robot.interact(() -> {
            for (int i = 0; i < 30; i++) {
                shell.zoom(1.1);
            }
        });
        assertThat(shell.zoomFactor()).isEqualTo(AppShell.MAX_ZOOM);
        assertThat(fontPx()).isCloseTo(Theme.BASE_FONT_PX * AppShell.MAX_ZOOM, org.assertj.core.data.Offset.offset(0.2));
        robot.interact(() -> shell.zoom(0));
        assertThat(shell.zoomFactor()).isEqualTo(1);
        assertThat(new AppPreferences(node).number(AppPreferences.ZOOM, 0, 0.5, 3)).isEqualTo(1);
    }

    @Test
    void saveThenOpenRoundTripsTheConfiguration(FxRobot robot) throws Exception {
        AttentionConfig c = Presets.require("llama-2-70b").toConfig(8, 4096, KvDtype.FP16);
        robot.interact(() -> {
            shell.context().config().presetProperty().set(Presets.require("llama-2-70b"));
            shell.context().config().set(c);
        });
        Path f = dir.resolve("seventy");
        dialogs.answers.add(f);
        robot.interact(() -> shell.saveConfig());
        Path saved = dir.resolve("seventy.json");
        assertThat(saved).exists();
        assertThat(Files.readString(saved)).isEqualTo(ConfigJson.write(c, "llama-2-70b"));

        robot.interact(() -> shell.context().config().set(AttentionConfig.defaults()));
        dialogs.answers.add(saved);
        robot.interact(() -> shell.openConfig());
        assertThat(shell.context().config().get()).isEqualTo(c);
        assertThat(shell.context().config().presetProperty().get().id()).isEqualTo("llama-2-70b");
        assertThat(status(robot)).contains("seventy.json");
    }

    @Test
    void aBadConfigFileChangesNothingAndSaysSoInOneLine(FxRobot robot) throws Exception {
        AttentionConfig before = shell.context().config().get();
        Path bad = Files.writeString(dir.resolve("broken.json"), "{\"format\": \"kvlens-config\", \"heads\": ");
        dialogs.answers.add(bad);
        robot.interact(() -> shell.openConfig());
        assertThat(shell.context().config().get()).isEqualTo(before);
        assertThat(status(robot)).contains("broken.json").contains("Not a valid JSON").doesNotContain("\n");
        dialogs.answers.add(dir.resolve("nowhere.json"));
        robot.interact(() -> shell.openConfig());
        assertThat(shell.context().config().get()).isEqualTo(before);
        assertThat(status(robot)).contains("nowhere.json").contains("cannot be read");
    }

    @Test
    void anExistingFileIsNeverReplacedWithoutAsking(FxRobot robot) throws Exception {
        Path existing = Files.writeString(dir.resolve("mine.json"), "precious");
        dialogs.agreeToReplace = false;
        dialogs.answers.add(dir.resolve("mine")); // the dialog never showed "mine.json", so the shell asks
        robot.interact(() -> shell.saveConfig());
        assertThat(dialogs.replaceQuestions).isEqualTo(1);
        assertThat(Files.readString(existing)).isEqualTo("precious");

        dialogs.agreeToReplace = true;
        dialogs.answers.add(dir.resolve("mine"));
        robot.interact(() -> shell.saveConfig());
        assertThat(dialogs.replaceQuestions).isEqualTo(2);
        assertThat(Files.readString(existing)).contains("kvlens-config");
    }

    @Test
    void theWindowAndPageExportAsPngAtOneAndTwoTimes(FxRobot robot) throws Exception {
        dialogs.answers.add(dir.resolve("w1.png"));
        robot.interact(() -> shell.exportWindow(1));
        dialogs.answers.add(dir.resolve("w2.png"));
        robot.interact(() -> shell.exportWindow(2));
        var one = ImageIO.read(dir.resolve("w1.png").toFile());
        var two = ImageIO.read(dir.resolve("w2.png").toFile());
        assertThat(one.getWidth()).isEqualTo((int) Math.round(shell.window().getWidth()));
        assertThat(two.getWidth()).isEqualTo(2 * one.getWidth());
        assertThat(two.getHeight()).isEqualTo(2 * one.getHeight());

        dialogs.answers.add(dir.resolve("page.png"));
        robot.interact(() -> shell.exportPage(1));
        assertThat(ImageIO.read(dir.resolve("page.png").toFile()).getWidth()).isLessThan(one.getWidth());
    }

    @Test
    void csvTargetsAreWrittenAndEmptyOnesAreReported(FxRobot robot) throws Exception {
        dialogs.answers.add(dir.resolve("m.csv"));
        robot.interact(() -> shell.export(ExportTarget.csv("decode", "menu.file.export", () -> "tokens,ms\n1,2\n"), 1));
        assertThat(Files.readString(dir.resolve("m.csv"))).isEqualTo("tokens,ms\n1,2\n");
        robot.interact(() -> shell.export(ExportTarget.csv("decode", "menu.file.export", () -> null), 1));
        assertThat(status(robot)).isEqualTo(Messages.get("status.nothingToExport"));
        assertThat(dialogs.answers).isEmpty();
    }

    @Test
    void f1ListsTheShortcuts(FxRobot robot) {
        robot.press(KeyCode.F1).release(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#" + ShortcutsDialog.GRID_ID).tryQuery()).isPresent();
        assertThat(robot.lookup(Messages.get("keys.presentation")).tryQuery()).isPresent();
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    }

    private double fontPx() {
        String style = stage.getScene().getRoot().getStyle();
        String px = style.replaceAll(".*-fx-font-size:\\s*([0-9.]+)px.*", "$1");
        return Double.parseDouble(px);
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#" + StatusBar.MESSAGE_ID).queryAs(Label.class).getText();
    }
}
