package dev.kvlens.ui.study;

import java.util.List;

/**
 * One quiz question. Text is kept as message keys plus arguments (numbers, preset names, dtype ids: the same in
 * every language) so the question follows a language switch. The correct answer was computed by
 * {@link dev.kvlens.model.KvCacheMath} when the question was generated.
 *
 * @param kind        what is asked
 * @param promptKey   message key of the question text
 * @param promptArgs  its arguments
 * @param unit        how a typed answer is read (bytes, a count, a ratio) — or CHOICE for multiple choice only
 * @param correct     the exact answer (bytes, tokens, ratio); NaN for a choice-only question
 * @param choices     the options when asked as multiple choice (exactly one is correct), else empty
 * @param solutionKey message key of the worked solution
 * @param solutionArgs its arguments
 */
public record Question(Kind kind, String promptKey, List<Object> promptArgs, Unit unit, double correct,
                       List<Choice> choices, String solutionKey, List<Object> solutionArgs) {

    public enum Kind { TOTAL_CACHE, PER_TOKEN, RATIO_TO_MHA, TOKENS_THAT_FIT, DECODE_BYTES_READ, SCORE_FLOPS, VARIANT }

    public enum Unit { BYTES, TOKENS, RATIO, CHOICE }

    /**
     * An option: its text is {@code labelKey} formatted with {@code args}; {@code value} is the number it stands
     * for (NaN for a text option); {@code mistakeKey} names the slip that leads to it (shown after a wrong
     * answer), or null for the correct option.
     */
    public record Choice(String labelKey, List<Object> args, double value, boolean correct, String mistakeKey) {
    }

    public Question {
        promptArgs = List.copyOf(promptArgs);
        choices = List.copyOf(choices);
        solutionArgs = List.copyOf(solutionArgs);
    }

    public boolean multipleChoice() {
        return !choices.isEmpty();
    }

    public int correctChoice() {
        for (int i = 0; i < choices.size(); i++) {
            if (choices.get(i).correct()) {
                return i;
            }
        }
        return -1;
    }
}
