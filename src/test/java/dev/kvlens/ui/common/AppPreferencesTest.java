package dev.kvlens.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvDtype;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every stored value is validated; a bad one falls back to its default with a notice shown once. */
class AppPreferencesTest {

    private final Preferences node = TestPrefs.fresh();
    private final AppPreferences prefs = new AppPreferences(node);

    @AfterEach
    void clean() {
        TestPrefs.drop(node);
    }

    @Test
    void goodValuesRoundTrip() {
        prefs.setTheme(Theme.DARK);
        prefs.setLanguage(Messages.CHINESE);
        AttentionConfig c = new AttentionConfig(8192, 64, 8, 128, 80, 4, 8192, KvDtype.BF16);
        prefs.setConfig(c, "llama-2-70b");
        prefs.setNumber(AppPreferences.WINDOW_W, 1280);
        prefs.setInteger("study.quiz.answered", 12);
        AppPreferences again = new AppPreferences(node);
        assertThat(again.theme()).isEqualTo(Theme.DARK);
        assertThat(again.language()).isEqualTo(Messages.CHINESE);
        assertThat(again.config()).isEqualTo(c);
        assertThat(again.configPresetId()).isEqualTo("llama-2-70b");
        assertThat(again.number(AppPreferences.WINDOW_W, 1400, 640, 10000)).isEqualTo(1280);
        assertThat(again.integer("study.quiz.answered", 0, 0, 100)).isEqualTo(12);
        assertThat(again.takeNotices()).isEmpty();
    }

    @Test
    void missingValuesAreDefaultsWithoutNotice() {
        assertThat(prefs.theme()).isEqualTo(Theme.LIGHT);
        assertThat(prefs.language()).isNull();
        assertThat(prefs.config()).isEqualTo(AttentionConfig.defaults());
        assertThat(prefs.number(AppPreferences.ZOOM, 1, 0.5, 3)).isEqualTo(1);
        assertThat(prefs.integer("x", 5, 0, 9)).isEqualTo(5);
        assertThat(prefs.lastDirectory()).isNull();
        assertThat(prefs.takeNotices()).isEmpty();
    }

    @Test
    void corruptAndOutOfRangeValuesFallBackOnceWithANotice() {
        node.put(AppPreferences.THEME, "purple");
        node.put(AppPreferences.LANGUAGE, "klingon");
        node.put(AppPreferences.CONFIG, "{\"format\":\"kvlens-config\",\"version\":1,\"heads\":");
        node.put(AppPreferences.WINDOW_W, "-50");
        node.put(AppPreferences.WINDOW_H, "tall");
        node.put(AppPreferences.ZOOM, "NaN");
        node.put("study.lesson.step", "3.5");

        assertThat(prefs.theme()).isEqualTo(Theme.LIGHT);
        assertThat(prefs.language()).isNull();
        assertThat(prefs.config()).isEqualTo(AttentionConfig.defaults());
        assertThat(prefs.number(AppPreferences.WINDOW_W, 1400, 640, 10000)).isEqualTo(1400);
        assertThat(prefs.number(AppPreferences.WINDOW_H, 900, 480, 10000)).isEqualTo(900);
        assertThat(prefs.number(AppPreferences.ZOOM, 1, 0.5, 3)).isEqualTo(1);
        assertThat(prefs.integer("study.lesson.step", 0, 0, 7)).isZero();

        var notices = prefs.takeNotices();
        assertThat(notices).hasSize(7).allSatisfy(n -> assertThat(n).doesNotContain("\n").isNotBlank());
        assertThat(notices.get(0)).contains("theme").contains("purple");

        // the bad values were removed, so the next start is quiet
        AppPreferences next = new AppPreferences(node);
        next.theme();
        next.language();
        next.config();
        next.number(AppPreferences.WINDOW_W, 1400, 640, 10000);
        next.integer("study.lesson.step", 0, 0, 7);
        assertThat(next.takeNotices()).isEmpty();
    }

    @Test
    void aConfigThatIsValidJsonButAnInvalidShapeFallsBack() {
        node.put(AppPreferences.CONFIG, "{\"format\":\"kvlens-config\",\"version\":1,\"hidden\":4096,\"heads\":32,"
                + "\"kvHeads\":5,\"headDim\":128,\"layers\":32,\"batch\":1,\"seqLen\":4096,\"dtype\":\"fp16\"}");
        assertThat(prefs.config()).isEqualTo(AttentionConfig.defaults());
        assertThat(prefs.takeNotices()).singleElement().asString().contains(AppPreferences.CONFIG);
    }

    @Test
    void lastDirectoryOnlyWhileItExists(@TempDir Path dir) throws Exception {
        Path f = Files.createFile(dir.resolve("a.json"));
        prefs.setLastDirectory(f);
        assertThat(prefs.lastDirectory()).isEqualTo(dir.toAbsolutePath());
        Files.delete(f);
        Files.delete(dir);
        assertThat(prefs.lastDirectory()).isNull();
    }
}
