package dev.kvlens.ui.study;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.ui.common.AppPreferences;
import dev.kvlens.ui.common.TestPrefs;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.Messages;
import java.text.MessageFormat;
import java.util.UUID;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LessonViewModelTest {

    private final Preferences node = TestPrefs.fresh();
    private final ConfigModel config = new ConfigModel(AttentionConfig.defaults());

    @AfterEach
    void clean() {
        TestPrefs.drop(node);
    }

    @Test
    void sixToTenStepsEachWithTextInBothLanguages() {
        assertThat(LessonStep.ALL).hasSizeBetween(6, 10);
        for (LessonStep s : LessonStep.ALL) {
            for (var locale : Messages.SUPPORTED) {
                String body = Messages.get(locale, s.bodyKey(), s.bodyArgs());
                assertThat(body).doesNotContain("{").isNotEqualTo(s.bodyKey());
                assertThat(Messages.get(locale, s.titleKey())).isNotEqualTo(s.titleKey());
            }
            int maxArg = new MessageFormat(Messages.get(Messages.ENGLISH, s.bodyKey())).getFormatsByArgumentIndex()
                    .length;
            assertThat(s.bodyArgs().length).as(s.id() + " supplies every argument its text uses")
                    .isGreaterThanOrEqualTo(maxArg);
        }
    }

    @Test
    void eachStepSetsTheSlidersAndItsPreset() {
        LessonViewModel vm = new LessonViewModel(config, new AppPreferences(node));
        vm.start();
        for (int i = 0; i < vm.steps().size(); i++) {
            LessonStep s = vm.step();
            assertThat(config.get()).as(s.id()).isEqualTo(s.config());
            if (s.presetId() != null) {
                assertThat(config.presetProperty().get().id()).isEqualTo(s.presetId());
            } else {
                assertThat(config.presetProperty().get()).isNull();
            }
            vm.next();
        }
        assertThat(vm.step().id()).isEqualTo("beyond");
        assertThat(vm.steps().get(4).config().variantLabel()).isEqualTo("MQA");
        assertThat(vm.steps().get(5).config().variantLabel()).isEqualTo("GQA-8");
    }

    @Test
    void leavingAndComingBackResumesTheStep() {
        LessonViewModel vm = new LessonViewModel(config, new AppPreferences(node));
        vm.start();
        vm.next();
        vm.next();
        config.update(c -> c.withKvHeads(1));

        LessonViewModel later = new LessonViewModel(new ConfigModel(AttentionConfig.defaults()), new AppPreferences(node));
        assertThat(later.index()).isEqualTo(2);
        assertThat(later.activeProperty().get()).isTrue();
        later.pause();
        assertThat(new LessonViewModel(config, new AppPreferences(node)).activeProperty().get()).isFalse();
        later.finish();
        assertThat(new LessonViewModel(config, new AppPreferences(node)).index()).isZero();
    }

    @Test
    void aCorruptSavedStepStartsAtTheBeginning() {
        node.put(LessonViewModel.STEP_KEY, "99");
        AppPreferences prefs = new AppPreferences(node);
        assertThat(new LessonViewModel(config, prefs).index()).isZero();
        assertThat(prefs.takeNotices()).hasSize(1);
    }
}
