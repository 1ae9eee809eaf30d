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
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes docs/images/measure-*.png from a real measurement (not a unit test; run with
 * {@code mvn -o test -Dtest=MeasureScreenshots -Dsurefire.failIfNoSpecifiedTests=false}).
 */
@ExtendWith(ApplicationExtension.class)
class MeasureScreenshots {

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
        scene = new Scene((javafx.scene.Parent) page.node(), 1240, 1500);
        Theme.LIGHT.applyGlobally();
        Theme.LIGHT.applyTo(scene, 1);
    }

    @Test
    void shots(FxRobot robot) throws Exception {
        MeasureViewModel vm = page.viewModel();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> vm.calibrationStateProperty().get() != MeasureViewModel.CalibrationState.RUNNING);
        robot.interact(page::shown);
        waitDone(vm);
        robot.interact(vm::remeasure); // a warm second sweep
        waitDone(vm);
        Path dir = Path.of("docs/images");
        Files.createDirectories(dir);
        shot(robot, dir.resolve("measure-light-en.png"));
        robot.interact(() -> {
            vm.inputs().logScaleProperty().set(true);
            vm.inputs().deviceProperty().set(Device.GB24);
        });
        shot(robot, dir.resolve("measure-log-24gb.png"));
        robot.interact(() -> {
            vm.inputs().logScaleProperty().set(false);
            vm.inputs().deviceProperty().set(Device.NONE);
            Messages.setLocale(Messages.CHINESE);
            Theme.DARK.applyGlobally();
            Theme.DARK.applyTo(scene, 1);
        });
        shot(robot, dir.resolve("measure-dark-zh.png"));
        robot.interact(() -> {
            Messages.setLocale(Messages.ENGLISH);
            Theme.LIGHT.applyGlobally();
            page.dispose();
            runner.close();
        });
    }

    private void shot(FxRobot robot, Path file) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] img = new WritableImage[1];
        robot.interact(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            img[0] = page.view().contentNode().snapshot(null, null);
        });
        File f = file.toFile();
        ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", f);
        System.out.println("SHOT " + f.getAbsolutePath());
    }

    private static void waitDone(MeasureViewModel vm) throws Exception {
        Thread.sleep(300);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> {
            SweepSnapshot s = vm.inputs().matching();
            return s != null && s.done() && !vm.busyProperty().get();
        });
    }
}
