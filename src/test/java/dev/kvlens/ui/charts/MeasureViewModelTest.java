package dev.kvlens.ui.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvlens.bench.CalibrationResult;
import dev.kvlens.bench.MeasurementLimits;
import dev.kvlens.bench.MeasurementService;
import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvCacheMath;
import dev.kvlens.model.KvDtype;
import dev.kvlens.model.Units;
import dev.kvlens.ui.common.AppPreferences;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.SameThreadTaskRunner;
import dev.kvlens.ui.common.StatusModel;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The page's ViewModel and the four chart ViewModels, without a toolkit: jobs and timers run at once. */
class MeasureViewModelTest {

    static final MeasurementLimits LIMITS = new MeasurementLimits(1L << 30, 64L << 20, 4, 64, 1e8, 1, 3, 0);
    static final MeasurementService.Scheduler NOW = (ms, action) -> {
        action.run();
        return () -> { };
    };

    ConfigModel config;
    AppPreferences prefs;
    FakeKernelProbe probe;
    AtomicInteger calibrations;
    MeasureViewModel vm;

    @BeforeEach
    void setUp() {
        Messages.setLocale(Messages.ENGLISH);
        config = new ConfigModel(AttentionConfig.of(32, 8, 64, 32, 1, 1024, KvDtype.FP16));
        prefs = new AppPreferences(Preferences.userRoot().node("dev/kvlens/test/" + UUID.randomUUID()));
        calibrations = new AtomicInteger();
        vm = newVm();
    }

    MeasureViewModel newVm() {
        probe = new FakeKernelProbe();
        return new MeasureViewModel(config, new SameThreadTaskRunner(), prefs, new StatusModel(), probe,
                (cancel, progress) -> {
                    calibrations.incrementAndGet();
                    return new CalibrationResult(2.0, 40, 1, 1 << 20, "fp", 1000L);
                }, "fp", LIMITS, NOW, "test machine");
    }

    @AfterEach
    void tearDown() throws Exception {
        vm.dispose();
        prefs.node().removeNode();
    }

    @Test
    void calibratesOnceAndCachesTheResultInPreferences() {
        assertThat(calibrations.get()).isEqualTo(1);
        assertThat(vm.inputs().calibrationProperty().get().readGBs()).isEqualTo(2.0);
        assertThat(vm.calibrationText()).contains("2 GB/s").contains("40 GFLOP/s");
        vm.dispose();
        vm = newVm(); // a second start reuses the cached calibration
        assertThat(calibrations.get()).isEqualTo(1);
        assertThat(vm.calibrationStateProperty().get()).isEqualTo(MeasureViewModel.CalibrationState.DONE);
        vm.recalibrate();
        assertThat(calibrations.get()).isEqualTo(2);
    }

    @Test
    void aCorruptCachedCalibrationIsMeasuredAgain() {
        prefs.node().put(MeasureViewModel.CALIBRATION_KEY, "cal2;oops");
        vm.dispose();
        vm = newVm();
        assertThat(calibrations.get()).isEqualTo(2);
    }

    @Test
    void measuresOnlyWhileShownAndFollowsTheConfig() {
        config.update(c -> c.withKvHeads(4));
        assertThat(probe.calls).isZero();
        vm.shown();
        assertThat(probe.calls).isPositive();
        assertThat(vm.inputs().matching()).isNotNull();
        assertThat(vm.inputs().matching().done()).isTrue();
        assertThat(vm.inputs().matching().plan().currentKv()).isEqualTo(4);
        config.update(c -> c.withKvHeads(2).withSeqLen(512));
        assertThat(vm.inputs().matching().plan().currentKv()).isEqualTo(2);
        assertThat(vm.inputs().matching().plan().maxContext()).isEqualTo(512);
        assertThat(vm.statusTextProperty().get()).contains("points measured");
        vm.hidden();
        int calls = probe.calls;
        config.update(c -> c.withKvHeads(1));
        assertThat(probe.calls).isEqualTo(calls);
        assertThat(vm.inputs().matching()).isNull(); // old results no longer match: drawn formula-only
    }

    @Test
    void memoryChartPutsFormulaAndMeasuredPointsOnTheSameScale() {
        vm.shown();
        AttentionConfig c = config.get();
        PlotModel m = vm.memory().model();
        PlotModel.Series cur = m.series("current");
        PlotModel.Series measured = m.series("current-measured");
        assertThat(cur.kind()).isEqualTo(PlotModel.Kind.FORMULA);
        assertThat(measured.kind()).isEqualTo(PlotModel.Kind.MEASURED);
        // y unit: the MHA line at T is 32 layers × 32 heads × 64 × 2 B × 2 × 1024 tokens = 256 MiB → MiB
        assertThat(m.yLabel()).contains("MiB").contains("fp16");
        PlotModel.Pt atT = cur.points().stream().filter(p -> p.x() == 1024).findFirst().orElseThrow();
        assertThat(atT.y() * (1 << 20)).isEqualTo(KvCacheMath.totalBytes(c));
        // measured: 2 × 8 × 1025 × 64 × 4 B allocated (fp32, one layer) × 32 layers × 16/32 → formula at 1025
        PlotModel.Pt last = measured.points().get(measured.points().size() - 1);
        assertThat(last.x()).isEqualTo(1025);
        assertThat(last.y() * (1 << 20)).isEqualTo(KvCacheMath.bytesForTokens(c, 1025));
        assertThat(last.tip()).contains("GQA-8").contains("1,025").contains("32 layers");
        assertThat(vm.memory().noteProperty().get()).contains("rescaled to fp16");
        assertThat(m.series("budget")).isNull();
        assertThat(vm.memory().fitsProperty().get()).isEmpty();
    }

    @Test
    void deviceBudgetLineAndTokensThatFit() {
        vm.inputs().deviceProperty().set(Device.GB24);
        AttentionConfig c = config.get();
        PlotModel m = vm.memory().model();
        assertThat(m.series("budget").kind()).isEqualTo(PlotModel.Kind.BUDGET);
        String fits = vm.memory().fitsProperty().get();
        assertThat(fits).contains(Units.count(KvCacheMath.tokensThatFit(c, 24_000_000_000L)))
                .contains(Units.count(KvCacheMath.tokensThatFit(c.asMha(), 24_000_000_000L)))
                .contains("MQA");
        // the x axis reaches past the point where the current variant fills the device
        assertThat(m.x().max()).isGreaterThanOrEqualTo(KvCacheMath.tokensThatFit(c, 24_000_000_000L));
    }

    @Test
    void logScaleUsesLog2CoordinatesWithByteLabels() {
        vm.inputs().logScaleProperty().set(true);
        PlotModel m = vm.memory().model();
        assertThat(m.y().log2()).isTrue();
        assertThat(m.x().log2()).isTrue();
        assertThat(m.y().format().apply(20)).isEqualTo("1 MiB");
        assertThat(m.x().format().apply(10)).isEqualTo("1k");
        PlotModel.Pt atT = m.series("current").points().stream().filter(p -> p.x() == 10).findFirst().orElseThrow();
        assertThat(Math.pow(2, atT.y())).isCloseTo(KvCacheMath.totalBytes(config.get()),
                org.assertj.core.data.Percentage.withPercentage(1e-6));
    }

    @Test
    void decodeChartHasBandsAndTheBandwidthBound() {
        vm.shown();
        PlotModel m = vm.decode().model();
        PlotModel.Series mha = m.series("mha-measured");
        assertThat(mha.points()).isNotEmpty().allMatch(p -> p.lo() <= p.y() && p.y() <= p.hi());
        assertThat(mha.points().get(0).tip()).contains("median").contains("min").contains("max");
        // fake timings are 1 GB/s; the bound at 2 GB/s is half of them
        PlotModel.Series bound = m.series("mha-bound");
        assertThat(bound.kind()).isEqualTo(PlotModel.Kind.PREDICTION);
        assertThat(bound.points().get(bound.points().size() - 1).y())
                .isCloseTo(mha.points().get(mha.points().size() - 1).y() / 2, org.assertj.core.data.Offset.offset(0.01));
        vm.inputs().showBoundProperty().set(false);
        assertThat(vm.decode().model().series("mha-bound")).isNull();
        assertThat(vm.decode().csv()).startsWith("variant,kv_heads").contains("GQA-8");
    }

    @Test
    void pointsOverTheCapAreFormulaOnlyAndSaidSo() {
        config.update(c -> c.withSeqLen(65536)); // MHA 32 × 64 × 65537 × 8 B = 1 GiB > 64 MiB cap
        vm.shown();
        PlotModel m = vm.decode().model();
        assertThat(m.series("mha-formula-only")).isNotNull();
        assertThat(m.series("mha-formula-only").points().get(0).tip()).contains("not measured");
        assertThat(vm.decode().noteProperty().get()).contains("MHA from").contains("measurement cap");
        assertThat(vm.speedup().noteProperty().get()).contains("could not be measured at T = 65,536");
    }

    @Test
    void speedupAndPrefillCompareWithMha() {
        vm.shown();
        BarModel s = vm.speedup().model();
        assertThat(s.categories()).containsExactly("MHA", "GQA-8", "MQA");
        assertThat(s.series("ideal").values()).containsExactly(1.0, 4.0, 32.0);
        double mha = FakeKernelProbe.decodeSeconds(32, 64, 1024);
        double gqa = FakeKernelProbe.decodeSeconds(8, 64, 1024);
        assertThat(s.series("decode").values().get(1)).isCloseTo(mha / gqa, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.series("prefill").values().get(0)).isEqualTo(1.0);
        assertThat(s.series("prefill").values().get(2)).isGreaterThan(0.9).isLessThan(1.1);
        BarModel p = vm.prefillDecode().model();
        assertThat(p.series("prefill").values()).doesNotContain(Double.NaN);
        assertThat(p.series("decode").values()).doesNotContain(Double.NaN);
        assertThat(vm.speedup().csv()).contains("MQA,32");
        assertThat(vm.prefillDecode().csv()).contains("prefill_median_s");
    }

    @Test
    void chartsFollowTheLanguage() {
        vm.shown();
        Messages.setLocale(Messages.CHINESE);
        try {
            assertThat(vm.memory().titleProperty().get()).contains("KV 缓存");
            assertThat(vm.decode().model().xLabel()).contains("上下文");
        } finally {
            Messages.setLocale(Messages.ENGLISH);
        }
        assertThat(vm.decode().model().xLabel()).contains("Context");
    }

    @Test
    void disposeClosesTheKernel() {
        vm.dispose();
        assertThat(probe.closed).isTrue();
    }
}
