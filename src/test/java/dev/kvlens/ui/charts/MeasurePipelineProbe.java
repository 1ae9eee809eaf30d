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
import java.nio.file.Files;
import java.nio.file.Path;
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
    private Scene scene;

    @Start
    void start(Stage stage) {
        Messages.setLocale(Messages.ENGLISH);
        config = new ConfigModel(AttentionConfig.of(32, 8, 128, 32, 1, 4096, KvDtype.FP16));
        runner = new FxTaskRunner(2);
        AppContext ctx = new AppContext(config, runner, new AppPreferences(Preferences.userRoot().node(
                "dev/kvlens/test/" + UUID.randomUUID())), new StatusModel(), stage);
        page = new MeasurePage(ctx, MeasurementLimits.defaults(), null, null);
        scene = new Scene((javafx.scene.Parent) page.node(), 1200, 780);
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
        // layout passes (CSS + layout of the scene) on the FX thread
        AtomicLong layoutStart = new AtomicLong();
        AtomicLong maxLayout = new AtomicLong();
        robot.interact(() -> {
            scene.addPreLayoutPulseListener(() -> layoutStart.set(System.nanoTime()));
            scene.addPostLayoutPulseListener(() -> maxLayout.accumulateAndGet(System.nanoTime() - layoutStart.get(),
                    Math::max));
        });
        // baseline: the same pings with nothing measured (what the machine's load alone does)
        report("idle baseline", ping(3000));
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
            for (var d : s.decode()) {
                if (d.context() == s.plan().maxContext()) {
                    System.out.printf("PROBE   decode KV=%d T=%d: %s%n", d.kvHeads(), d.context(), d.seconds());
                }
            }
            for (var d : s.prefill()) {
                System.out.printf("PROBE   prefill KV=%d P=%d: %s%n", d.kvHeads(), d.tokens(), d.seconds());
            }
        }
        volatile_running[0] = false;
        pinger.join();
        List<Long> sorted;
        synchronized (gaps) {
            sorted = new ArrayList<>(gaps);
        }
        sorted.sort(null);
        report("while measuring", sorted);
        System.out.printf("PROBE FX thread: longest snapshot handling %.2f ms wall, %.2f ms CPU; longest layout"
                + " pass %.2f ms wall%n", vm.maxSnapshotNanos() / 1e6, vm.maxSnapshotCpuNanos() / 1e6,
                maxLayout.get() / 1e6);
        List<Long> cpu = new ArrayList<>(vm.snapshotCpuNanos());
        cpu.sort(null);
        System.out.printf("PROBE FX thread CPU per chart update: n=%d, median %.2f ms, p90 %.2f ms, max %.2f ms%n",
                cpu.size(), cpu.get(cpu.size() / 2) / 1e6, cpu.get((int) (cpu.size() * 0.9)) / 1e6,
                cpu.get(cpu.size() - 1) / 1e6);
        java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().forEach(g -> System.out.printf(
                "PROBE GC %s: %d collections, %d ms in total%n", g.getName(), g.getCollectionCount(),
                g.getCollectionTime()));
        robot.interact(() -> {
            page.dispose();
            runner.close();
        });
    }

    private static final boolean[] volatile_running = {false};

    private static List<Long> ping(long millis) throws InterruptedException {
        List<Long> gaps = new ArrayList<>();
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            java.util.concurrent.CountDownLatch l = new java.util.concurrent.CountDownLatch(1);
            Platform.runLater(l::countDown);
            l.await();
            gaps.add(System.nanoTime() - t0);
            Thread.sleep(2);
        }
        gaps.sort(null);
        return gaps;
    }

    private static void report(String what, List<Long> sorted) {
        System.out.printf("PROBE FX runLater latency %s: %d pings, median %.2f ms, p99 %.2f ms, max %.2f ms,"
                + " %.1f %% over 16 ms%n", what, sorted.size(), sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) (sorted.size() * 0.99)) / 1e6, sorted.get(sorted.size() - 1) / 1e6,
                100.0 * sorted.stream().filter(g -> g > 16_000_000L).count() / sorted.size());
        System.out.println("PROBE load average: " + loadAverage());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static void waitDone(MeasureViewModel vm) throws Exception {
        Thread.sleep(200);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            SweepSnapshot s = vm.inputs().matching();
            return s != null && s.done() && !vm.busyProperty().get();
        });
    }
}
