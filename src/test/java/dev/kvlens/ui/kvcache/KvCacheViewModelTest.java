package dev.kvlens.ui.kvcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kvlens.kernel.KvCache;
import dev.kvlens.kernel.MemoryBudget;
import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvDtype;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.SameThreadTaskRunner;
import dev.kvlens.ui.kvcache.DecodeSession.LaneKind;
import dev.kvlens.ui.kvcache.DecodeSession.Snapshot;
import dev.kvlens.ui.kvcache.KvCacheViewModel.KernelState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KvCacheViewModelTest {

    /** H = 8, KV = 2, d = 16, 2 layers, batch 1, T = 64, fp16. */
    private static final AttentionConfig SMALL = AttentionConfig.of(8, 2, 16, 2, 1, 64, KvDtype.FP16);

    private ConfigModel model;
    private SameThreadTaskRunner tasks;
    private long budgetBytes;
    private KvCacheViewModel vm;

    @BeforeEach
    void setUp() {
        Messages.setLocale(Messages.ENGLISH);
        model = new ConfigModel(SMALL);
        tasks = new SameThreadTaskRunner();
        budgetBytes = 1L << 30;
        vm = new KvCacheViewModel(model, tasks, () -> new MemoryBudget(budgetBytes), 0, Runnable::run);
    }

    @Test
    void showingThePagePrefillsThePromptOnTheKernel() {
        assertThat(vm.kernelState()).isEqualTo(KernelState.PREPARING);
        vm.setActive(true);
        assertThat(vm.kernelState()).isEqualTo(KernelState.MEASURED);
        Snapshot s = vm.snapshotProperty().get();
        assertThat(s.length()).isEqualTo(vm.promptTokens());
        assertThat(vm.position()).isZero();
        // every lane preallocates T = 64 tokens of fp32 K and V for one layer: 2 × KV × 64 × 16 × 4 bytes
        assertThat(s.lane(LaneKind.MHA).allocatedBytes()).isEqualTo(KvCache.bytesFor(1, 8, 8, 16, 64, false));
        assertThat(s.lane(LaneKind.CURRENT).allocatedBytes()).isEqualTo(2L * 2 * 64 * 16 * 4);
        assertThat(s.lane(LaneKind.MQA).allocatedBytes()).isEqualTo(2L * 1 * 64 * 16 * 4);
        assertThat(s.lane(LaneKind.CURRENT).usedBytes()).isEqualTo(2L * 2 * vm.promptTokens() * 16 * 4);
        assertThat(s.lane(LaneKind.CURRENT).prefillNanos()).isPositive();
    }

    @Test
    void eachStepForwardIsOneRealDecodeStepPerLane() {
        vm.setActive(true);
        int before = tasks.submitted();
        vm.stepForward();
        assertThat(tasks.submitted()).isEqualTo(before + 1);
        assertThat(vm.position()).isEqualTo(1);
        Snapshot s = vm.snapshotProperty().get();
        assertThat(s.length()).isEqualTo(vm.promptTokens() + 1);
        for (LaneKind k : LaneKind.values()) {
            assertThat(s.lane(k).lastStepNanos()).isPositive();
            assertThat(s.lane(k).usedBytes()).isEqualTo(2L * s.lane(k).kvHeads() * s.length() * 16 * 4);
        }
        assertThat(vm.laneMeasured(LaneKind.CURRENT)).contains("step").contains("allocated 16 KiB for 64 tokens");
        vm.stepBack();
        assertThat(vm.position()).isZero();
        assertThat(vm.snapshotProperty().get().length()).isEqualTo(vm.promptTokens());
        vm.stepBack(); // never below the prompt
        assertThat(vm.position()).isZero();
    }

    @Test
    void lanesCsvHoldsTheFormulaAndTheKernelsBytesAndTimes() {
        vm.setActive(true);
        vm.stepForward();
        String[] lines = vm.lanesCsv().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("lane,variant,kv_heads");
        Snapshot s = vm.snapshotProperty().get();
        int tokens = vm.cachedTokens();
        // current lane: GQA-2, fp16 formula bytes 2 × 2 × 16 × 2 B × tokens per layer, × 2 layers
        String[] cur = lines[2].split(",");
        assertThat(cur[0]).isEqualTo("current");
        assertThat(cur[1]).isEqualTo("GQA-2");
        assertThat(Long.parseLong(cur[9])).isEqualTo(2L * 2 * 16 * 2 * tokens);
        assertThat(Long.parseLong(cur[10])).isEqualTo(2L * 2 * 2 * 16 * 2 * tokens);
        assertThat(Long.parseLong(cur[11])).isEqualTo(s.lane(LaneKind.CURRENT).allocatedBytes());
        assertThat(Long.parseLong(cur[13])).isEqualTo(s.lane(LaneKind.CURRENT).lastStepNanos());
        assertThat(lines[1]).startsWith("mha,MHA,8,8,");
        assertThat(lines[3]).startsWith("mqa,MQA,1,8,");
    }

    @Test
    void scrubbingGoesStraightToTheTargetAndClamps() {
        vm.setActive(true);
        vm.seek(5);
        assertThat(vm.position()).isEqualTo(5);
        vm.seek(1000);
        assertThat(vm.position()).isEqualTo(vm.maxGenerated());
        assertThat(vm.snapshotProperty().get().length()).isEqualTo(vm.tokens().size());
        vm.seek(-3);
        assertThat(vm.position()).isZero();
        vm.seek(3);
        vm.reset();
        assertThat(vm.position()).isZero();
        assertThat(vm.playing()).isFalse();
    }

    @Test
    void playbackStepsOnceEveryStepTimeScaledBySpeedAndStopsAtTheEnd() {
        vm.setActive(true);
        vm.play();
        vm.advance(KvCacheViewModel.BASE_STEP_MILLIS - 1);
        assertThat(vm.position()).isZero();
        vm.advance(1);
        assertThat(vm.position()).isEqualTo(1);
        vm.speedProperty().set(16.0);
        vm.advance(KvCacheViewModel.BASE_STEP_MILLIS / 16);
        assertThat(vm.position()).isEqualTo(2);
        // a long stall never makes a burst of steps
        vm.advance(60_000);
        assertThat(vm.position()).isEqualTo(3);
        for (int i = 0; i < 100; i++) {
            vm.advance(KvCacheViewModel.BASE_STEP_MILLIS);
        }
        assertThat(vm.position()).isEqualTo(vm.maxGenerated());
        assertThat(vm.playing()).isFalse();
        vm.play(); // play at the end starts over
        assertThat(vm.position()).isZero();
        assertThat(vm.playing()).isTrue();
        vm.stepForward(); // a manual step pauses
        assertThat(vm.playing()).isFalse();
        assertThat(vm.position()).isEqualTo(1);
    }

    @Test
    void overTheBudgetTheAnimationGoesOnWithFormulasOnlyAndSaysSo() {
        budgetBytes = 1000;
        vm.setActive(true);
        assertThat(vm.kernelState()).isEqualTo(KernelState.FORMULA_ONLY);
        assertThat(vm.banner()).startsWith("Formula only").contains("memory budget is 1000 B");
        vm.stepForward();
        vm.stepForward();
        assertThat(vm.position()).isEqualTo(2);
        assertThat(vm.laneFormula(LaneKind.CURRENT)).contains("6 tokens");
        vm.play();
        vm.advance(KvCacheViewModel.BASE_STEP_MILLIS);
        assertThat(vm.position()).isEqualTo(3);
    }

    @Test
    void aLaneThatDoesNotFitShowsItsFormulaOnly() {
        long current = DecodeSession.laneBytes(SMALL, 2, 64, vm.promptTokens());
        long mqa = DecodeSession.laneBytes(SMALL, 1, 64, vm.promptTokens());
        budgetBytes = current + mqa; // MHA (KV = 8) does not fit any more
        vm.setActive(true);
        assertThat(vm.kernelState()).isEqualTo(KernelState.MEASURED);
        Snapshot s = vm.snapshotProperty().get();
        assertThat(s.lane(LaneKind.CURRENT).measured()).isTrue();
        assertThat(s.lane(LaneKind.MQA).measured()).isTrue();
        assertThat(s.lane(LaneKind.MHA).measured()).isFalse();
        assertThat(vm.laneMeasured(LaneKind.MHA)).contains("formula only").contains("memory budget");
        vm.stepForward();
        assertThat(vm.snapshotProperty().get().lane(LaneKind.MHA).lastStepNanos()).isEqualTo(-1);
    }

    @Test
    void formulasAreSubstitutedWithTheCurrentStep() {
        model.set(AttentionConfig.defaults()); // Llama-3-8B: L = 32, KV = 8, d = 128, fp16
        assertThat(vm.cachedTokens()).isEqualTo(4);
        // 2 × 8 × 128 × 2 B × 4 tokens = 16 KiB per layer; × 32 layers = 512 KiB
        assertThat(vm.laneFormula(LaneKind.CURRENT))
                .isEqualTo("2 × 8 × 128 × 2 B × 4 tokens × batch 1 = 16 KiB per layer · × 32 layers = 512 KiB");
        assertThat(vm.laneBytesPerLayer(LaneKind.MHA)).isEqualTo(4 * vm.laneBytesPerLayer(LaneKind.CURRENT));
        assertThat(vm.laneBytesPerLayer(LaneKind.MQA) * 8).isEqualTo(vm.laneBytesPerLayer(LaneKind.CURRENT));
        assertThat(vm.laneTitle(LaneKind.MQA)).isEqualTo("MQA · 1 KV head");
        assertThat(vm.stepText()).contains("Step 0 of 14");
    }

    @Test
    void heatmapRowsAreTheKernelsSoftmaxWeightsOfOneGroup() {
        vm.setActive(true);
        vm.selectedHeadProperty().set(5); // H = 8, KV = 2: group 1 = heads 4..7
        assertThat(vm.heatmapHeads()).containsExactly(4, 5, 6, 7);
        vm.seek(3);
        Snapshot s = vm.snapshotProperty().get();
        assertThat(s.weightHeads()).containsExactly(4, 5, 6, 7);
        float[][] rows = s.rows(1);
        assertThat(rows.length).isEqualTo(vm.cachedTokens());
        for (int p = 0; p < rows.length; p++) {
            assertThat(rows[p]).hasSize(p + 1);
            double sum = 0;
            for (float w : rows[p]) {
                assertThat(w).isBetween(0f, 1f);
                sum += w;
            }
            assertThat(sum).isCloseTo(1, within(1e-4));
        }
        // same K/V, different queries: the heads of a group attend differently
        assertThat(s.rows(0)[rows.length - 1]).isNotEqualTo(s.rows(1)[rows.length - 1]);
        // stepping back and forward reproduces the same weights (deterministic inputs)
        float[] last = rows[rows.length - 1].clone();
        vm.stepBack();
        vm.stepForward();
        assertThat(vm.snapshotProperty().get().rows(1)[rows.length - 1]).containsExactly(last);
    }

    @Test
    void heatmapHeadsStayInsideOneGroup() {
        model.set(AttentionConfig.defaults()); // 32 heads, 8 groups of 4
        vm.selectedHeadProperty().set(9);
        assertThat(vm.heatmapHeads()).containsExactly(8, 9, 10, 11);
        model.update(c -> c.withKvHeads(1));
        assertThat(vm.heatmapHeads()).containsExactly(8, 9, 10, 11);
        model.update(c -> c.withKvHeads(32));
        assertThat(vm.heatmapHeads()).containsExactly(9);
    }

    @Test
    void aConfigChangeRebuildsTheKernelAndRestartsAfterThePrompt() {
        vm.setActive(true);
        vm.seek(4);
        model.update(c -> c.withKvHeads(1));
        assertThat(vm.position()).isZero();
        assertThat(vm.kernelState()).isEqualTo(KernelState.MEASURED);
        assertThat(vm.snapshotProperty().get().lane(LaneKind.CURRENT).kvHeads()).isEqualTo(1);
    }

    @Test
    void hidingThePageFreesTheKernelAndShowingItAgainRebuilds() {
        vm.setActive(true);
        vm.seek(2);
        vm.setActive(false);
        assertThat(vm.snapshotProperty().get()).isNull();
        assertThat(vm.playing()).isFalse();
        vm.setActive(true);
        assertThat(vm.kernelState()).isEqualTo(KernelState.MEASURED);
        // back where the user left it, recomputed on the new caches
        assertThat(vm.position()).isEqualTo(2);
        assertThat(vm.snapshotProperty().get().length()).isEqualTo(vm.promptTokens() + 2);
    }
}
