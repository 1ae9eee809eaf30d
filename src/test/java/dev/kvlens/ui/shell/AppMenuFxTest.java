package dev.kvlens.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.ui.common.AppContext;
import dev.kvlens.ui.common.AppPreferences;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.ExportTarget;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.SameThreadTaskRunner;
import dev.kvlens.ui.common.StatusModel;
import dev.kvlens.ui.common.TestPrefs;
import dev.kvlens.ui.common.Theme;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.prefs.Preferences;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Export menu lists what the page on screen offers, and each item asks for exactly that export. */
@ExtendWith(ApplicationExtension.class)
class AppMenuFxTest {

    private final Preferences node = TestPrefs.fresh();
    private final List<String> calls = new ArrayList<>();
    private final List<ExportTarget> offered = new ArrayList<>();
    private AppMenu menu;

    private final AppActions actions = new AppActions() {
        private final ReadOnlyBooleanWrapper presenting = new ReadOnlyBooleanWrapper();

        @Override
        public void setTheme(Theme theme) {
            calls.add("theme " + theme);
        }

        @Override
        public Theme theme() {
            return Theme.DARK;
        }

        @Override
        public void setLanguage(Locale locale) {
            calls.add("lang " + locale);
        }

        @Override
        public void zoom(double factor) {
            calls.add("zoom " + factor);
        }

        @Override
        public void quit() {
            calls.add("quit");
        }

        @Override
        public void openConfig() {
            calls.add("open");
        }

        @Override
        public void saveConfig() {
            calls.add("save");
        }

        @Override
        public List<ExportTarget> pageExports() {
            return offered;
        }

        @Override
        public String pageTitle() {
            return "Measure";
        }

        @Override
        public void exportWindow(double scale) {
            calls.add("window " + scale);
        }

        @Override
        public void exportPage(double scale) {
            calls.add("page " + scale);
        }

        @Override
        public void export(ExportTarget target, double scale) {
            calls.add(target.id() + " " + target.kind() + " " + scale);
        }

        @Override
        public void setPresentation(boolean on) {
            presenting.set(on);
            calls.add("present " + on);
        }

        @Override
        public ReadOnlyBooleanProperty presentationProperty() {
            return presenting.getReadOnlyProperty();
        }

        @Override
        public void showShortcuts() {
            calls.add("keys");
        }
    };

    @Start
    void start(Stage stage) {
        Messages.setLocale(Messages.ENGLISH);
        AppContext ctx = new AppContext(new ConfigModel(AttentionConfig.defaults()), new SameThreadTaskRunner(),
                new AppPreferences(node), new StatusModel(), stage);
        menu = new AppMenu(ctx, actions);
        stage.setScene(new Scene(new VBox(menu, new Region()), 600, 300));
        stage.show();
    }

    @AfterEach
    void clean() {
        TestPrefs.drop(node);
    }

    @Test
    void exportListsThePageOffersAndFiresTheRightExport(FxRobot robot) {
        offered.add(ExportTarget.png("decode-chart", "menu.file.open", Region::new));
        offered.add(ExportTarget.csv("decode", "menu.file.save", () -> "a\n"));
        Menu export = exportMenu();
        robot.interact(() -> export.getOnShowing().handle(null));
        List<String> labels = export.getItems().stream().map(MenuItem::getText).filter(t -> t != null).toList();
        assertThat(labels).contains(Messages.get("menu.export.window", 1), Messages.get("menu.export.window", 2),
                Messages.get("menu.export.page", "Measure", 2),
                Messages.get("menu.export.png", Messages.get("menu.file.open"), 2),
                Messages.get("menu.export.csv", Messages.get("menu.file.save")));
        robot.interact(() -> {
            item(export, "export-decode-chart-2").fire();
            item(export, "export-decode").fire();
            item(export, "exportWindow1").fire();
        });
        assertThat(calls).containsExactly("decode-chart PNG 2.0", "decode CSV 1.0", "window 1.0");

        offered.clear();
        robot.interact(() -> export.getOnShowing().handle(null));
        assertThat(export.getItems()).noneMatch(i -> i.getId() != null && i.getId().startsWith("export-"));
    }

    @Test
    void theThemeItemShowsTheThemeOnScreen() {
        Menu view = menu.getMenus().stream().filter(m -> AppMenu.VIEW_MENU_ID.equals(m.getId())).findFirst()
                .orElseThrow();
        var dark = (javafx.scene.control.RadioMenuItem) view.getItems().stream()
                .filter(i -> "themeDark".equals(i.getId())).findFirst().orElseThrow();
        assertThat(dark.isSelected()).as("--theme dark beats the saved light theme").isTrue();
    }

    @Test
    void presentationItemTogglesEvenFromTheAccelerator(FxRobot robot) {
        Menu view = menu.getMenus().stream().filter(m -> AppMenu.VIEW_MENU_ID.equals(m.getId())).findFirst()
                .orElseThrow();
        MenuItem present = view.getItems().stream().filter(i -> AppMenu.PRESENTATION_ID.equals(i.getId()))
                .findFirst().orElseThrow();
        robot.interact(present::fire);
        robot.interact(present::fire);
        assertThat(calls).containsExactly("present true", "present false");
    }

    private Menu exportMenu() {
        Menu file = menu.getMenus().stream().filter(m -> AppMenu.FILE_MENU_ID.equals(m.getId())).findFirst()
                .orElseThrow();
        return (Menu) file.getItems().stream().filter(i -> AppMenu.EXPORT_MENU_ID.equals(i.getId())).findFirst()
                .orElseThrow();
    }

    private static MenuItem item(Menu m, String id) {
        return m.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }
}
