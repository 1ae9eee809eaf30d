package dev.kvlens.ui.study;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvlens.ui.common.AppPreferences;
import dev.kvlens.ui.common.TestPrefs;
import dev.kvlens.ui.study.Question.Kind;
import dev.kvlens.ui.study.QuizViewModel.Verdict;
import java.util.UUID;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QuizViewModelTest {

    private final Preferences node = TestPrefs.fresh();
    private final AppPreferences prefs = new AppPreferences(node);

    @AfterEach
    void clean() {
        TestPrefs.drop(node);
    }

    @Test
    void typedAnswersWithinToleranceAreRightAndTheScoreIsKept() {
        QuizViewModel vm = new QuizViewModel(prefs, 1);
        Question q = new QuizGenerator(3).next(Kind.TOTAL_CACHE, false);
        vm.ask(q);
        vm.typedProperty().set(String.valueOf((long) (q.correct() * 1.01)));
        assertThat(vm.check()).isEqualTo(Verdict.RIGHT);
        assertThat(vm.answeredProperty().get()).isTrue();
        assertThat(vm.check()).as("answering again does not count twice").isEqualTo(Verdict.RIGHT);
        vm.ask(new QuizGenerator(4).next(Kind.PER_TOKEN, false));
        vm.typedProperty().set(String.valueOf(vm.question().correct() * 2));
        assertThat(vm.check()).isEqualTo(Verdict.WRONG);

        assertThat(vm.progress().answeredProperty().get()).isEqualTo(2);
        assertThat(vm.progress().correctProperty().get()).isEqualTo(1);
        assertThat(vm.progress().streakProperty().get()).isZero();
        assertThat(vm.progress().bestProperty().get()).isEqualTo(1);

        QuizViewModel again = new QuizViewModel(new AppPreferences(node), 2);
        assertThat(again.progress().answeredProperty().get()).isEqualTo(2);
        assertThat(again.progress().correctProperty().get()).isEqualTo(1);
        assertThat(again.progress().bestProperty().get()).isEqualTo(1);
    }

    @Test
    void roundedThousandsCountAsRight() {
        QuizViewModel vm = new QuizViewModel(prefs, 1);
        vm.ask(new QuizGenerator(21).next(Kind.TOKENS_THAT_FIT, false));
        double right = vm.question().correct();
        vm.typedProperty().set(String.format(java.util.Locale.ROOT, "%.1fk", right / 1000));
        assertThat(vm.check()).as("%s for %s", vm.typedProperty().get(), right).isEqualTo(Verdict.RIGHT);
    }

    @Test
    void unreadableTextIsNotCountedAndCanBeCorrected() {
        QuizViewModel vm = new QuizViewModel(prefs, 1);
        vm.ask(new QuizGenerator(5).next(Kind.TOTAL_CACHE, false));
        vm.typedProperty().set("lots");
        assertThat(vm.check()).isEqualTo(Verdict.UNREADABLE);
        assertThat(vm.hintKeyProperty().get()).isEqualTo("quiz.unreadable.bytes");
        assertThat(vm.progress().answeredProperty().get()).isZero();
        vm.typedProperty().set(String.valueOf((long) vm.question().correct()));
        assertThat(vm.check()).isEqualTo(Verdict.RIGHT);
    }

    @Test
    void gigabytesForGibibytesIsNamedAsAUnitSlip() {
        QuizViewModel vm = new QuizViewModel(prefs, 1);
        Question q = new QuizGenerator(3).next(Kind.TOTAL_CACHE, false);
        vm.ask(q);
        double gib = q.correct() / (1L << 30);
        vm.typedProperty().set(gib + " GB");
        assertThat(vm.check()).isEqualTo(Verdict.WRONG);
        assertThat(vm.hintKeyProperty().get()).isEqualTo("quiz.slip.decimalUnits");
    }

    @Test
    void aWrongOptionExplainsItsSlipAndStreaksCount() {
        QuizViewModel vm = new QuizViewModel(prefs, 1);
        for (int i = 0; i < 3; i++) {
            vm.ask(new QuizGenerator(10 + i).next(Kind.TOTAL_CACHE, true));
            vm.pickedProperty().set(vm.question().correctChoice());
            assertThat(vm.check()).isEqualTo(Verdict.RIGHT);
        }
        assertThat(vm.progress().streakProperty().get()).isEqualTo(3);
        vm.ask(new QuizGenerator(20).next(Kind.TOTAL_CACHE, true));
        int wrong = (vm.question().correctChoice() + 1) % 4;
        vm.pickedProperty().set(wrong);
        assertThat(vm.check()).isEqualTo(Verdict.WRONG);
        assertThat(vm.hintKeyProperty().get()).isEqualTo(vm.question().choices().get(wrong).mistakeKey());
        assertThat(vm.progress().streakProperty().get()).isZero();
        assertThat(vm.progress().bestProperty().get()).isEqualTo(3);
        vm.resetProgress();
        assertThat(vm.progress().answeredProperty().get()).isZero();
    }

    @Test
    void corruptStoredScoresFallBackWithOneNotice() {
        node.put(QuizProgress.ANSWERED, "many");
        node.put(QuizProgress.CORRECT, "-4");
        node.put(QuizProgress.STREAK, "2");
        QuizProgress p = new QuizProgress(prefs);
        assertThat(p.answeredProperty().get()).isZero();
        assertThat(p.correctProperty().get()).isZero();
        assertThat(p.streakProperty().get()).as("a streak above the right answers is impossible").isZero();
        assertThat(prefs.takeNotices()).hasSize(3);
        new QuizProgress(prefs);
        assertThat(prefs.takeNotices()).as("the notice is shown once").isEmpty();
    }
}
