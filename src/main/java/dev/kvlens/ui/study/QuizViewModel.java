package dev.kvlens.ui.study;

import dev.kvlens.ui.common.AppPreferences;
import java.util.OptionalDouble;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The quiz: the current question, the user's answer (a picked option or typed text), the verdict and the
 * worked solution once answered, and the persistent score. No nodes.
 */
public final class QuizViewModel {

    /** A typed answer within this relative distance of the exact value counts as right. */
    public static final double TOLERANCE = 0.015;

    /** What happened on {@link #check()}. */
    public enum Verdict {
        /** Not answered yet. */
        NONE,
        RIGHT,
        WRONG,
        /** The typed text is not a number with a known unit: nothing was counted. */
        UNREADABLE
    }

    private final QuizGenerator generator;
    private final QuizProgress progress;
    private final ReadOnlyObjectWrapper<Question> question = new ReadOnlyObjectWrapper<>();
    private final IntegerProperty picked = new SimpleIntegerProperty(-1);
    private final StringProperty typed = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Verdict> verdict = new ReadOnlyObjectWrapper<>(Verdict.NONE);
    private final ReadOnlyBooleanWrapper answered = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<String> hintKey = new SimpleObjectProperty<>();

    public QuizViewModel(AppPreferences prefs, long seed) {
        generator = new QuizGenerator(seed);
        progress = new QuizProgress(prefs);
        next();
    }

    /** A new question; clears the answer. */
    public void next() {
        question.set(generator.next());
        picked.set(-1);
        typed.set("");
        verdict.set(Verdict.NONE);
        answered.set(false);
        hintKey.set(null);
    }

    /** Replaces the question (tests, or "ask me this kind"). */
    public void ask(Question q) {
        question.set(q);
        picked.set(-1);
        typed.set("");
        verdict.set(Verdict.NONE);
        answered.set(false);
        hintKey.set(null);
    }

    /**
     * Checks the answer: the picked option for a multiple-choice question, else the typed text. Counts once per
     * question; unreadable text is not counted and can be corrected.
     */
    public Verdict check() {
        if (answered.get()) {
            return verdict.get();
        }
        Question q = question.get();
        boolean right;
        if (q.multipleChoice()) {
            int i = picked.get();
            if (i < 0 || i >= q.choices().size()) {
                verdict.set(Verdict.UNREADABLE);
                hintKey.set("quiz.pickOne");
                return verdict.get();
            }
            right = q.choices().get(i).correct();
            hintKey.set(right ? null : q.choices().get(i).mistakeKey());
        } else {
            OptionalDouble v = AnswerParser.parse(typed.get(), q.unit());
            if (v.isEmpty()) {
                verdict.set(Verdict.UNREADABLE);
                hintKey.set(q.unit() == Question.Unit.BYTES ? "quiz.unreadable.bytes"
                        : q.unit() == Question.Unit.TOKENS ? "quiz.unreadable.tokens" : "quiz.unreadable.ratio");
                return verdict.get();
            }
            right = false;
            for (double c : AnswerParser.candidates(typed.get(), q.unit())) {
                right |= AnswerParser.close(c, q.correct(), TOLERANCE);
            }
            hintKey.set(null);
            if (!right && q.unit() == Question.Unit.BYTES) {
                // 10 GB typed for 10 GiB (or the reverse) is a unit slip worth naming
                double r = v.getAsDouble() / q.correct();
                for (int k = 1; k <= 4; k++) {
                    double f = Math.pow(1.024, k);
                    if (AnswerParser.close(r, f, 0.004) || AnswerParser.close(r, 1 / f, 0.004)) {
                        hintKey.set("quiz.slip.decimalUnits");
                    }
                }
            }
        }
        verdict.set(right ? Verdict.RIGHT : Verdict.WRONG);
        answered.set(true);
        progress.record(right);
        return verdict.get();
    }

    public ReadOnlyObjectProperty<Question> questionProperty() {
        return question.getReadOnlyProperty();
    }

    public Question question() {
        return question.get();
    }

    /** Index of the picked option, -1 for none. */
    public IntegerProperty pickedProperty() {
        return picked;
    }

    public StringProperty typedProperty() {
        return typed;
    }

    public ReadOnlyObjectProperty<Verdict> verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** True once the question was answered (right or wrong): the solution is shown and Next is offered. */
    public ReadOnlyBooleanProperty answeredProperty() {
        return answered.getReadOnlyProperty();
    }

    /** A message key that explains a wrong or unreadable answer (the slip behind a wrong option), or null. */
    public ObjectProperty<String> hintKeyProperty() {
        return hintKey;
    }

    public QuizProgress progress() {
        return progress;
    }

    /** Clears the score and streak. */
    public void resetProgress() {
        progress.reset();
    }
}
