package dev.kvlens.ui.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.ui.common.AppContext;
import dev.kvlens.ui.common.AppPreferences;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.SameThreadTaskRunner;
import dev.kvlens.ui.common.StatusModel;
import dev.kvlens.ui.common.Styles;
import dev.kvlens.ui.controls.ControlsView;
import dev.kvlens.ui.controls.ControlsViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class DiagramViewFxTest {

    private ConfigModel model;
    private DiagramPage page;

    @Start
    void start(Stage stage) {
        Messages.setLocale(Messages.ENGLISH);
        model = new ConfigModel(AttentionConfig.defaults());
        // start from the app's default preset, as the app does
        model.presetProperty().set(dev.kvlens.model.Presets.require(dev.kvlens.model.Presets.DEFAULT_ID));
        AppContext ctx = new AppContext(model, new SameThreadTaskRunner(),
                new AppPreferences(Preferences.userRoot().node("dev/kvlens/test/" + UUID.randomUUID())),
                new StatusModel(), stage);
        page = new DiagramPage(ctx);
        BorderPane root = new BorderPane(page.node());
        root.setLeft(new ControlsView(new ControlsViewModel(model)));
        Scene scene = new Scene(root, 1280, 800);
        dev.kvlens.ui.common.Theme.LIGHT.applyGlobally();
        dev.kvlens.ui.common.Theme.LIGHT.applyTo(scene, 1);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void draggingTheKvSliderVisitsEveryDivisorAndTheDiagramFollows(FxRobot robot) throws Exception {
        Slider kv = robot.lookup("#" + ControlsView.KV_ID).queryAs(Slider.class);
        List<Integer> divisors = AttentionConfig.divisors(32);
        Node thumb = kv.lookup(".thumb");
        Bounds track = kv.lookup(".track").localToScreen(kv.lookup(".track").getBoundsInLocal());
        List<Integer> seen = new ArrayList<>();
        // grab the thumb, go to the far left (MQA) and then step right across every divisor
        robot.drag(thumb).moveTo(track.getMinX() - 20, track.getCenterY());
        seen.add(model.get().kvHeads());
        for (int i = 1; i < divisors.size(); i++) {
            double x = track.getMinX() + track.getWidth() * i / (divisors.size() - 1);
            robot.moveTo(x, track.getCenterY());
            WaitForAsyncUtils.waitForFxEvents();
            seen.add(model.get().kvHeads());
            DiagramView view = page.view();
            // the same frame already shows the new caption, and the morph toward the new groups runs
            assertThat(view.lookup("#" + DiagramView.CAPTION_ID).toString()).isNotNull();
            assertThat(robot.lookup("#" + DiagramView.CAPTION_ID).queryLabeled().getText())
                    .contains(model.get().kvHeads() + (model.get().kvHeads() == 1 ? " KV head " : " KV heads"));
        }
        robot.release(javafx.scene.input.MouseButton.PRIMARY);
        assertThat(seen).containsExactlyElementsOf(divisors);
        waitForMorph();
        assertGroupsDrawn(32);
    }

    @Test
    void keyboardStepsAndRapidChangesNeverLeaveAStalePicture(FxRobot robot) throws Exception {
        for (int kv : List.of(1, 32, 2, 16, 4)) {
            robot.interact(() -> model.update(c -> c.withKvHeads(kv)));
        }
        waitForMorph();
        assertGroupsDrawn(4);
        assertThat(page.view().animating()).isFalse();
        // switching away mid-morph stops the timer and leaves the final picture
        robot.interact(() -> {
            model.update(c -> c.withKvHeads(1));
            page.hidden();
        });
        assertThat(page.view().animating()).isFalse();
        assertGroupsDrawn(1);
    }

    @Test
    void hoveringAHeadHighlightsItsWholeGroup(FxRobot robot) {
        robot.moveTo(page.view().queryBlock(5));
        WaitForAsyncUtils.waitForFxEvents();
        DiagramView v = page.view();
        for (int h = 0; h < 32; h++) {
            boolean same = h / 4 == 1;
            assertThat(v.queryBlock(h).getStyleClass().contains(DiagramView.DIMMED)).isEqualTo(!same);
            assertThat(v.keyBlock(h).getStyleClass().contains(DiagramView.HOT)).isEqualTo(same);
        }
    }

    @Test
    void scalesTo128HeadsWithThinnedLabelsAndFollowsTheWindowSize(FxRobot robot) throws Exception {
        robot.interact(() -> model.update(c -> c.withHeads(128).withKvHeads(8)));
        DiagramView v = page.view();
        assertThat(v.drawnHeads()).isEqualTo(128);
        assertThat(v.visibleQueryLabels()).isBetween(4L, 64L);
        double before = v.keyBlock(127).getX();
        robot.interact(() -> robot.window(0).setWidth(900));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(v.keyBlock(127).getX()).isLessThan(before);
        Bounds canvas = v.lookup("#" + DiagramView.CANVAS_ID).getLayoutBounds();
        assertThat(v.keyBlock(127).getX() + v.keyBlock(127).getWidth()).isLessThanOrEqualTo(canvas.getWidth());
        robot.interact(() -> model.update(c -> c.withHeads(1)));
        assertThat(v.drawnHeads()).isEqualTo(1);
        assertThat(v.visibleQueryLabels()).isEqualTo(1);
    }

    private void waitForMorph() throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !page.view().animating());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void assertGroupsDrawn(int kv) {
        DiagramView v = page.view();
        int per = 32 / kv;
        for (int h = 0; h < 32; h++) {
            int g = h / per;
            assertThat(v.keyBlock(h).getStyleClass()).contains(Styles.group(g));
            assertThat(v.keyBlock(h).getX()).isCloseTo(v.keyBlock(g * per).getX(), org.assertj.core.api.Assertions.within(1e-6));
            // the line of head h ends at the centre of its group's key block
            double centre = v.keyBlock(h).getX() + v.keyBlock(h).getWidth() / 2;
            assertThat(Math.abs(v.lineEnd(h) - centre)).isLessThan(0.5);
        }
        if (kv > 1) {
            assertThat(v.keyBlock(per).getX()).isGreaterThan(v.keyBlock(0).getX() + v.keyBlock(0).getWidth());
        }
    }
}
