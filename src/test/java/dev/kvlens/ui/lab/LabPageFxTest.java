package dev.kvlens.ui.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.model.KvDtype;
import dev.kvlens.ui.common.AppContext;
import dev.kvlens.ui.common.AppPreferences;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.ExportTarget;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.SameThreadTaskRunner;
import dev.kvlens.ui.common.StatusModel;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class LabPageFxTest {

    private LabPage page;
    private LabViewModelsTest.FakeProbe probe;

    @Start
    void start(Stage stage) {
        Messages.setLocale(Messages.ENGLISH);
        probe = new LabViewModelsTest.FakeProbe();
        ConfigModel model = new ConfigModel(AttentionConfig.of(16, 4, 64, 8, 1, 1024, KvDtype.FP16));
        AppContext ctx = new AppContext(model, new SameThreadTaskRunner(),
                new AppPreferences(Preferences.userRoot().node("dev/kvlens/test/" + UUID.randomUUID())),
                new StatusModel(), stage);
        page = new LabPage(ctx, probe, Runnable::run, 0);
        Scene scene = new Scene((javafx.scene.Parent) page.node(), 1200, 800);
        dev.kvlens.ui.common.Theme.LIGHT.applyGlobally();
        dev.kvlens.ui.common.Theme.LIGHT.applyTo(scene, 1);
        stage.setScene(scene);
        stage.show();
        page.shown();
    }

    @SuppressWarnings("unchecked")
    private static int points(FxRobot robot, String chartId) {
        XYChart<?, ?> chart = robot.lookup("#" + chartId).queryAs(XYChart.class);
        return chart.getData().stream().mapToInt(s -> s.getData().size()).sum();
    }

    @Test
    void everySectionShowsItsChartAndOffersPngAndCsv(FxRobot robot) {
        // the roofline is the first section: measured as soon as the page is shown (fake probe)
        assertThat(points(robot, RooflineSection.CHART_ID)).isEqualTo(3 + 6);
        ListView<?> list = robot.lookup("#" + LabView.LIST_ID).queryAs(ListView.class);
        assertThat(list.getItems()).hasSize(5);
        String[][] charts = {{"shazeer", ShazeerSection.CHART_ID}, {"ainslie", AinslieSection.CHART_ID},
            {"conversion", ConversionSection.CHART_ID}, {"mla", MlaSection.CHART_ID}};
        for (String[] c : charts) {
            robot.interact(() -> page.select(c[0]));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(points(robot, c[1])).as(c[0]).isPositive();
            List<ExportTarget> ex = page.exports();
            if (c[0].equals("mla")) { // the chart, then the measured reductions (measured on showing: real kernel)
                assertThat(ex).extracting(ExportTarget::kind).containsExactly(ExportTarget.Kind.PNG,
                        ExportTarget.Kind.CSV, ExportTarget.Kind.PNG, ExportTarget.Kind.CSV);
                assertThat(ex.get(3).csv().get()).as("reductions csv").hasLineCount(7);
            } else {
                assertThat(ex).extracting(ExportTarget::kind).containsExactly(ExportTarget.Kind.PNG,
                        ExportTarget.Kind.CSV);
            }
            assertThat(ex.get(1).csv().get()).as(c[0] + " csv").isNotBlank();
            assertThat(ex.get(0).node().get().getScene()).isNotNull();
        }
        // leaving a measured section stops it; the hidden page measures nothing
        int before = probe.timed.size();
        robot.interact(() -> page.hidden());
        robot.interact(() -> page.select("ainslie"));
        assertThat(probe.timed).hasSize(before);
    }

    @Test
    void sectionNamesFollowTheLanguage(FxRobot robot) {
        robot.interact(() -> Messages.setLocale(Messages.CHINESE));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".list-cell").queryAllAs(javafx.scene.control.ListCell.class))
                .extracting(c -> c.getText()).contains("屋顶线模型", "MHA → GQA 转换");
        robot.interact(() -> Messages.setLocale(Messages.ENGLISH));
    }
}
