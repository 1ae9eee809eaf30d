package dev.kvlens.ui.study;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvlens.ui.common.AppPreferences;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.TestPrefs;
import dev.kvlens.ui.common.Theme;
import dev.kvlens.ui.shell.AppOptions;
import dev.kvlens.ui.shell.AppShell;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The study page inside the real shell: lesson steps drive the sliders, the lesson bar, the quiz, both languages. */
@ExtendWith(ApplicationExtension.class)
class StudyFxTest {

    private final Preferences node = TestPrefs.fresh();
    private AppShell shell;

    @Start
    void start(Stage stage) {
        Messages.setLocale(Messages.ENGLISH);
        AppPreferences prefs = new AppPreferences(node);
        prefs.setNumber(AppPreferences.WINDOW_W, 1200);
        prefs.setNumber(AppPreferences.WINDOW_H, 760);
        shell = new AppShell(stage, prefs, AppOptions.parse(List.of("--page", "study", "--lang", "en")), null);
        stage.show();
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(() -> {
            shell.close();
            Messages.setLocale(Messages.ENGLISH);
            Theme.LIGHT.applyGlobally();
        });
        TestPrefs.drop(node);
    }

    @Test
    void nextStepsThroughTheLessonAndSetsTheSliders(FxRobot robot) {
        robot.clickOn("#" + LessonView.NEXT_ID);
        assertThat(shell.context().config().get()).isEqualTo(LessonStep.ALL.get(0).config());
        robot.clickOn("#" + LessonView.NEXT_ID);
        assertThat(text(robot, LessonView.TITLE_ID)).isEqualTo(Messages.get("lesson.mha.title"));
        assertThat(shell.context().config().presetProperty().get().id()).isEqualTo("llama-2-7b");
        assertThat(text(robot, LessonView.BODY_ID)).contains("512 KiB");
        robot.press(KeyCode.ALT, KeyCode.RIGHT).release(KeyCode.RIGHT, KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, LessonView.TITLE_ID)).isEqualTo(Messages.get("lesson.cache.title"));
        robot.clickOn("#" + LessonView.BACK_ID);
        assertThat(text(robot, LessonView.TITLE_ID)).isEqualTo(Messages.get("lesson.mha.title"));
    }

    @Test
    void theLessonBarFollowsToOtherPagesAndStepsThere(FxRobot robot) {
        Node strip = robot.lookup("#" + LessonStrip.ID).query();
        assertThat(strip.isVisible()).isFalse();
        robot.clickOn("#" + LessonView.NEXT_ID);
        robot.interact(() -> shell.window().showPage("calculator"));
        assertThat(strip.isVisible()).as("lesson bar shown on another page").isTrue();
        robot.clickOn("#" + LessonStrip.NEXT_ID);
        assertThat(shell.context().config().presetProperty().get().id()).isEqualTo("llama-2-7b");
        robot.clickOn("#stripOpen");
        assertThat(shell.window().currentPage().orElseThrow().id()).isEqualTo(StudyPage.ID);
        assertThat(strip.isVisible()).isFalse();
        assertThat(text(robot, LessonView.TITLE_ID)).isEqualTo(Messages.get("lesson.mha.title"));
    }

    @Test
    void aQuizQuestionCanBeAnsweredAndShowsItsSolution(FxRobot robot) {
        robot.interact(() -> robot.lookup("#" + StudyView.SECTIONS_ID).queryAs(TabPane.class).getSelectionModel()
                .select(3));
        Node solution = robot.lookup("#" + QuizView.SOLUTION_ID).query();
        assertThat(solution.isVisible()).isFalse();
        StudyPage page = (StudyPage) shell.window().pages().stream().filter(p -> p instanceof StudyPage).findFirst()
                .orElseThrow();
        Question typed = new QuizGenerator(11).next(Question.Kind.TOTAL_CACHE, false);
        robot.interact(() -> page.quiz().ask(typed));
        Label q = robot.lookup("#" + QuizView.QUESTION_ID).queryAs(Label.class);
        assertThat(q.getText()).doesNotContain("quiz.q.").contains((String) typed.promptArgs().get(0));
        assertThat(robot.lookup("#quizChoice0").tryQuery()).isEmpty();
        robot.clickOn("#" + QuizView.ANSWER_ID).write(dev.kvlens.model.Units.bytes(typed.correct()));
        robot.clickOn("#" + QuizView.CHECK_ID);
        assertThat(solution.isVisible()).isTrue();
        assertThat(text(robot, QuizView.VERDICT_ID)).startsWith(Messages.get("quiz.right"));
        assertThat(text(robot, QuizView.SCORE_ID)).contains("/ 1");
        assertThat(new AppPreferences(node).integer(QuizProgress.ANSWERED, 0, 0, 100)).isEqualTo(1);
        robot.clickOn("#" + QuizView.NEXT_ID);
        assertThat(solution.isVisible()).isFalse();

        Question mc = new QuizGenerator(12).next(Question.Kind.VARIANT, true);
        robot.interact(() -> page.quiz().ask(mc));
        int wrong = (mc.correctChoice() + 1) % mc.choices().size();
        robot.clickOn("#quizChoice" + wrong).clickOn("#" + QuizView.CHECK_ID);
        assertThat(text(robot, QuizView.VERDICT_ID)).startsWith(Messages.get("quiz.wrong"));
        assertThat(robot.lookup("#quizChoice" + mc.correctChoice()).query().getStyleClass()).contains("quiz-right");
        assertThat(text(robot, "quizHint")).isEqualTo(Messages.get("quiz.slip.variant"));
        assertThat(text(robot, QuizView.SCORE_ID)).contains("1 / 2");
    }

    @Test
    void cardsRevealAndEverythingFollowsTheLanguage(FxRobot robot) {
        robot.interact(() -> robot.lookup("#" + StudyView.SECTIONS_ID).queryAs(TabPane.class).getSelectionModel()
                .select(1));
        Node answer = robot.lookup("#" + CardsView.ANSWER_ID).query();
        assertThat(answer.isVisible()).isFalse();
        robot.clickOn("#" + CardsView.REVEAL_ID);
        assertThat(answer.isVisible()).isTrue();
        String english = text(robot, CardsView.QUESTION_ID);
        robot.interact(() -> shell.setLanguage(Messages.CHINESE));
        String chinese = text(robot, CardsView.QUESTION_ID);
        assertThat(chinese).isNotEqualTo(english).matches(".*[\\u4e00-\\u9fff].*");
        assertThat(robot.lookup("#" + CardsView.REVEAL_ID).queryAs(Button.class).getText()).isEqualTo("隐藏答案");
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(Label.class).getText();
    }
}
