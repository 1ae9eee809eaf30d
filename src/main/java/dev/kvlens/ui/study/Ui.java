package dev.kvlens.ui.study;

import dev.kvlens.ui.common.AppIcon;
import dev.kvlens.ui.common.Messages;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;

/** Small node factories for the study views (text always from the bundles). */
final class Ui {

    static final String CSS = "/dev/kvlens/ui/study/study.css";

    private Ui() {
    }

    static Label label(String key, String... styles) {
        Label l = new Label();
        l.textProperty().bind(Messages.bind(key));
        l.setWrapText(true);
        l.getStyleClass().addAll(styles);
        return l;
    }

    static Label label(ObservableValue<String> text, String... styles) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.getStyleClass().addAll(styles);
        return l;
    }

    static Button button(String key, AppIcon icon, String id) {
        Button b = new Button();
        b.textProperty().bind(Messages.bind(key));
        if (icon != null) {
            b.setGraphic(icon.node());
        }
        b.setId(id);
        return b;
    }

    static void visible(javafx.scene.Node n, ObservableValue<Boolean> v) {
        n.visibleProperty().bind(v);
        n.managedProperty().bind(v);
    }
}
