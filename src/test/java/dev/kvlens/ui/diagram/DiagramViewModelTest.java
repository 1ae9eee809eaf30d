package dev.kvlens.ui.diagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.Messages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiagramViewModelTest {

    private ConfigModel model;
    private DiagramViewModel vm;

    @BeforeEach
    void setUp() {
        Messages.setLocale(Messages.ENGLISH);
        model = new ConfigModel(AttentionConfig.defaults()); // H = 32, KV = 8
        vm = new DiagramViewModel(model);
    }

    @Test
    void atRestEveryHeadPointsIntoItsGroupsBlock() {
        assertThat(vm.morphing()).isFalse();
        for (int h = 0; h < 32; h++) {
            int g = h / 4;
            assertThat(vm.groupOf(h)).isEqualTo(g);
            assertThat(vm.left(h)).isCloseTo(g * 4 + DiagramViewModel.INSET, within(1e-9));
            assertThat(vm.right(h)).isCloseTo(g * 4 + 4 - DiagramViewModel.INSET, within(1e-9));
            // the line of a query head ends inside the block it reads
            assertThat(vm.centre(h)).isBetween(vm.left(h), vm.right(h));
        }
    }

    @Test
    void kvChangeStartsAMorphFromTheOldPictureToTheNewOne() {
        int rev = vm.revisionProperty().get();
        model.update(c -> c.withKvHeads(2));
        assertThat(vm.revisionProperty().get()).isEqualTo(rev + 1);
        assertThat(vm.morphing()).isTrue();
        // frame 0 shows the old picture (blocks of 4 heads, old colours)
        assertThat(vm.left(5)).isCloseTo(4 + DiagramViewModel.INSET, within(1e-9));
        assertThat(vm.groupOf(5)).isEqualTo(1);
        // halfway: blocks are between; colours already switched to the new groups
        vm.setProgress(0.5);
        assertThat(vm.left(5)).isBetween(DiagramViewModel.INSET, 4 + DiagramViewModel.INSET);
        assertThat(vm.groupOf(5)).isZero();
        // end: heads 0..15 share block 0, 16..31 block 1 (two blocks merged from four each)
        vm.setProgress(1);
        assertThat(vm.morphing()).isFalse();
        for (int h = 0; h < 32; h++) {
            int g = h / 16;
            assertThat(vm.left(h)).isCloseTo(g * 16 + DiagramViewModel.INSET, within(1e-9));
            assertThat(vm.right(h)).isCloseTo(g * 16 + 16 - DiagramViewModel.INSET, within(1e-9));
        }
    }

    @Test
    void aChangeDuringAMorphRetargetsFromWhatIsOnScreen() {
        model.update(c -> c.withKvHeads(1));
        vm.setProgress(0.4);
        double shownLeft = vm.left(31);
        double shownRight = vm.right(31);
        model.update(c -> c.withKvHeads(32));
        // no jump: the new morph starts where the interrupted one was
        assertThat(vm.progress()).isZero();
        assertThat(vm.left(31)).isCloseTo(shownLeft, within(1e-9));
        assertThat(vm.right(31)).isCloseTo(shownRight, within(1e-9));
        vm.setProgress(1);
        assertThat(vm.left(31)).isCloseTo(31 + DiagramViewModel.INSET, within(1e-9));
        assertThat(vm.targetGroupOf(31)).isEqualTo(31);
    }

    @Test
    void sweepingAllDivisorsEndsInTheLastOneOnly() {
        for (int kv : AttentionConfig.divisors(32)) {
            model.update(c -> c.withKvHeads(kv));
            vm.setProgress(0.3); // a drag is faster than a morph
        }
        vm.setProgress(1);
        assertThat(vm.kvHeads()).isEqualTo(32);
        for (int h = 0; h < 32; h++) {
            assertThat(vm.groupOf(h)).isEqualTo(h);
            assertThat(vm.right(h) - vm.left(h)).isCloseTo(1 - 2 * DiagramViewModel.INSET, within(1e-9));
        }
    }

    @Test
    void changingHRedrawsAtOnceWithoutAMorph() {
        model.update(c -> c.withHeads(128).withKvHeads(8));
        assertThat(vm.heads()).isEqualTo(128);
        assertThat(vm.kvHeads()).isEqualTo(8);
        assertThat(vm.morphing()).isFalse();
        assertThat(vm.groupOf(127)).isEqualTo(7);
        model.update(c -> c.withHeads(1));
        assertThat(vm.heads()).isEqualTo(1);
        assertThat(vm.kvHeads()).isEqualTo(1);
        assertThat(vm.caption()).startsWith("MHA");
    }

    @Test
    void otherChangesKeepThePictureButUpdateTheNumbers() {
        model.update(c -> c.withHeadDim(64));
        assertThat(vm.morphing()).isFalse();
        assertThat(vm.detail()).contains("2 × 8 KV heads × 64 × 2 B = 2 KiB").contains("MHA: 8 KiB, 4× as much");
        model.update(c -> c.withKvHeads(32));
        assertThat(vm.detail()).contains("2 × 32 KV heads").contains("same as MHA");
        model.update(c -> c.withKvHeads(1));
        assertThat(vm.detail()).contains("2 × 1 KV head × 64").contains("32× as much");
    }

    @Test
    void labelsThinOutWhenBlocksAreNarrow() {
        assertThat(DiagramViewModel.labelStride(40, 30)).isEqualTo(1);
        assertThat(DiagramViewModel.labelStride(8, 30)).isEqualTo(4);
        assertThat(DiagramViewModel.labelStride(7, 44)).isEqualTo(8);
    }

    @Test
    void captionAndTooltipsNameTheNumbers() {
        assertThat(vm.caption()).isEqualTo("GQA-8 · 32 query heads · 8 KV heads · 4 query heads per KV head");
        // fp16, d = 128: one KV head caches 2 × 128 × 2 B = 512 B per token per layer
        assertThat(vm.queryTooltip(5)).contains("Query head 5").contains("Group 1").contains("K1 and V1")
                .contains("512 B per token per layer").contains("16 KiB over 32 layers").contains("128 B");
        assertThat(vm.kvTooltip(1)).contains("KV head 1").contains("4–7").contains("256 B of K + 256 B of V = 512 B");
        model.update(c -> c.withKvHeads(1));
        assertThat(vm.caption()).isEqualTo("MQA · 32 query heads · 1 KV head · 32 query heads per KV head");
    }

    @Test
    void progressFollowsElapsedTimeAndStopsAtOne() {
        assertThat(DiagramViewModel.progressAt(0)).isZero();
        assertThat(DiagramViewModel.progressAt(DiagramViewModel.MORPH_MILLIS / 2)).isCloseTo(0.5, within(1e-9));
        assertThat(DiagramViewModel.progressAt(10_000)).isEqualTo(1);
    }
}
