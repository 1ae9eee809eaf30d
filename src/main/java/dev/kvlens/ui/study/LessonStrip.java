package dev.kvlens.ui.study;

import dev.kvlens.ui.common.AppIcon;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Navigator;
import dev.kvlens.ui.common.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The lesson bar under the pages: while a lesson runs and another page is on screen it shows the step's title
 * and text with Back / Next, so a teacher can walk through the steps on the diagram and the charts. Next also
 * brings the next step's page to the front.
 */
final class LessonStrip extends VBox {

    static final String ID = "lessonStrip";
    static final String NEXT_ID = "stripNext";
    static final String BACK_ID = "stripBack";

    private final LessonViewModel vm;
    private final Navigator nav;

    LessonStrip(LessonViewModel vm, Navigator nav, Runnable openLesson) {
        this.vm = vm;
        this.nav = nav;
        setId(ID);
        getStyleClass().add("lesson-strip");
        getStylesheets().add(LessonStrip.class.getResource(Ui.CSS).toExternalForm());
        setSpacing(6);
        Label icon = new Label();
        icon.setGraphic(AppIcon.LESSON.node());
        Label title = Ui.label(Messages.bind(() -> Messages.get("lesson.stepOf", vm.index() + 1, vm.steps().size())
                + " · " + Messages.get(vm.step().titleKey()), vm.stepBinding()), Styles.CAPTION);
        Button back = Ui.button("lesson.back", AppIcon.STEP_BACK, BACK_ID);
        back.disableProperty().bind(vm.firstProperty());
        back.setOnAction(e -> step(-1));
        Button next = new Button();
        next.setId(NEXT_ID);
        next.getStyleClass().add("accent");
        next.setGraphic(AppIcon.STEP_FORWARD.node());
        next.textProperty().bind(Messages.bind(() -> Messages.get(vm.lastProperty().get() ? "lesson.finish"
                : "lesson.next"), vm.indexProperty()));
        next.setOnAction(e -> step(+1));
        Button open = Ui.button("lesson.strip.open", AppIcon.STUDY, "stripOpen");
        open.getStyleClass().add("flat");
        open.setOnAction(e -> openLesson.run());
        Button close = new Button();
        close.setId("stripClose");
        close.setGraphic(AppIcon.CANCEL.node());
        close.getStyleClass().addAll("flat", "button-icon");
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Messages.bind("lesson.strip.close"));
        close.setTooltip(tip);
        close.setOnAction(e -> vm.pause());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(10, icon, title, grow, back, next, open, close);
        top.setAlignment(Pos.CENTER_LEFT);
        Label body = Ui.label(Messages.bind(() -> Messages.get(vm.step().bodyKey(), vm.step().bodyArgs()),
                vm.stepBinding()), "study-body");
        body.setMinHeight(Region.USE_PREF_SIZE);
        getChildren().addAll(top, body);
    }

    /** Back or Next; Next on the last step finishes. The step's page comes to the front when it exists. */
    void step(int direction) {
        if (direction > 0 && vm.lastProperty().get()) {
            vm.finish();
            return;
        }
        if (direction > 0) {
            vm.next();
        } else {
            vm.back();
        }
        String page = vm.step().pageId();
        if (nav.hasPage(page)) {
            nav.showPage(page);
        }
    }
}
