package dev.kvlens.ui.study;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvlens.ui.study.Question.Unit;
import org.junit.jupiter.api.Test;

class AnswerParserTest {

    @Test
    void bytesWithBinaryAndDecimalUnits() {
        assertThat(AnswerParser.parse("10 GiB", Unit.BYTES)).hasValue(10.0 * (1L << 30));
        assertThat(AnswerParser.parse("10GiB", Unit.BYTES)).hasValue(10.0 * (1L << 30));
        assertThat(AnswerParser.parse("10 G", Unit.BYTES)).hasValue(10.0 * (1L << 30));
        assertThat(AnswerParser.parse("10 GB", Unit.BYTES)).hasValue(1e10);
        assertThat(AnswerParser.parse("320 KiB", Unit.BYTES)).hasValue(327680.0);
        assertThat(AnswerParser.parse("10,737,418,240", Unit.BYTES)).hasValue(10737418240.0);
        assertThat(AnswerParser.parse("1.5e9 B", Unit.BYTES)).hasValue(1.5e9);
        assertThat(AnswerParser.parse("2048 字节", Unit.BYTES)).hasValue(2048.0);
        assertThat(AnswerParser.parse("  .5 MiB ", Unit.BYTES)).hasValue(524288.0);
    }

    @Test
    void tokensAndRatios() {
        assertThat(AnswerParser.parse("32k", Unit.TOKENS)).hasValue(32768.0);
        assertThat(AnswerParser.parse("40,960", Unit.TOKENS)).hasValue(40960.0);
        assertThat(AnswerParser.parse("8x", Unit.RATIO)).hasValue(8.0);
        assertThat(AnswerParser.parse("8 ×", Unit.RATIO)).hasValue(8.0);
        assertThat(AnswerParser.parse("2.5", Unit.RATIO)).hasValue(2.5);
    }

    @Test
    void rejectsWhatIsNotANumberWithAKnownUnit() {
        assertThat(AnswerParser.parse("", Unit.BYTES)).isEmpty();
        assertThat(AnswerParser.parse("ten gigs", Unit.BYTES)).isEmpty();
        assertThat(AnswerParser.parse("10 parsecs", Unit.BYTES)).isEmpty();
        assertThat(AnswerParser.parse("8 GiB", Unit.RATIO)).isEmpty();
        assertThat(AnswerParser.parse("-3", Unit.BYTES)).isEmpty();
        assertThat(AnswerParser.parse(null, Unit.TOKENS)).isEmpty();
    }

    @Test
    void aBareSuffixIsReadBothWays() {
        assertThat(AnswerParser.candidates("8.7k", Unit.TOKENS)).containsExactly(8.7 * 1024, 8700.0);
        assertThat(AnswerParser.candidates("32k", Unit.TOKENS)).containsExactly(32768.0, 32000.0);
        assertThat(AnswerParser.candidates("10G", Unit.BYTES)).containsExactly(10.0 * (1L << 30), 1e10);
        assertThat(AnswerParser.candidates("10 GiB", Unit.BYTES)).containsExactly(10.0 * (1L << 30));
        assertThat(AnswerParser.candidates("10 GB", Unit.BYTES)).containsExactly(1e10);
        assertThat(AnswerParser.candidates("4096", Unit.TOKENS)).containsExactly(4096.0);
        assertThat(AnswerParser.candidates("nope", Unit.TOKENS)).isEmpty();
    }

    @Test
    void tolerance() {
        assertThat(AnswerParser.close(10.7e9, 10737418240.0, QuizViewModel.TOLERANCE)).isTrue();
        assertThat(AnswerParser.close(10e9, 10737418240.0, QuizViewModel.TOLERANCE)).isFalse();
    }
}
