package dev.kvlens.ui.study;

import dev.kvlens.model.Units;
import dev.kvlens.ui.common.AppIcon;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Styles;
import dev.kvlens.ui.study.QuizViewModel.Verdict;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The quiz: a question, options or an answer field, Check / Next, the verdict, the worked solution, the score. */
final class QuizView extends ScrollPane {

    static final String QUESTION_ID = "quizQuestion";
    static final String ANSWER_ID = "quizAnswer";
    static final String CHECK_ID = "quizCheck";
    static final String NEXT_ID = "quizNext";
    static final String VERDICT_ID = "quizVerdict";
    static final String SOLUTION_ID = "quizSolution";
    static final String SCORE_ID = "quizScore";
    static final String CHOICES_ID = "quizChoices";

    private final QuizViewModel vm;
    private final VBox choices = new VBox(6);
    private final TextField answer = new TextField();
    private ToggleGroup group = new ToggleGroup();

    QuizView(QuizViewModel vm) {
        this.vm = vm;
        setFitToWidth(true);
        getStyleClass().add(Styles.PAGE);
        Label score = Ui.label(Messages.bind(() -> Messages.get("quiz.score", vm.progress().correctProperty().get(),
                        vm.progress().answeredProperty().get(), vm.progress().streakProperty().get(),
                        vm.progress().bestProperty().get()), vm.progress().correctProperty(),
                vm.progress().answeredProperty(), vm.progress().streakProperty(), vm.progress().bestProperty()),
                "quiz-score");
        score.setId(SCORE_ID);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox head = new HBox(12, Ui.label("quiz.title", Styles.SECTION_TITLE), grow, score);
        head.setAlignment(Pos.BASELINE_LEFT);

        VBox box = new VBox(14, head, Ui.label("quiz.intro", Styles.MUTED), questionCard(), buttons(), verdict(),
                solution());
        box.setPadding(new Insets(18));
        box.setMaxWidth(980);
        setContent(box);
        vm.questionProperty().addListener((o, a, q) -> showChoices());
        vm.answeredProperty().addListener((o, a, now) -> markChoices());
        showChoices();
    }

    private VBox questionCard() {
        Label q = Ui.label(Messages.bind(() -> Messages.get(vm.question().promptKey(),
                vm.question().promptArgs().toArray()), vm.questionProperty()), "study-question");
        q.setId(QUESTION_ID);
        q.setGraphic(AppIcon.QUIZ.node());
        q.setMinHeight(Region.USE_PREF_SIZE);
        choices.setId(CHOICES_ID);
        answer.setId(ANSWER_ID);
        answer.setPrefColumnCount(18);
        answer.setMaxWidth(360);
        answer.textProperty().bindBidirectional(vm.typedProperty());
        answer.promptTextProperty().bind(Messages.bind(() -> Messages.get(switch (vm.question().unit()) {
            case TOKENS -> "quiz.placeholder.tokens";
            case RATIO -> "quiz.placeholder.ratio";
            default -> "quiz.placeholder.bytes";
        }), vm.questionProperty()));
        answer.setOnAction(e -> checkOrNext());
        answer.editableProperty().bind(vm.answeredProperty().not());
        Label prompt = Ui.label("quiz.answerPrompt", Styles.CAPTION);
        HBox typed = new HBox(10, prompt, answer);
        typed.setAlignment(Pos.CENTER_LEFT);
        BooleanBinding mc = Bindings.createBooleanBinding(() -> vm.question().multipleChoice(), vm.questionProperty());
        Ui.visible(choices, mc);
        Ui.visible(typed, mc.not());
        VBox card = new VBox(14, q, choices, typed);
        card.getStyleClass().add("study-card");
        return card;
    }

    private void showChoices() {
        choices.getChildren().clear();
        group = new ToggleGroup();
        var q = vm.question();
        for (int i = 0; i < q.choices().size(); i++) {
            var c = q.choices().get(i);
            RadioButton r = new RadioButton();
            r.setId("quizChoice" + i);
            r.getStyleClass().add("quiz-choice");
            r.textProperty().bind(Messages.bind(c.labelKey(), c.args().toArray()));
            r.setToggleGroup(group);
            r.disableProperty().bind(vm.answeredProperty());
            int index = i;
            r.selectedProperty().addListener((o, was, now) -> {
                if (now) {
                    vm.pickedProperty().set(index);
                }
            });
            choices.getChildren().add(r);
        }
        if (!q.multipleChoice()) {
            answer.requestFocus();
        }
    }

    /** After answering: the right option gets a tick, a wrong pick a cross (colour and icon, not colour alone). */
    private void markChoices() {
        var q = vm.question();
        for (int i = 0; i < choices.getChildren().size(); i++) {
            RadioButton r = (RadioButton) choices.getChildren().get(i);
            r.getStyleClass().removeAll("quiz-right", "quiz-wrong");
            r.setGraphic(null);
            if (!vm.answeredProperty().get()) {
                continue;
            }
            if (q.choices().get(i).correct()) {
                r.getStyleClass().add("quiz-right");
                r.setGraphic(AppIcon.CHECK.node());
            } else if (i == vm.pickedProperty().get()) {
                r.getStyleClass().add("quiz-wrong");
                r.setGraphic(AppIcon.CANCEL.node());
            }
        }
    }

    private HBox buttons() {
        Button check = Ui.button("quiz.check", AppIcon.CHECK, CHECK_ID);
        check.getStyleClass().add("accent");
        check.setDefaultButton(true);
        check.disableProperty().bind(vm.answeredProperty());
        check.setOnAction(e -> vm.check());
        Button next = Ui.button("quiz.next", AppIcon.STEP_FORWARD, NEXT_ID);
        next.setOnAction(e -> vm.next());
        Button reset = Ui.button("quiz.resetScore", AppIcon.RESET, "quizReset");
        reset.getStyleClass().add("flat");
        reset.setOnAction(e -> vm.resetProgress());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox row = new HBox(10, check, next, grow, reset);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private void checkOrNext() {
        if (vm.answeredProperty().get()) {
            vm.next();
        } else {
            vm.check();
        }
    }

    private VBox verdict() {
        Label verdict = new Label();
        verdict.setId(VERDICT_ID);
        verdict.setWrapText(true);
        verdict.textProperty().bind(Messages.bind(this::verdictText, vm.verdictProperty(), vm.questionProperty()));
        vm.verdictProperty().addListener((o, a, v) -> {
            verdict.getStyleClass().removeAll("quiz-right", "quiz-wrong");
            verdict.setGraphic(null);
            if (v == Verdict.RIGHT) {
                verdict.getStyleClass().add("quiz-right");
                verdict.setGraphic(AppIcon.CHECK.node());
            } else if (v == Verdict.WRONG) {
                verdict.getStyleClass().add("quiz-wrong");
                verdict.setGraphic(AppIcon.CANCEL.node());
            }
        });
        Label hint = Ui.label(Messages.bind(() -> vm.hintKeyProperty().get() == null ? ""
                : Messages.get(vm.hintKeyProperty().get()), vm.hintKeyProperty()), Styles.MUTED);
        hint.setId("quizHint");
        Ui.visible(hint, vm.hintKeyProperty().isNotNull());
        return new VBox(4, verdict, hint);
    }

    private String verdictText() {
        Verdict v = vm.verdictProperty().get();
        if (v == Verdict.RIGHT) {
            return Messages.get("quiz.right") + " " + Messages.get("quiz.correctWas", correctText());
        }
        if (v == Verdict.WRONG) {
            return Messages.get("quiz.wrong") + " " + Messages.get("quiz.correctWas", correctText());
        }
        return "";
    }

    /** The correct answer as shown: the option text, or the number with its unit. */
    private String correctText() {
        var q = vm.question();
        if (q.multipleChoice()) {
            var c = q.choices().get(q.correctChoice());
            return Messages.get(c.labelKey(), c.args().toArray());
        }
        return switch (q.unit()) {
            case BYTES -> Units.bytes(q.correct()) + " (" + Units.count((long) q.correct()) + " B)";
            case TOKENS -> Units.count((long) q.correct());
            default -> QuizGenerator.plain(q.correct());
        };
    }

    private VBox solution() {
        Label title = Ui.label("quiz.solution", Styles.CAPTION);
        Label text = Ui.label(Messages.bind(() -> Messages.get(vm.question().solutionKey(),
                vm.question().solutionArgs().toArray()), vm.questionProperty()), Styles.FORMULA);
        text.setMinHeight(Region.USE_PREF_SIZE);
        VBox box = new VBox(6, title, text);
        box.setId(SOLUTION_ID);
        box.getStyleClass().add("quiz-solution");
        Ui.visible(box, vm.answeredProperty());
        return box;
    }
}
