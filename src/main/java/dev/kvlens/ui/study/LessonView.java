package dev.kvlens.ui.study;

import dev.kvlens.ui.common.AppIcon;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Navigator;
import dev.kvlens.ui.common.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The lesson tab: progress dots, the step's title and text, Back / Next, "set the sliders" and "show me". */
final class LessonView extends ScrollPane {

    static final String NEXT_ID = "lessonNext";
    static final String BACK_ID = "lessonBack";
    static final String TITLE_ID = "lessonTitle";
    static final String BODY_ID = "lessonBody";
    static final String SHOW_ID = "lessonShow";
    static final String APPLY_ID = "lessonApply";
    static final String RESTART_ID = "lessonRestart";

    private final LessonViewModel vm;
    private final Navigator nav;
    private final HBox dots = new HBox(8);

    LessonView(LessonViewModel vm, Navigator nav) {
        this.vm = vm;
        this.nav = nav;
        setFitToWidth(true);
        getStyleClass().add(Styles.PAGE);
        VBox box = new VBox(16, Ui.label("lesson.title", Styles.SECTION_TITLE), progress(), stepCard(), buttons());
        box.setPadding(new Insets(18));
        box.setMaxWidth(980);
        setContent(box);
        vm.indexProperty().addListener((o, a, b) -> paintDots());
        paintDots();
    }

    private HBox progress() {
        dots.setAlignment(Pos.CENTER_LEFT);
        for (int i = 0; i < vm.steps().size(); i++) {
            int step = i;
            Button dot = new Button();
            dot.getStyleClass().setAll("lesson-dot");
            dot.setId("lessonDot" + (i + 1));
            Tooltip t = new Tooltip();
            t.textProperty().bind(Messages.bind(vm.steps().get(i).titleKey()));
            dot.setTooltip(t);
            dot.setOnAction(e -> {
                vm.resume();
                jump(step);
            });
            dots.getChildren().add(dot);
        }
        Label where = Ui.label(Messages.bind(() -> Messages.get("lesson.stepOf", vm.index() + 1, vm.steps().size()),
                vm.indexProperty()), Styles.MUTED);
        HBox row = new HBox(14, dots, where);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private void jump(int step) {
        while (vm.index() < step) {
            vm.next();
        }
        while (vm.index() > step) {
            vm.back();
        }
    }

    private void paintDots() {
        for (int i = 0; i < dots.getChildren().size(); i++) {
            var s = dots.getChildren().get(i).getStyleClass();
            s.removeAll("done", "current");
            if (i < vm.index()) {
                s.add("done");
            } else if (i == vm.index()) {
                s.add("current");
            }
        }
    }

    private VBox stepCard() {
        Label title = Ui.label(Messages.bind(() -> Messages.get(vm.step().titleKey()), vm.stepBinding()),
                "study-heading");
        title.setId(TITLE_ID);
        Label body = Ui.label(Messages.bind(() -> Messages.get(vm.step().bodyKey(), vm.step().bodyArgs()),
                vm.stepBinding()), "study-body");
        body.setId(BODY_ID);
        body.setMinHeight(Region.USE_PREF_SIZE);
        VBox card = new VBox(12, title, body);
        card.getStyleClass().add("study-card");
        return card;
    }

    private HBox buttons() {
        Button back = Ui.button("lesson.back", AppIcon.STEP_BACK, BACK_ID);
        back.disableProperty().bind(vm.firstProperty());
        back.setOnAction(e -> vm.back());
        Button next = new Button();
        next.setId(NEXT_ID);
        next.setDefaultButton(true);
        next.getStyleClass().add("accent");
        next.setGraphic(AppIcon.STEP_FORWARD.node());
        next.textProperty().bind(Messages.bind(() -> Messages.get(!vm.activeProperty().get()
                ? (vm.index() == 0 ? "lesson.start" : "lesson.resume")
                : vm.lastProperty().get() ? "lesson.finish" : "lesson.next"), vm.activeProperty(), vm.indexProperty()));
        next.setOnAction(e -> primary());
        Button apply = Ui.button("lesson.apply", AppIcon.SLIDERS, APPLY_ID);
        apply.setOnAction(e -> vm.apply());
        Button show = new Button();
        show.setId(SHOW_ID);
        show.setGraphic(AppIcon.GO_TO.node());
        show.textProperty().bind(Messages.bind(() -> Messages.get("lesson.show", pageTitle(nav, vm.step().pageId())),
                vm.stepBinding()));
        Ui.visible(show, Bindings.createBooleanBinding(() -> nav.hasPage(vm.step().pageId()), vm.stepBinding()));
        show.setOnAction(e -> {
            if (!vm.activeProperty().get()) {
                vm.resume();
            }
            nav.showPage(vm.step().pageId());
        });
        Button restart = Ui.button("lesson.restart", AppIcon.RESET, RESTART_ID);
        restart.getStyleClass().add("flat");
        restart.setOnAction(e -> vm.start());
        Ui.visible(restart, vm.activeProperty().or(vm.firstProperty().not()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox row = new HBox(10, back, next, apply, show, grow, restart);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** What the primary button does: start, resume, next or finish. */
    void primary() {
        if (!vm.activeProperty().get()) {
            if (vm.index() == 0) {
                vm.start();
            } else {
                vm.resume();
            }
        } else if (vm.lastProperty().get()) {
            vm.finish();
        } else {
            vm.next();
        }
    }

    static String pageTitle(Navigator nav, String pageId) {
        String key = nav.titleKeyOf(pageId);
        return key != null ? Messages.get(key) : pageId;
    }
}
