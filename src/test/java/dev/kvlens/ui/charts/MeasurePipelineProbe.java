package dev.kvlens.ui.charts;

import dev.kvlens.bench.MeasurementLimits;
import dev.kvlens.bench.SweepSnapshot;
import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvDtype;
import dev.kvlens.ui.common.AppContext;
import dev.kvlens.ui.common.AppPreferences;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.FxTaskRunner;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.StatusModel;
import dev.kvlens.ui.common.Theme;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Not a unit test (no assertions on time; surefire does not pick it up by name): the figures of the
 * "Measurement pipeline" section of docs/benchmarks.md. Run with
 * {@code mvn -o test -Dtest=MeasurePipelineProbe -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@ExtendWith(ApplicationExtension.class)
class MeasurePipelineProbe {

    private ConfigModel config;
    private MeasurePage page;
    private FxTaskRunner runner;

    @Start
    void start(Stage stage) {
        Messages.setLocale(Messages.ENGLISH);
        config = new ConfigModel(AttentionConfig.of(32, 8, 128, 32, 1, 4096, KvDtype.FP16));
        runner = new FxTaskRunner(2);
        AppContext ctx = new AppContext(config, runner, new AppPreferences(Preferences.userRoot().node(
                "dev/kvlens/test/" + UUID.randomUUID())), new StatusModel(), stage);
        page = new MeasurePage(ctx, MeasurementLimits.defaults(), null, null);
        Scene scene = new Scene((javafx.scene.Parent) page.node(), 1200, 780);
        Theme.LIGHT.applyTo(scene, 1);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void probe(FxRobot robot) throws Exception {
        MeasureViewModel vm = page.viewModel();
        // wait for the start-up calibration, then one warm sweep
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> vm.calibrationStateProperty().get() != MeasureViewModel.CalibrationState.RUNNING);
        System.out.println("PROBE calibration: " + vm.calibrationText());
        robot.interact(page::shown);
        waitDone(vm);
        AtomicLong maxBlock = new AtomicLong();
        List<Long> gaps = new ArrayList<>();
        volatile_running[0] = true;
        Thread pinger = new Thread(() -> {
            while (volatile_running[0]) {
                long t0 = System.nanoTime();
                java.util.concurrent.CountDownLatch l = new java.util.concurrent.CountDownLatch(1);
                Platform.runLater(l::countDown);
                try {
                    l.await();
                    long d = System.nanoTime() - t0;
                    maxBlock.accumulateAndGet(d, Math::max);
                    synchronized (gaps) {
                        gaps.add(d);
                    }
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-block-probe");
        pinger.setDaemon(true);
        pinger.start();
        int[][] configs = {{32, 4, 4096}, {32, 2, 4096}, {32, 16, 2048}, {32, 8, 4096}, {32, 1, 1024}, {32, 8, 4096}};
        for (int[] c : configs) {
            robot.interact(() -> config.update(x -> x.withKvHeads(c[1]).withSeqLen(c[2])));
            waitDone(vm);
            SweepSnapshot s = vm.inputs().matching();
            System.out.printf("PROBE H=%d KV=%d T=%d: change -> first measured point %d ms (debounce %d ms incl.),"
                    + " sweep %.0f ms, %d points, %d formula-only%n", c[0], c[1], c[2], vm.firstPointMillis(),
                    MeasureViewModel.DEBOUNCE_MS, s.elapsedNanos() / 1e6, s.measuredCount(), s.skipped().size());
        }
        volatile_running[0] = false;
        pinger.join();
        List<Long> sorted;
        synchronized (gaps) {
            sorted = new ArrayList<>(gaps);
        }
        sorted.sort(null);
        System.out.printf("PROBE FX thread: %d pings, runLater latency median %.2f ms, p99 %.2f ms, max %.2f ms%n",
                sorted.size(), sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6,
                maxBlock.get() / 1e6);
        robot.interact(() -> {
            page.dispose();
            runner.close();
        });
    }

    private static final boolean[] volatile_running = {false};

    private static void waitDone(MeasureViewModel vm) throws Exception {
        Thread.sleep(200);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            SweepSnapshot s = vm.inputs().matching();
            return s != null && s.done() && !vm.busyProperty().get();
        });
    }
}
