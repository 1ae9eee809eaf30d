package dev.kvlens.ui.shell;

import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Styles;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** F1: every keyboard shortcut, in the current language. */
final class ShortcutsDialog {

    static final String GRID_ID = "shortcutsGrid";

    /** Key text (not translated: the names printed on keys) and the message key of what it does. */
    record Shortcut(String keys, String actionKey) {
    }

    static final List<Shortcut> SHORTCUTS = List.of(
            new Shortcut("F1", "keys.help"),
            new Shortcut("F5", "keys.presentation"),
            new Shortcut("Esc", "keys.leavePresentation"),
            new Shortcut("Ctrl + O", "keys.open"),
            new Shortcut("Ctrl + S", "keys.save"),
            new Shortcut("Ctrl + Shift + E", "keys.exportWindow"),
            new Shortcut("Ctrl + +  /  Ctrl + =", "keys.zoomIn"),
            new Shortcut("Ctrl + −", "keys.zoomOut"),
            new Shortcut("Ctrl + 0", "keys.zoomReset"),
            new Shortcut("Ctrl + Tab  /  Ctrl + Shift + Tab", "keys.nextPage"),
            new Shortcut("Alt + →  /  Alt + ←", "keys.lessonStep"),
            new Shortcut("Space", "keys.cachePlay"),
            new Shortcut("→  /  ←", "keys.cacheStep"),
            new Shortcut("Home", "keys.cacheReset"),
            new Shortcut("Ctrl + Q", "keys.quit"));

    private ShortcutsDialog() {
    }

    static GridPane grid() {
        GridPane g = new GridPane();
        g.setId(GRID_ID);
        g.setHgap(24);
        g.setVgap(8);
        g.setPadding(new Insets(8, 4, 8, 4));
        int row = 0;
        for (Shortcut s : SHORTCUTS) {
            Label k = new Label(s.keys());
            k.getStyleClass().addAll(Styles.FORMULA, "shortcut-key");
            k.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label what = new Label(Messages.get(s.actionKey()));
            what.setWrapText(true);
            g.addRow(row++, k, what);
        }
        return g;
    }

    /** Shows the list; {@code rootStyle} carries the window's font size, so zoom and presentation apply. */
    static void show(Window owner, String rootStyle) {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        if (owner != null) {
            a.initOwner(owner);
        }
        a.setTitle(Messages.get("keys.title"));
        a.setHeaderText(Messages.get("keys.header"));
        a.getDialogPane().setContent(grid());
        a.getDialogPane().setMinWidth(560);
        a.getDialogPane().setStyle(rootStyle);
        a.show();
    }
}
