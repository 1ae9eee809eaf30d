package dev.kvlens.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvDtype;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class ExperimentsTest {

    /** Times each shape as its K/V bytes at 10 GB/s. */
    static final class FakeProbe implements LabProbe {
        final List<Shape> timed = new ArrayList<>();
        long budget = 1L << 30;

        @Override
        public Limits calibrate(long bytes, BooleanSupplier cancel) {
            return new Limits(10, 80, bytes, 2, "fake");
        }

        @Override
        public Timed time(Shape s, BooleanSupplier cancel) {
            timed.add(s);
            long ns = Math.max(1, s.kvBytes() / 10);
            return new Timed(s, ns + 5, ns, 3);
        }

        @Override
        public long bytesNeeded(Shape s) {
            return s.kvBytes();
        }

        @Override
        public long budgetBytes() {
            return budget;
        }
    }

    @Test
    void rooflineComparesMhaCurrentAndMqaInDecodeAndPrefill() {
        AttentionConfig c = AttentionConfig.of(32, 8, 128, 32, 1, 4096, KvDtype.FP16);
        List<Shape> s = Experiments.rooflineShapes(c);
        assertThat(s).extracting(Shape::variant).containsExactly("MHA", "GQA-8", "MQA", "MHA", "GQA-8", "MQA");
        assertThat(s.get(0).mode()).isEqualTo(Shape.Mode.DECODE);
        assertThat(s.get(0).kvBytes()).isEqualTo(Experiments.ROOFLINE_MHA_CACHE_BYTES);
        assertThat(s.get(3).seq()).isEqualTo(Experiments.ROOFLINE_PREFILL_TOKENS);
        assertThat(Experiments.bandwidthProbeBytes(s)).isEqualTo(16L << 20);
    }

    @Test
    void bigConfigsAreScaledDownKeepingTheVariant() {
        assertThat(Experiments.scaledHeads(AttentionConfig.of(128, 8, 128, 1, 1, 8, KvDtype.FP16)))
                .containsExactly(64, 4);
        assertThat(Experiments.scaledHeads(AttentionConfig.of(128, 1, 128, 1, 1, 8, KvDtype.FP16)))
                .containsExactly(64, 1);
        assertThat(Experiments.scaledHeads(AttentionConfig.of(128, 128, 128, 1, 1, 8, KvDtype.FP16)))
                .containsExactly(64, 64);
        assertThat(Experiments.scaledHeadDim(AttentionConfig.of(8, 8, 256, 1, 1, 8, KvDtype.FP16))).isEqualTo(128);
        assertThat(Experiments.mhaCurrentMqa(8, 8)).containsExactly(8, 1);
        assertThat(Experiments.mhaCurrentMqa(1, 1)).containsExactly(1);
    }

    @Test
    void paperShapesFollowThePapers() {
        List<Shape> sh = Experiments.shazeerShapes(128);
        assertThat(sh).extracting(Shape::variant).containsExactly("MHA", "MQA");
        assertThat(sh.get(0).seq()).isEqualTo(128);
        assertThat(sh.get(0).headDim()).isEqualTo(128);
        assertThat(sh.get(0).batch()).isEqualTo(128);
        List<Shape> ai = Experiments.ainslieShapes(64, 1);
        assertThat(ai).extracting(Shape::kvHeads).containsExactly(64, 32, 16, 8, 4, 2, 1);
        assertThat(ai.get(0).seq()).isEqualTo(2048);
        assertThat(PaperFigures.shazeerSpeedup()).isCloseTo(12.1, within(0.01));
        assertThat(PaperFigures.ainslieTable1()).extracting(PaperFigures.Point::ratioToMha)
                .containsExactly(1.0, 0.28 / 1.51, 0.24 / 1.51);
    }

    @Test
    void timesEveryShapeInOrderReportingPartials() {
        FakeProbe p = new FakeProbe();
        List<Shape> shapes = Experiments.shazeerShapes(4);
        List<Integer> sizes = new ArrayList<>();
        List<Timed> r = Experiments.timeAll(p, shapes, null, (done, total) -> {
            assertThat(total).isEqualTo(2);
            sizes.add(done.size());
        });
        assertThat(sizes).containsExactly(1, 2);
        assertThat(p.timed).containsExactlyElementsOf(shapes);
        assertThat(Experiments.bestOf(r, Shape.Mode.DECODE, 8) / (double) Experiments.bestOf(r, Shape.Mode.DECODE, 1))
                .isCloseTo(8.0, within(1e-3));
        assertThat(Experiments.bestOf(r, Shape.Mode.PREFILL, 8)).isEqualTo(-1);
    }

    @Test
    void refusesPlansOverBudgetBeforeRunningAnything() {
        FakeProbe p = new FakeProbe();
        p.budget = 1L << 20;
        assertThatThrownBy(() -> Experiments.timeAll(p, Experiments.shazeerShapes(512), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower the batch");
        assertThat(p.timed).isEmpty();
        assertThatThrownBy(() -> Experiments.timeAll(new FakeProbe(), Experiments.shazeerShapes(1), () -> true, null))
                .isInstanceOf(CancellationException.class);
    }
}
