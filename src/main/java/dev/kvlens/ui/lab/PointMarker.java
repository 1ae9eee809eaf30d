package dev.kvlens.ui.lab;

import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Circle;

/** A chart symbol: a dot (centred on the data point) with a short label beside it and a tooltip. */
final class PointMarker extends StackPane {

    private final Label label;

    PointMarker(String text, String tooltip, String styleClass) {
        Circle dot = new Circle(6);
        dot.getStyleClass().addAll("lab-dot", styleClass);
        getChildren().add(dot);
        getStyleClass().add("lab-marker");
        if (text != null && !text.isEmpty()) {
            label = new Label(text);
            label.getStyleClass().addAll("lab-marker-label", styleClass);
            label.setManaged(false); // the chart centres the marker on the dot only
            getChildren().add(label);
        } else {
            label = null;
        }
        if (tooltip != null) {
            Tooltip.install(this, new Tooltip(tooltip));
        }
        setPrefSize(12, 12);
        setMaxSize(12, 12);
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (label != null) {
            label.autosize();
            label.relocate(10, -label.getHeight() - 2);
        }
    }
}
