package dev.kvlens.ui.controls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvDtype;
import dev.kvlens.model.Presets;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.controls.ControlsViewModel.Field;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control panel's logic, without a toolkit. */
class ControlsViewModelTest {

    private ConfigModel model;
    private ControlsViewModel vm;

    @BeforeEach
    void setUp() {
        Messages.setLocale(Messages.ENGLISH);
        model = new ConfigModel(AttentionConfig.defaults());
        vm = new ControlsViewModel(model);
    }

    @Test
    void kvSliderMovesOverDivisorsOnly() {
        vm.setHeads(12);
        assertThat(vm.kvChoices()).containsExactly(1, 2, 3, 4, 6, 12);
        for (int i = 0; i < 6; i++) {
            vm.setKvIndex(i);
            assertThat(12 % model.get().kvHeads()).isZero();
        }
        vm.setKvIndex(4);
        assertThat(model.get().kvHeads()).isEqualTo(6);
        vm.setKvIndex(99);
        assertThat(model.get().kvHeads()).isEqualTo(12);
    }

    @Test
    void sequenceSliderIsLogScale() {
        vm.setSeqLog2(15);
        assertThat(model.get().seqLen()).isEqualTo(32768);
        vm.setSeqLog2(0);
        assertThat(model.get().seqLen()).isEqualTo(1);
        vm.setSeqLog2(17.2);
        assertThat(model.get().seqLen()).isEqualTo(131072);
    }

    @Test
    void typedValuesAreExactAndBadOnesExplainThemselves() {
        assertThat(vm.applyText(Field.SEQ, "32k")).isNull();
        assertThat(model.get().seqLen()).isEqualTo(32768);
        assertThat(vm.applyText(Field.HEADS, "71")).isNull();
        assertThat(model.get().kvHeads()).isEqualTo(1);
        String err = vm.applyText(Field.KV_HEADS, "5");
        assertThat(err).isEqualTo("71 query heads cannot be split into 5 groups; choose 1 or 71");
        assertThat(model.errorProperty().get()).isEqualTo(err);
        assertThat(model.get().kvHeads()).isEqualTo(1);
        assertThat(vm.applyText(Field.LAYERS, "lots")).contains("lots").contains("not a whole number");
        assertThat(vm.applyText(Field.LAYERS, "0")).isEqualTo("layers must be at least 1 (got 0)");
        assertThat(vm.applyText(Field.LAYERS, "80")).isNull();
        assertThat(model.errorProperty().get()).isEmpty();
    }

    @Test
    void presetSetsShapeKeepsRunSettingsAndIsClearedByAShapeChange() {
        vm.setDtype(KvDtype.INT8);
        vm.setSeqLog2(13);
        vm.choosePreset(Presets.require("llama-2-70b"));
        AttentionConfig c = model.get();
        assertThat(c.heads()).isEqualTo(64);
        assertThat(c.kvHeads()).isEqualTo(8);
        assertThat(c.layers()).isEqualTo(80);
        assertThat(c.dtype()).isEqualTo(KvDtype.INT8);
        assertThat(c.seqLen()).isEqualTo(8192);
        vm.setBatchLog2(2);
        assertThat(model.presetProperty().get()).as("batch is not part of the shape").isNotNull();
        vm.setKvIndex(0);
        assertThat(model.presetProperty().get()).isNull();
    }

    @Test
    void readoutTextsFollowTheConfigAndTheLanguage() {
        var perToken = vm.perTokenText();
        var ratio = vm.ratioText();
        var formula = vm.formulaText();
        assertThat(perToken.get()).isEqualTo("128 KiB");
        assertThat(ratio.get()).isEqualTo("4× smaller than MHA with the same H");
        assertThat(formula.get()).isEqualTo(
                "2 (K and V) × 32 layers × 8 KV heads × 128 head dim × 2 B = 131,072 B per token");
        vm.setKvIndex(vm.kvChoices().size() - 1);
        assertThat(perToken.get()).isEqualTo("512 KiB");
        assertThat(ratio.get()).isEqualTo("This is MHA: the largest cache for this H.");
        Messages.setLocale(Messages.CHINESE);
        try {
            assertThat(ratio.get()).isEqualTo("这是 MHA：同一 H 下缓存最大。");
        } finally {
            Messages.setLocale(Messages.ENGLISH);
        }
    }
}
