package dev.kvlens.ui.study;

import dev.kvlens.ui.common.AppPreferences;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * Score and streak, kept in preferences: questions answered, answered right, the current run of right
 * answers and the best run. A corrupt or impossible stored value (negative, more right than answered) falls
 * back to zero with the preferences' one-time notice.
 */
public final class QuizProgress {

    static final String ANSWERED = "study.quiz.answered";
    static final String CORRECT = "study.quiz.correct";
    static final String STREAK = "study.quiz.streak";
    static final String BEST = "study.quiz.best";
    private static final int MAX = 10_000_000;

    private final AppPreferences prefs;
    private final ReadOnlyIntegerWrapper answered = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper correct = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper streak = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper best = new ReadOnlyIntegerWrapper();

    public QuizProgress(AppPreferences prefs) {
        this.prefs = prefs;
        int a = prefs.integer(ANSWERED, 0, 0, MAX);
        int c = prefs.integer(CORRECT, 0, 0, a);
        int s = prefs.integer(STREAK, 0, 0, c);
        int b = prefs.integer(BEST, s, s, MAX);
        answered.set(a);
        correct.set(c);
        streak.set(s);
        best.set(Math.min(b, Math.max(c, s)));
    }

    public void record(boolean right) {
        answered.set(Math.min(MAX, answered.get() + 1));
        if (right) {
            correct.set(Math.min(answered.get(), correct.get() + 1));
            streak.set(streak.get() + 1);
            best.set(Math.max(best.get(), streak.get()));
        } else {
            streak.set(0);
        }
        save();
    }

    public void reset() {
        answered.set(0);
        correct.set(0);
        streak.set(0);
        best.set(0);
        save();
    }

    private void save() {
        prefs.setInteger(ANSWERED, answered.get());
        prefs.setInteger(CORRECT, correct.get());
        prefs.setInteger(STREAK, streak.get());
        prefs.setInteger(BEST, best.get());
    }

    public ReadOnlyIntegerProperty answeredProperty() {
        return answered.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty correctProperty() {
        return correct.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty streakProperty() {
        return streak.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty bestProperty() {
        return best.getReadOnlyProperty();
    }
}
