package dev.kvlens.ui.shell;

import dev.kvlens.ui.common.AppContext;
import dev.kvlens.ui.common.AppIcon;
import dev.kvlens.ui.common.ExportTarget;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Theme;
import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;

/** The menu bar: File (open, save, export, quit), View (theme, language, zoom, presentation), Help. */
final class AppMenu extends MenuBar {

    static final String FILE_MENU_ID = "menuFile";
    static final String VIEW_MENU_ID = "menuView";
    static final String HELP_MENU_ID = "menuHelp";
    static final String EXPORT_MENU_ID = "menuExport";
    static final String PRESENTATION_ID = "presentation";

    private final AppActions actions;
    private final Menu export;

    AppMenu(AppContext ctx, AppActions actions) {
        this.actions = actions;
        export = menu("menu.file.export", EXPORT_MENU_ID);
        export.setGraphic(AppIcon.EXPORT.node());
        // the page on screen decides what can be exported, so the list is rebuilt each time it opens
        export.setOnShowing(e -> fillExport());
        fillExport();
        getMenus().addAll(fileMenu(), viewMenu(ctx), helpMenu(ctx));
    }

    private Menu fileMenu() {
        Menu file = menu("menu.file", FILE_MENU_ID);
        MenuItem open = item("menu.file.open", AppIcon.OPEN, "Shortcut+O");
        open.setId("openConfig");
        open.setOnAction(e -> actions.openConfig());
        MenuItem save = item("menu.file.save", AppIcon.SAVE, "Shortcut+S");
        save.setId("saveConfig");
        save.setOnAction(e -> actions.saveConfig());
        MenuItem quit = item("menu.file.quit", null, "Shortcut+Q");
        quit.setOnAction(e -> actions.quit());
        file.getItems().addAll(open, save, new SeparatorMenuItem(), export, new SeparatorMenuItem(), quit);
        return file;
    }

    /** Window and page images at 1× and 2×, then whatever the page offers (charts, measurements). */
    private void fillExport() {
        export.getItems().clear();
        MenuItem window1 = item("menu.export.window", null, "Shortcut+Shift+E", 1);
        window1.setId("exportWindow1");
        window1.setOnAction(e -> actions.exportWindow(1));
        MenuItem window2 = item("menu.export.window", null, null, 2);
        window2.setOnAction(e -> actions.exportWindow(2));
        export.getItems().addAll(window1, window2);
        String page = actions.pageTitle();
        if (!page.isEmpty()) {
            MenuItem page1 = new MenuItem(Messages.get("menu.export.page", page, 1));
            page1.setOnAction(e -> actions.exportPage(1));
            MenuItem page2 = new MenuItem(Messages.get("menu.export.page", page, 2));
            page2.setOnAction(e -> actions.exportPage(2));
            export.getItems().addAll(page1, page2);
        }
        List<ExportTarget> targets = actions.pageExports();
        if (!targets.isEmpty()) {
            export.getItems().add(new SeparatorMenuItem());
        }
        for (ExportTarget t : targets) {
            String label = Messages.get(t.labelKey());
            if (t.kind() == ExportTarget.Kind.CSV) {
                MenuItem i = new MenuItem(Messages.get("menu.export.csv", label));
                i.setId("export-" + t.id());
                i.setOnAction(e -> actions.export(t, 1));
                export.getItems().add(i);
            } else {
                for (int scale = 1; scale <= 2; scale++) {
                    int s = scale;
                    MenuItem i = new MenuItem(Messages.get("menu.export.png", label, s));
                    i.setId("export-" + t.id() + "-" + s);
                    i.setOnAction(e -> actions.export(t, s));
                    export.getItems().add(i);
                }
            }
        }
    }

    private Menu viewMenu(AppContext ctx) {
        Menu view = menu("menu.view", VIEW_MENU_ID);
        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = radio("menu.view.light", themes, "themeLight");
        RadioMenuItem dark = radio("menu.view.dark", themes, "themeDark");
        (actions.theme() == Theme.DARK ? dark : light).setSelected(true);
        light.setOnAction(e -> actions.setTheme(Theme.LIGHT));
        dark.setOnAction(e -> actions.setTheme(Theme.DARK));
        ToggleGroup langs = new ToggleGroup();
        RadioMenuItem en = radio("menu.view.english", langs, "langEn");
        RadioMenuItem zh = radio("menu.view.chinese", langs, "langZh");
        (Messages.locale().getLanguage().equals("zh") ? zh : en).setSelected(true);
        en.setOnAction(e -> actions.setLanguage(Messages.ENGLISH));
        zh.setOnAction(e -> actions.setLanguage(Messages.CHINESE));
        Messages.localeProperty().addListener((o, a, l) -> (l.getLanguage().equals("zh") ? zh : en).setSelected(true));
        MenuItem zoomIn = item("menu.view.zoomIn", AppIcon.ZOOM_IN, "Shortcut+Plus");
        zoomIn.setOnAction(e -> actions.zoom(1.1));
        MenuItem zoomOut = item("menu.view.zoomOut", AppIcon.ZOOM_OUT, "Shortcut+Minus");
        zoomOut.setOnAction(e -> actions.zoom(1 / 1.1));
        MenuItem zoomReset = item("menu.view.zoomReset", null, "Shortcut+0");
        zoomReset.setOnAction(e -> actions.zoom(0));
        CheckMenuItem present = new CheckMenuItem();
        present.setId(PRESENTATION_ID);
        present.textProperty().bind(Messages.bind("menu.view.presentation"));
        present.setGraphic(AppIcon.PRESENT.node());
        present.setAccelerator(KeyCombination.keyCombination("F5"));
        present.setSelected(actions.presentationProperty().get());
        actions.presentationProperty().addListener((o, a, on) -> present.setSelected(on));
        present.setOnAction(e -> actions.setPresentation(!actions.presentationProperty().get()));
        view.getItems().addAll(light, dark, new SeparatorMenuItem(), en, zh, new SeparatorMenuItem(), zoomIn,
                zoomOut, zoomReset, new SeparatorMenuItem(), present);
        return view;
    }

    private Menu helpMenu(AppContext ctx) {
        Menu help = menu("menu.help", HELP_MENU_ID);
        MenuItem keys = item("menu.help.shortcuts", AppIcon.HELP, "F1");
        keys.setId("shortcuts");
        keys.setOnAction(e -> actions.showShortcuts());
        MenuItem about = item("menu.help.about", AppIcon.INFO, null);
        about.setOnAction(e -> {
            Alert a = new Alert(Alert.AlertType.INFORMATION);
            a.initOwner(ctx.stage());
            a.setTitle(Messages.get("about.title"));
            a.setHeaderText(Messages.get("about.header"));
            a.setContentText(Messages.get("about.text", System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors()));
            a.showAndWait();
        });
        help.getItems().addAll(keys, about);
        return help;
    }

    static Menu menu(String key, String id) {
        Menu m = new Menu();
        m.setId(id);
        m.textProperty().bind(Messages.bind(key));
        return m;
    }

    static MenuItem item(String key, AppIcon icon, String accelerator, Object... args) {
        MenuItem i = new MenuItem();
        i.textProperty().bind(Messages.bind(key, args));
        if (icon != null) {
            i.setGraphic(icon.node());
        }
        if (accelerator != null) {
            i.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        return i;
    }

    private static RadioMenuItem radio(String key, ToggleGroup g, String id) {
        RadioMenuItem r = new RadioMenuItem();
        r.setId(id);
        r.textProperty().bind(Messages.bind(key));
        r.setToggleGroup(g);
        return r;
    }
}
