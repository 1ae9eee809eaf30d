package dev.kvlens.ui.study;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvCacheMath;
import dev.kvlens.model.KvDtype;
import dev.kvlens.model.Presets;
import dev.kvlens.ui.study.Question.Kind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Quiz answers against KvCacheMath and against the formula written out by hand. */
class QuizGeneratorTest {

    @Test
    void theLlama2_70bExampleFromTheIssueIsTenGiB() {
        AttentionConfig c = Presets.require("llama-2-70b").toConfig(8, 4096, KvDtype.FP16);
        long byHand = 2L * 80 * 8 * 128 * 2 * 4096 * 8;
        assertThat(KvCacheMath.totalBytes(c)).isEqualTo(byHand).isEqualTo(10L << 30);
    }

    @Property(tries = 300)
    void everyTotalCacheQuestionMatchesTheFormula(@ForAll long seed) {
        Question q = new QuizGenerator(seed).next(Kind.TOTAL_CACHE, seed % 2 == 0);
        // prompt: preset name, dtype, tokens, batch; solution: layers, kv, d, bytes/elem, dtype, tokens, batch, …
        var p = Presets.all().stream().filter(x -> x.name().equals(q.promptArgs().get(0))).findFirst().orElseThrow();
        KvDtype dtype = KvDtype.parse((String) q.promptArgs().get(1));
        long tokens = Long.parseLong(((String) q.promptArgs().get(2)).replace(",", ""));
        long batch = ((Number) q.promptArgs().get(3)).longValue();
        long elements = 2L * p.layers() * p.kvHeads() * p.headDim() * tokens * batch;
        long byHand = (elements * dtype.bits() + 7) / 8;
        assertThat((long) q.correct()).isEqualTo(byHand)
                .isEqualTo(KvCacheMath.totalBytes(p.toConfig((int) batch, (int) tokens, dtype)));
        assertThat(q.solutionArgs().get(7)).isEqualTo(String.format(java.util.Locale.ROOT, "%,d", byHand));
        checkChoices(q);
    }

    @Property(tries = 300)
    void everyQuestionOfEveryKindIsConsistent(@ForAll long seed) {
        QuizGenerator g = new QuizGenerator(seed);
        for (Kind k : Kind.values()) {
            Question q = g.next(k, true);
            checkChoices(q);
            Question typed = g.next(k, false);
            if (typed.unit() != Question.Unit.CHOICE) {
                assertThat(typed.correct()).isPositive();
                assertThat(typed.multipleChoice()).isFalse();
            }
        }
    }

    @Property(tries = 200)
    void decodeReadAndRatioAndFitAnswersComeFromKvCacheMath(@ForAll long seed) {
        QuizGenerator g = new QuizGenerator(seed);
        Question read = g.next(Kind.DECODE_BYTES_READ, false);
        int h = (Integer) read.promptArgs().get(0);
        int kv = (Integer) read.promptArgs().get(1);
        int d = (Integer) read.promptArgs().get(2);
        KvDtype dt = KvDtype.parse((String) read.promptArgs().get(3));
        int t = Integer.parseInt(((String) read.promptArgs().get(4)).replace(",", ""));
        assertThat((long) read.correct()).isEqualTo(KvCacheMath.decodeKvBytesRead(AttentionConfig.of(h, kv, d, 1, 1, t, dt)))
                .isEqualTo((2L * kv * t * d * dt.bits() + 7) / 8);

        Question ratio = g.next(Kind.RATIO_TO_MHA, false);
        assertThat(ratio.correct()).isEqualTo((double) (Integer) ratio.promptArgs().get(1)
                / (Integer) ratio.promptArgs().get(2)).isGreaterThan(1);

        Question fit = g.next(Kind.TOKENS_THAT_FIT, false);
        var p = Presets.all().stream().filter(x -> x.name().equals(fit.promptArgs().get(0))).findFirst().orElseThrow();
        KvDtype fd = KvDtype.parse((String) fit.promptArgs().get(1));
        int batch = (Integer) fit.promptArgs().get(2);
        long budget = ((Integer) fit.promptArgs().get(3)).longValue() << 30;
        long perToken = KvCacheMath.bytesPerToken(p.toConfig(batch, 1, fd));
        assertThat((long) fit.correct()).isEqualTo(budget / (perToken * batch));
    }

    @Property(tries = 200)
    void scoreFlopsNeverChangeAndVariantNamesFollowTheConfig(@ForAll long seed) {
        QuizGenerator g = new QuizGenerator(seed);
        Question f = g.next(Kind.SCORE_FLOPS, true);
        assertThat(f.choices().get(f.correctChoice()).labelKey()).isEqualTo("quiz.choice.flopsSame");
        Question v = g.next(Kind.VARIANT, true);
        int h = (Integer) v.promptArgs().get(0);
        int kv = (Integer) v.promptArgs().get(1);
        String expected = kv == h ? "MHA" : kv == 1 ? "MQA" : "GQA-" + kv;
        assertThat(v.choices().get(v.correctChoice()).args()).containsExactly(expected);
    }

    @Test
    void wrongOptionsNameTheirSlip() {
        QuizGenerator g = new QuizGenerator(42);
        for (int i = 0; i < 50; i++) {
            Question q = g.next(Kind.TOTAL_CACHE, true);
            for (Question.Choice c : q.choices()) {
                if (!c.correct()) {
                    assertThat(c.mistakeKey()).startsWith("quiz.slip.");
                    if (c.mistakeKey().equals("quiz.slip.noTwo")) {
                        assertThat(c.value()).isEqualTo(q.correct() / 2);
                    }
                }
            }
        }
    }

    @Test
    void aRandomMixCoversEveryKind() {
        QuizGenerator g = new QuizGenerator(7);
        Set<Kind> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(g.next().kind());
        }
        assertThat(seen).containsExactlyInAnyOrder(Kind.values());
    }

    @Test
    void plainNumbers() {
        assertThat(QuizGenerator.plain(8)).isEqualTo("8");
        assertThat(QuizGenerator.plain(2.5)).isEqualTo("2.5");
        assertThat(QuizGenerator.plain(1.0 / 3)).isEqualTo("0.333");
        assertThat(QuizGenerator.bytesPerElement(KvDtype.INT4)).isEqualTo("0.5");
    }

    private static void checkChoices(Question q) {
        if (!q.multipleChoice()) {
            return;
        }
        assertThat(q.choices()).hasSize(4);
        assertThat(q.choices().stream().filter(Question.Choice::correct)).hasSize(1);
        List<String> labels = q.choices().stream().map(c -> c.labelKey() + c.args()).toList();
        assertThat(labels).doesNotHaveDuplicates();
        Question.Choice right = q.choices().get(q.correctChoice());
        if (!Double.isNaN(q.correct()) && !Double.isNaN(right.value())) {
            assertThat(right.value()).isEqualTo(q.correct());
        }
    }
}
