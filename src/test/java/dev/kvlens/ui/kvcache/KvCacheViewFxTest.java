package dev.kvlens.ui.kvcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvDtype;
import dev.kvlens.ui.common.AppContext;
import dev.kvlens.ui.common.AppPreferences;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.FxTaskRunner;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.StatusModel;
import dev.kvlens.ui.common.Theme;
import dev.kvlens.ui.kvcache.DecodeSession.LaneKind;
import dev.kvlens.ui.kvcache.KvCacheViewModel.KernelState;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import java.util.stream.Collectors;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the KV-cache page headless with a real background worker and the real kernel. */
@ExtendWith(ApplicationExtension.class)
class KvCacheViewFxTest {

    private ConfigModel model;
    private FxTaskRunner runner;
    private KvCachePage page;
    private Set<Thread> threadsBefore;

    @Start
    void start(Stage stage) {
        Messages.setLocale(Messages.ENGLISH);
        threadsBefore = Thread.getAllStackTraces().keySet();
        model = new ConfigModel(AttentionConfig.of(16, 4, 32, 4, 1, 256, KvDtype.FP16));
        runner = new FxTaskRunner(1);
        AppContext ctx = new AppContext(model, runner,
                new AppPreferences(Preferences.userRoot().node("dev/kvlens/test/" + UUID.randomUUID())),
                new StatusModel(), stage);
        page = new KvCachePage(ctx);
        Scene scene = new Scene(new javafx.scene.layout.StackPane(page.node()), 1200, 780);
        Theme.LIGHT.applyGlobally();
        Theme.LIGHT.applyTo(scene, 1);
        stage.setScene(scene);
        stage.show();
        page.shown();
    }

    private KvCacheViewModel vm() {
        return page.viewModel();
    }

    /** Waits until {@code c} holds, evaluated on the FX thread (the view model's state lives there). */
    private void waitFor(java.util.concurrent.Callable<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(c));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.SECONDS);
    }

    @Test
    void stepsWithButtonsAndKeysRunTheKernelAndGrowTheLanes(FxRobot robot) throws Exception {
        waitFor(() -> vm().kernelState() == KernelState.MEASURED);
        CacheLanesPane lanes = page.view().lanes();
        assertThat(lanes.columns(LaneKind.MHA)).isEqualTo(16);
        assertThat(lanes.columns(LaneKind.CURRENT)).isEqualTo(4);
        assertThat(lanes.columns(LaneKind.MQA)).isEqualTo(1);
        double promptHeight = lanes.columnHeight(LaneKind.CURRENT, 0);
        assertThat(promptHeight).isPositive();

        robot.clickOn("#" + KvCacheView.FORWARD_ID);
        waitFor(() -> vm().position() == 1 && !vm().busy());
        Label measured = robot.lookup("#kvMeasured-current").queryAs(Label.class);
        assertThat(measured.getText()).contains("step").doesNotContain("step —");
        assertThat(robot.lookup("#" + KvCacheView.STEP_ID).queryLabeled().getText()).contains("Step 1 of 14");

        robot.type(KeyCode.RIGHT);
        robot.type(KeyCode.RIGHT);
        waitFor(() -> vm().position() == 3 && !vm().busy());
        waitFor(() -> lanes.columnHeight(LaneKind.CURRENT, 0) > promptHeight);
        // every lane grows by the same number of rows; MHA has 4× the columns of GQA-4 and 16× MQA's
        assertThat(lanes.columnHeight(LaneKind.MHA, 15)).isEqualTo(lanes.columnHeight(LaneKind.MQA, 0));

        robot.type(KeyCode.LEFT);
        waitFor(() -> vm().position() == 2 && !vm().busy());
        assertThat(fx(() -> vm().snapshotProperty().get().length())).isEqualTo(vm().promptTokens() + 2);

        robot.clickOn("#" + KvCacheView.BACK_ID);
        waitFor(() -> vm().position() == 1);

        robot.type(KeyCode.HOME);
        waitFor(() -> vm().position() == 0 && !vm().busy());
        assertThat(lanes.columnHeight(LaneKind.CURRENT, 0)).isEqualTo(promptHeight);
    }

    @Test
    void spacePlaysAtSixteenTimesAndPauses(FxRobot robot) throws Exception {
        waitFor(() -> vm().kernelState() == KernelState.MEASURED);
        robot.interact(() -> vm().speedProperty().set(16.0));
        robot.type(KeyCode.SPACE);
        assertThat(vm().playing()).isTrue();
        waitFor(() -> vm().position() >= 3);
        robot.type(KeyCode.SPACE);
        assertThat(vm().playing()).isFalse();
        waitFor(() -> !vm().busy());
        int stopped = fx(() -> vm().position());
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        assertThat(fx(() -> vm().position())).isEqualTo(stopped);
    }

    @Test
    void theScrubberSeeksAndAKvChangeRebuildsTheKernel(FxRobot robot) throws Exception {
        waitFor(() -> vm().kernelState() == KernelState.MEASURED);
        robot.interact(() -> robot.lookup("#" + KvCacheView.SCRUB_ID).queryAs(javafx.scene.control.Slider.class)
                .setValue(6));
        waitFor(() -> vm().position() == 6 && !vm().busy());
        for (int kv : AttentionConfig.divisors(16)) {
            robot.interact(() -> model.update(c -> c.withKvHeads(kv)));
        }
        waitFor(() -> vm().kernelState() == KernelState.MEASURED && !vm().busy()
                && vm().snapshotProperty().get().lane(LaneKind.CURRENT).kvHeads() == 16);
        assertThat(vm().position()).isZero();
        assertThat(page.view().lanes().columns(LaneKind.CURRENT)).isEqualTo(16);
    }

    @Test
    void disposeStopsTheTimerAndTheWorkerAndLeavesNoThreads(FxRobot robot) throws Exception {
        waitFor(() -> vm().kernelState() == KernelState.MEASURED);
        robot.interact(() -> {
            vm().speedProperty().set(16.0);
            vm().play();
        });
        waitFor(() -> vm().position() >= 2);
        robot.interact(() -> page.dispose());
        assertThat(page.view().timerRunning()).isFalse();
        assertThat(vm().playing()).isFalse();
        assertThat(vm().snapshotProperty().get()).isNull();
        runner.close();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> leaked().isEmpty());
        assertThat(leaked()).isEmpty();
    }

    /** Threads started since the test began that belong to the app (workers, kernel pools). */
    private Set<String> leaked() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !threadsBefore.contains(t))
                .map(Thread::getName)
                .filter(n -> n.startsWith(FxTaskRunner.THREAD_PREFIX) || n.startsWith("kvlens-kernel"))
                .collect(Collectors.toSet());
    }
}
