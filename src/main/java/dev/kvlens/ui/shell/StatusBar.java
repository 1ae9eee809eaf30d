package dev.kvlens.ui.shell;

import dev.kvlens.ui.common.AppIcon;
import dev.kvlens.ui.common.FxTaskRunner;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.StatusModel;
import dev.kvlens.ui.common.Styles;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Bottom line: the status message, and the newest background job with its progress and a cancel button. */
final class StatusBar extends HBox {

    static final String MESSAGE_ID = "statusMessage";
    static final String CANCEL_ID = "statusCancel";
    static final String PROGRESS_ID = "statusProgress";

    private final Label message = new Label();
    private final Label jobName = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Button cancel = new Button();
    private FxTaskRunner.RunningJob shown;

    StatusBar(StatusModel status, FxTaskRunner runner) {
        getStyleClass().add(Styles.STATUS_BAR);
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);
        setPadding(new Insets(4, 10, 4, 10));
        message.setId(MESSAGE_ID);
        message.textProperty().bind(status.messageProperty());
        // a long line is cut with an ellipsis; the tooltip shows all of it
        Tooltip full = new Tooltip();
        full.textProperty().bind(status.messageProperty());
        full.setWrapText(true);
        full.setMaxWidth(700);
        message.setTooltip(full);
        message.setMinWidth(0);
        status.levelProperty().addListener((o, a, l) -> {
            message.getStyleClass().remove(Styles.ERROR_TEXT);
            if (StatusModel.Level.WARNING.name().equals(l)) {
                message.getStyleClass().add(Styles.ERROR_TEXT);
            }
        });
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        progress.setId(PROGRESS_ID);
        progress.setPrefWidth(140);
        cancel.setId(CANCEL_ID);
        cancel.setGraphic(AppIcon.CANCEL.node());
        cancel.getStyleClass().add("flat");
        Tooltip t = new Tooltip();
        t.textProperty().bind(Messages.bind("status.cancel.tip"));
        cancel.setTooltip(t);
        cancel.setOnAction(e -> {
            if (shown != null) {
                shown.cancel();
            }
        });
        getChildren().addAll(message, grow, jobName, progress, cancel);
        runner.running().addListener((ListChangeListener<FxTaskRunner.RunningJob>) c -> show(runner));
        show(runner);
    }

    private void show(FxTaskRunner runner) {
        jobName.textProperty().unbind();
        progress.progressProperty().unbind();
        if (runner.running().isEmpty()) {
            shown = null;
            jobName.setText("");
            setJobVisible(false);
            return;
        }
        shown = runner.running().get(runner.running().size() - 1);
        jobName.textProperty().bind(shown.messageProperty().isEmpty().get()
                ? shown.nameProperty() : shown.messageProperty());
        shown.messageProperty().addListener((o, a, m) -> {
            if (shown != null && !m.isEmpty()) {
                jobName.textProperty().unbind();
                jobName.textProperty().bind(shown.messageProperty());
            }
        });
        progress.progressProperty().bind(shown.progressProperty());
        setJobVisible(true);
    }

    private void setJobVisible(boolean v) {
        for (var n : new javafx.scene.Node[] {jobName, progress, cancel}) {
            n.setVisible(v);
            n.setManaged(v);
        }
    }
}
