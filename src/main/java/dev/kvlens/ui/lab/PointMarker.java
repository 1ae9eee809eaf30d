package dev.kvlens.ui.lab;

import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Circle;

/** A chart symbol: a dot (centred on the data point) with a short label beside it and a tooltip. */
final class PointMarker extends StackPane {

    PointMarker(String text, String tooltip, String styleClass) {
        Circle dot = new Circle(6);
        dot.getStyleClass().addAll("lab-dot", styleClass);
        getChildren().add(dot);
        getStyleClass().add("lab-marker");
        if (text != null && !text.isEmpty()) {
            Label l = new Label(text);
            l.getStyleClass().addAll("lab-marker-label", styleClass);
            l.setManaged(false);
            l.relocate(10, -20);
            l.autosize();
            l.layoutBoundsProperty().addListener((o, a, b) -> l.relocate(10, -20));
            getChildren().add(l);
        }
        if (tooltip != null) {
            Tooltip.install(this, new Tooltip(tooltip));
        }
        setPrefSize(12, 12);
        setMaxSize(12, 12);
    }
}
