package dev.kvlens.ui.lab;

import dev.kvlens.ui.common.Messages;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;

/** The Lab page's layout: a side list of sections and the selected section's content. */
final class LabView extends BorderPane {

    static final String LIST_ID = "lab-sections";

    private final ListView<LabSection> list = new ListView<>();

    LabView(List<LabSection> sections, Consumer<LabSection> onSelect) {
        getStyleClass().add("lab-view");
        getStylesheets().add(LabView.class.getResource("lab.css").toExternalForm());
        list.setId(LIST_ID);
        list.getItems().setAll(sections);
        list.getStyleClass().add("lab-list");
        list.setPrefWidth(215);
        list.setMinWidth(160);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(LabSection s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : Messages.get(s.titleKey()));
            }
        });
        Messages.localeProperty().addListener((Observable o) -> list.refresh());
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                setCenter(b.node());
                onSelect.accept(b);
            }
        });
        setLeft(list);
    }

    void select(LabSection s) {
        list.getSelectionModel().select(s);
    }

    LabSection selected() {
        return list.getSelectionModel().getSelectedItem();
    }
}
