package dev.kvlens.ui.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kvlens.lab.GqaConversion;
import dev.kvlens.lab.LabProbe;
import dev.kvlens.lab.Shape;
import dev.kvlens.lab.Timed;
import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvDtype;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.lab.KvReductions;
import dev.kvlens.ui.common.SameThreadTaskRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class LabViewModelsTest {

    /** Times every shape exactly on a 10 GB/s, 1000 GFLOP/s roofline; reports the limits as configured. */
    static final class FakeProbe implements LabProbe {
        final List<Shape> timed = new ArrayList<>();
        int calibrations;
        double gbs = 10;
        double gflops = 1000;
        long budget = 1L << 30;

        @Override
        public Limits calibrate(long bytes, BooleanSupplier cancel) {
            calibrations++;
            return new Limits(gbs, gflops, bytes, 1, "fake");
        }

        @Override
        public Timed time(Shape s, BooleanSupplier cancel) {
            timed.add(s);
            long ns = Math.max(1, Math.max(s.kvBytes() / 10, s.flops() / 1000));
            return new Timed(s, ns + 1, ns, 5);
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

    private final SameThreadTaskRunner tasks = new SameThreadTaskRunner();
    private final FakeProbe probe = new FakeProbe();

    private LabRunner runner() {
        return new LabRunner(tasks, 0, Runnable::run);
    }

    @Test
    void rooflineMeasuresOnlyWhenVisibleAndOnlyWhenItsShapesChange() {
        ConfigModel config = new ConfigModel(AttentionConfig.of(32, 8, 128, 32, 1, 4096, KvDtype.FP16));
        RooflineViewModel vm = new RooflineViewModel(config, runner(), probe);
        assertThat(probe.timed).isEmpty();
        vm.setActive(true);
        assertThat(vm.points()).hasSize(6);
        assertThat(probe.calibrations).isEqualTo(1);
        assertThat(vm.roofline().ridge()).isEqualTo(100.0);
        // decode is bandwidth-bound at 10 GB/s in the fake: exactly on the roof
        Timed mhaDecode = vm.points().get(0);
        assertThat(vm.fractionOfRoof(mhaDecode)).isCloseTo(1.0, within(1e-3));
        assertThat(vm.decodeSpeedupMqa()).isCloseTo(32.0, within(0.01));
        assertThat(vm.calibrationSuspect()).isFalse();
        assertThat(vm.csv().lines()).hasSize(7);

        config.update(c -> c.withSeqLen(100)); // not part of the roofline's shapes
        assertThat(probe.timed).hasSize(6);
        config.update(c -> c.withKvHeads(4));
        assertThat(probe.timed).hasSize(12);
        assertThat(vm.points()).extracting(t -> t.shape().variant()).contains("GQA-4");
        assertThat(probe.calibrations).isEqualTo(1); // same probe buffer: limits reused

        vm.setActive(false);
        config.update(c -> c.withKvHeads(2));
        assertThat(probe.timed).hasSize(12);
        vm.setActive(true);
        assertThat(probe.timed).hasSize(18);
    }

    @Test
    void pointsAboveTheRoofMakeTheNextRunMeasureTheLimitsAgain() {
        probe.gbs = 1; // the fake runs at 10 GB/s: 10× above this roof
        ConfigModel config = new ConfigModel(AttentionConfig.of(8, 8, 64, 1, 1, 64, KvDtype.FP32));
        RooflineViewModel vm = new RooflineViewModel(config, runner(), probe);
        vm.setActive(true);
        assertThat(vm.calibrationSuspect()).isTrue();
        probe.gbs = 10;
        vm.measureNow();
        assertThat(probe.calibrations).isEqualTo(2);
        assertThat(vm.calibrationSuspect()).isFalse();
    }

    @Test
    void shazeerComparesOurRatioWithTheTable() {
        ShazeerViewModel vm = new ShazeerViewModel(runner(), probe);
        assertThat(vm.ourSpeedup()).isNaN();
        vm.setActive(true);
        assertThat(probe.timed).extracting(Shape::batch).containsOnly(ShazeerViewModel.DEFAULT_BATCH);
        assertThat(vm.ourSpeedup()).isCloseTo(8.0, within(1e-3));
        assertThat(vm.paperSpeedup()).isCloseTo(46 / 3.8, within(1e-9));
        assertThat(vm.ourOverPaper()).isCloseTo(8.0 / (46 / 3.8), within(1e-3));
        assertThat(vm.microsPerToken(8)).isCloseTo(
                2.0 * 128 * 8 * 128 * 128 * 4 / 10 / 1e3 / 128, within(0.01));
        assertThat(vm.csv().lines()).hasSize(5);
        vm.batchProperty().set(8);
        assertThat(probe.timed).hasSize(4);
        assertThat(probe.timed.get(3).batch()).isEqualTo(8);
    }

    @Test
    void tooLargeABatchIsOneClearLineAndNoRun() {
        probe.budget = 32L << 20;
        ShazeerViewModel vm = new ShazeerViewModel(runner(), probe);
        vm.setActive(true);
        vm.batchProperty().set(512);
        assertThat(vm.errorProperty().get()).contains("lower the batch").doesNotContain("Exception");
        assertThat(vm.points()).isEmpty();
        vm.batchProperty().set(1);
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.points()).hasSize(2);
    }

    @Test
    void ainslieGivesTimeRatiosToMhaForEveryGroupCount() {
        AinslieViewModel vm = new AinslieViewModel(runner(), probe);
        vm.headsProperty().set(16);
        vm.setActive(true);
        List<AinslieViewModel.Row> rows = vm.rows();
        assertThat(rows).extracting(AinslieViewModel.Row::kvHeads).containsExactly(16, 8, 4, 2, 1);
        for (AinslieViewModel.Row r : rows) {
            assertThat(r.ratioToMha()).isCloseTo(r.kvHeads() / 16.0, within(1e-3));
            assertThat(r.bytesRatio()).isEqualTo(r.kvHeads() / 16.0);
        }
        assertThat(vm.csv()).contains("paper T5-XXL").contains("measured");
    }

    @Test
    void conversionSweepsEveryGroupCountWithEveryMethod() {
        ConversionViewModel vm = new ConversionViewModel(runner(), 1);
        vm.headsProperty().set(8);
        assertThat(vm.results()).isEmpty();
        vm.setActive(true);
        assertThat(vm.groups()).containsExactly(8, 4, 2, 1);
        assertThat(vm.results()).hasSize(12);
        for (GqaConversion.Method m : GqaConversion.Method.values()) {
            assertThat(vm.result(8, m).outputError()).isZero();
            assertThat(vm.result(1, m).cacheSaved()).isEqualTo(0.875);
        }
        assertThat(vm.result(1, GqaConversion.Method.MEAN_POOL).outputError()).isPositive();
        vm.diversityProperty().set(0);
        assertThat(vm.results()).allSatisfy(r -> assertThat(r.outputError()).isLessThan(1e-5));
        assertThat(vm.csv().lines()).hasSize(13);
    }

    @Test
    void mlaCurvesFollowTheConfig() {
        ConfigModel config = new ConfigModel(AttentionConfig.of(32, 8, 128, 32, 1, 4096, KvDtype.FP16));
        MlaViewModel vm = new MlaViewModel(config, runner(), 1, dev.kvlens.kernel.MemoryBudget::defaultBudget);
        assertThat(vm.curve()).hasSize(MlaViewModel.POINTS);
        assertThat(vm.atSeqLen().mla()).isEqualTo(576L * 32 * 2 * 4096);
        assertThat(vm.deepSeekBytesPerToken()).isEqualTo(69_120L);
        assertThat(vm.deepSeekAsMhaBytesPerToken()).isEqualTo(2L * 60 * 128 * 128 * 2);
        assertThat(vm.equivalentGroups()).isEqualTo(2.25);
        assertThat(vm.rows()).isEmpty(); // nothing is measured while the section is not shown
        assertThat(vm.reductionsCsv()).isNull();
        config.update(c -> c.withSeqLen(10));
        assertThat(vm.curve()).hasSize(10);
        assertThat(vm.csv().lines()).hasSize(11);
    }

    @Test
    void reductionsAreMeasuredOnTheKernelWhenShownAndFollowTheConfig() {
        ConfigModel config = new ConfigModel(AttentionConfig.of(8, 2, 16, 2, 1, 300, KvDtype.FP16));
        MlaViewModel vm = new MlaViewModel(config, runner(), 1, dev.kvlens.kernel.MemoryBudget::defaultBudget);
        vm.setActive(true);
        assertThat(vm.rows()).extracting(r -> r.format().id() + "/" + r.window())
                .containsExactly("fp32/0", "fp16/0", "bf16/0", "int8/0", "fp32/75", "int8/75");
        KvReductions.Row fp32 = vm.rows().get(0);
        // the cache's real allocation: 2 × KV 2 × 300 tokens × d 16 × 4 B; int8 adds a 4-byte scale per row
        assertThat(fp32.cacheBytes()).isEqualTo(2L * 2 * 300 * 16 * 4);
        assertThat(vm.rows().get(3).cacheBytes()).isEqualTo(2L * 2 * 300 * (16 + 4));
        assertThat(vm.rows().get(4).cacheBytes()).isEqualTo(2L * 2 * 75 * 16 * 4);
        assertThat(fp32.relError()).isZero();
        assertThat(vm.rows().get(1).relError()).isPositive().isLessThan(1e-2); // fp16 rounding only
        assertThat(vm.rows().get(4).relError()).isGreaterThan(vm.rows().get(3).relError()); // dropped tokens
        assertThat(vm.rows()).allSatisfy(r -> assertThat(r.bestNs()).isPositive().isLessThanOrEqualTo(r.medianNs()));
        assertThat(vm.reductionsCsv().lines()).hasSize(7);
        config.update(c -> c.withSeqLen(512));
        assertThat(vm.measuredSetupProperty().get().tokens()).isEqualTo(512);
        vm.setActive(false);
        config.update(c -> c.withSeqLen(1024));
        assertThat(vm.measuredSetupProperty().get().tokens()).isEqualTo(512); // hidden: not re-measured
    }

    @Test
    void reductionSetupKeepsTheGroupingAndCapsTheShape() {
        KvReductions.Setup s = KvReductions.Setup.of(AttentionConfig.of(128, 8, 256, 80, 4, 131072, KvDtype.BF16));
        assertThat(s.heads() / s.kvHeads()).isEqualTo(16);
        assertThat(s.heads()).isEqualTo(64);
        assertThat(s.headDim()).isEqualTo(128);
        assertThat(s.tokens()).isEqualTo(KvReductions.MAX_TOKENS);
        assertThat(s.window()).isEqualTo(KvReductions.MAX_TOKENS / 4);
        KvReductions.Setup falcon = KvReductions.Setup.of(AttentionConfig.of(71, 1, 64, 32, 1, 2048, KvDtype.FP16));
        assertThat(falcon.heads()).isEqualTo(71);
        assertThat(falcon.kvHeads()).isEqualTo(1);
    }
}
