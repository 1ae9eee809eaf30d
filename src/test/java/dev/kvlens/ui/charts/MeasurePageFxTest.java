package dev.kvlens.ui.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvlens.bench.CalibrationResult;
import dev.kvlens.bench.MeasurementLimits;
import dev.kvlens.bench.SweepSnapshot;
import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvDtype;
import dev.kvlens.ui.common.AppContext;
import dev.kvlens.ui.common.AppPreferences;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.ExportTarget;
import dev.kvlens.ui.common.FxTaskRunner;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.StatusModel;
import dev.kvlens.ui.common.Theme;
import dev.kvlens.ui.controls.ControlsView;
import dev.kvlens.ui.controls.ControlsViewModel;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.Scene;
import javafx.scene.control.Slider;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;
import javafx.scene.chart.XYChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole pipeline under a slider storm, headless, with the REAL kernel on small shapes: sliders are
 * dragged back and forth for a few seconds while measurements run; no exception may escape, the final charts
 * must show the final config, and no measurement thread may survive closing the page.
 */
@ExtendWith(ApplicationExtension.class)
class MeasurePageFxTest {

    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private ConfigModel config;
    private FxTaskRunner runner;
    private MeasurePage page;
    private StatusModel status;
    private Stage stage;
    private AppPreferences prefs;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Messages.setLocale(Messages.ENGLISH);
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> errors.add(e));
        config = new ConfigModel(AttentionConfig.of(16, 4, 64, 8, 1, 1024, KvDtype.FP16));
        runner = new FxTaskRunner(2);
        status = new StatusModel();
        prefs = new AppPreferences(Preferences.userRoot().node("dev/kvlens/test/" + UUID.randomUUID()));
        AppContext ctx = new AppContext(config, runner, prefs, status, stage);
        page = new MeasurePage(ctx, MeasurementLimits.small(), null,
                (cancel, progress) -> new CalibrationResult(8, 50, 1, 1 << 20, "test", 0L));
        ControlsView controls = new ControlsView(new ControlsViewModel(config));
        HBox root = new HBox(controls, page.node());
        HBox.setHgrow(page.node(), Priority.ALWAYS);
        Scene scene = new Scene(root, 1260, 780);
        Theme.LIGHT.applyGlobally();
        Theme.LIGHT.applyTo(scene, 1);
        stage.setScene(scene);
        stage.show();
        page.shown();
    }

    @Test
    void slidersDraggedWhileMeasuringEndOnTheFinalConfigAndLeaveNoThreads(FxRobot robot) throws Exception {
        Slider seq = robot.lookup("#" + ControlsView.SEQ_ID).queryAs(Slider.class);
        Slider kv = robot.lookup("#" + ControlsView.KV_ID).queryAs(Slider.class);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        int round = 0;
        while (System.nanoTime() < end) {
            Slider s = round % 2 == 0 ? seq : kv;
            robot.drag(s.lookup(".thumb"), MouseButton.PRIMARY);
            double w = s.getWidth() / 12;
            for (int i = 0; i < 6; i++) {
                robot.moveBy(round % 4 < 2 ? -w : w, 0);
            }
            for (int i = 0; i < 3; i++) {
                robot.moveBy(round % 4 < 2 ? w : -w, 0);
            }
            robot.release(MouseButton.PRIMARY);
            round++;
        }
        // one last move to a length the small limits can measure at several contexts
        robot.interact(() -> config.update(c -> c.withSeqLen(512)));
        AttentionConfig last = config.get();
        MeasureViewModel vm = page.viewModel();
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
                SweepSnapshot s = vm.inputs().matching();
                return s != null && s.done() && !vm.busyProperty().get();
            });
        } catch (java.util.concurrent.TimeoutException e) {
            SweepSnapshot s = vm.inputs().snapshotProperty().get();
            throw new AssertionError("no final measurement: config " + config.get() + ", busy "
                    + vm.busyProperty().get() + ", status '" + vm.statusTextProperty().get() + "', last plan "
                    + (s == null ? null : s.plan().config()) + ", done " + (s != null && s.done()) + ", errors "
                    + errors + ", threads " + measurementThreads(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(errors).isEmpty();
        assertThat(status.messageProperty().get()).doesNotContain("failed");
        SweepSnapshot s = vm.inputs().matching();
        assertThat(s.plan().config().heads()).isEqualTo(last.heads());
        assertThat(s.plan().currentKv()).isEqualTo(last.kvHeads());
        assertThat(s.plan().maxContext()).isEqualTo(last.seqLen());
        // what is on screen is the final config's model
        PlotView decode = page.view().decodeView().plot();
        assertThat(decode.model()).isEqualTo(vm.decode().model());
        PlotModel m = decode.model();
        String cur = last.variantLabel();
        assertThat(m.series().stream().map(PlotModel.Series::name)).anyMatch(n -> n.startsWith(cur));
        assertThat(decode.getData()).hasSize(m.series().size());
        assertThat(m.x().max()).isGreaterThanOrEqualTo(512);
        assertThat(m.series("current-measured").points()).hasSizeGreaterThan(1);
        assertThat(page.view().memoryView().plot().model().markerLabel()).contains(String.format("%,d", last.seqLen()));
        assertThat(page.view().speedupView().bars().model().categories()).contains(cur);
        BarsView bars = page.view().speedupView().bars();
        assertThat(((javafx.scene.chart.CategoryAxis) bars.getXAxis()).getCategories())
                .containsExactlyElementsOf(bars.model().categories());
        assertThat(bars.getData()).allSatisfy(series -> assertThat(series.getData())
                .allSatisfy(d -> assertThat(bars.model().categories()).contains(d.getXValue())));
        assertThat(vm.firstPointMillis()).isNotNegative();
        assertThat(page.exports()).extracting(ExportTarget::id).contains("chart-memory", "measure-decode");
        assertThat(page.exports().stream().filter(e -> e.id().equals("measure-decode")).findFirst().orElseThrow()
                .csv().get()).contains(cur);

        robot.interact(() -> {
            page.dispose();
            runner.close();
            stage.hide(); // the next test class gets the primary stage sized for its own scene
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> measurementThreads().isEmpty());
        assertThat(measurementThreads()).isEmpty();
        prefs.node().removeNode();
    }

    private static List<String> measurementThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(FxTaskRunner.THREAD_PREFIX) || n.startsWith("kvlens-kernel")
                        || n.startsWith("kvlens-calibration"))
                .toList();
    }

    @Test
    void renamedCategoriesMoveTheExistingBars(FxRobot robot) {
        BarsView[] view = new BarsView[1];
        robot.interact(() -> {
            view[0] = new BarsView();
            view[0].show(new BarModel(List.of("MHA", "GQA-8", "MQA"), "x",
                    List.of(new BarModel.Bars("decode", "Decode (GQA-8)", "s", List.of(1.0, 3.8, 9.0),
                            List.of("a", "b", "c")))));
        });
        XYChart.Data<String, Number> gqaBar = view[0].getData().get(0).getData().get(1);
        robot.interact(() -> view[0].show(new BarModel(List.of("MHA", "GQA-4", "MQA"), "x",
                List.of(new BarModel.Bars("decode", "Decode (GQA-4)", "s", List.of(1.0, 2.1, 9.0),
                        List.of("a", "b2", "c"))))));
        // the same bar object, moved to the new category with the new value: updated in place
        assertThat(view[0].getData().get(0).getData().get(1)).isSameAs(gqaBar);
        assertThat(gqaBar.getXValue()).isEqualTo("GQA-4");
        assertThat(gqaBar.getYValue().doubleValue()).isEqualTo(2.1);
        assertThat(view[0].getData().get(0).getName()).isEqualTo("Decode (GQA-4)");
        assertThat(((javafx.scene.chart.CategoryAxis) view[0].getXAxis()).getCategories())
                .containsExactly("MHA", "GQA-4", "MQA");
    }
}
