package dev.kvlens.ui.shell;

import dev.kvlens.ui.common.AppContext;
import dev.kvlens.ui.common.AppIcon;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Theme;

import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;

/** The menu bar: File, View (theme, language, zoom), Help. */
final class AppMenu extends MenuBar {

    static final String FILE_MENU_ID = "menuFile";
    static final String VIEW_MENU_ID = "menuView";
    static final String HELP_MENU_ID = "menuHelp";

    AppMenu(AppContext ctx, AppActions actions) {
        Menu file = menu("menu.file", FILE_MENU_ID);
        MenuItem quit = item("menu.file.quit", null, "Shortcut+Q");
        quit.setOnAction(e -> actions.quit());
        file.getItems().add(quit);

        Menu view = menu("menu.view", VIEW_MENU_ID);
        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = radio("menu.view.light", themes, "themeLight");
        RadioMenuItem dark = radio("menu.view.dark", themes, "themeDark");
        (ctx.prefs().theme() == Theme.DARK ? dark : light).setSelected(true);
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
        view.getItems().addAll(light, dark, new SeparatorMenuItem(), en, zh, new SeparatorMenuItem(), zoomIn,
                zoomOut, zoomReset);

        Menu help = menu("menu.help", HELP_MENU_ID);
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
        help.getItems().add(about);
        getMenus().addAll(file, view, help);
    }

    static Menu menu(String key, String id) {
        Menu m = new Menu();
        m.setId(id);
        m.textProperty().bind(Messages.bind(key));
        return m;
    }

    static MenuItem item(String key, AppIcon icon, String accelerator) {
        MenuItem i = new MenuItem();
        i.textProperty().bind(Messages.bind(key));
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
