package dev.kvlens.ui.controls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvlens.model.AttentionConfig;
import dev.kvlens.ui.calculator.CalculatorView;
import dev.kvlens.ui.calculator.CalculatorViewModel;
import dev.kvlens.ui.common.ConfigModel;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Theme;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real control panel headless: sliders, the KV snap to divisors, typed values, the readout. */
@ExtendWith(ApplicationExtension.class)
class ControlsViewFxTest {

    private ConfigModel model;
    private Stage stage;

    @Start
    void start(Stage stage) {
        Messages.setLocale(Messages.ENGLISH);
        model = new ConfigModel(AttentionConfig.defaults());
        ControlsView controls = new ControlsView(new ControlsViewModel(model));
        CalculatorView calc = new CalculatorView(new CalculatorViewModel(model));
        Scene scene = new Scene(new HBox(controls, calc), 1300, 950);
        Theme.LIGHT.applyGlobally();
        Theme.LIGHT.applyTo(scene, 1);
        stage.setScene(scene);
        stage.setX(0);
        stage.setY(0);
        stage.show();
        this.stage = stage;
    }

    @Test
    void draggingTheKvSliderVisitsOnlyDivisorsAndUpdatesTheReadout(FxRobot robot) {
        Slider kv = robot.lookup("#" + ControlsView.KV_ID).queryAs(Slider.class);
        Label perToken = robot.lookup("#" + ControlsView.READOUT_PER_TOKEN_ID).queryAs(Label.class);
        Label caption = robot.lookup("#" + ControlsView.CAPTION_ID).queryAs(Label.class);
        robot.interact(stage::toFront); // stages of earlier test classes may still be open
        // drag from the left end (MQA) to the right end (MHA) in small steps
        robot.drag(kv.lookup(".thumb"));
        double width = kv.getWidth();
        List<Integer> seen = new ArrayList<>();
        robot.moveBy(-width, 0);
        for (int i = 0; i <= 40; i++) {
            robot.moveBy(width / 40.0, 0);
            WaitForAsyncUtils.waitForFxEvents();
            int v = model.get().kvHeads();
            assertThat(32 % v).as("KV heads %d must divide H", v).isZero();
            if (seen.isEmpty() || seen.get(seen.size() - 1) != v) {
                seen.add(v);
            }
        }
        robot.release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(seen).first().isEqualTo(1);
        assertThat(seen).last().isEqualTo(32);
        assertThat(seen).isSorted();
        assertThat(model.get().kvHeads()).isEqualTo(32);
        assertThat(perToken.getText()).isEqualTo("512 KiB");
        assertThat(caption.getText()).startsWith("MHA");
    }

    @Test
    void headsSliderKeepsKvValidAndKeyboardSnaps(FxRobot robot) {
        Slider heads = robot.lookup("#" + ControlsView.HEADS_ID).queryAs(Slider.class);
        robot.interact(() -> heads.setValue(71));
        assertThat(model.get().heads()).isEqualTo(71);
        assertThat(model.get().kvHeads()).isIn(1, 71);
        Slider kv = robot.lookup("#" + ControlsView.KV_ID).queryAs(Slider.class);
        robot.interact(() -> heads.setValue(64));
        robot.clickOn(kv.lookup(".thumb")).type(KeyCode.LEFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(64 % model.get().kvHeads()).isZero();
    }

    @Test
    void typingAnExactSequenceLengthAndABadValue(FxRobot robot) {
        TextField seq = robot.lookup("#" + ControlsView.SEQ_ID + "Field").queryAs(TextField.class);
        robot.doubleClickOn(seq).eraseText(6).write("32k").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.get().seqLen()).isEqualTo(32768);
        Label total = robot.lookup("#" + ControlsView.READOUT_TOTAL_ID).queryAs(Label.class);
        assertThat(total.getText()).isEqualTo("4 GiB");
        TextField kvField = robot.lookup("#" + ControlsView.KV_ID + "Field").queryAs(TextField.class);
        robot.doubleClickOn(kvField).eraseText(4).write("5").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        Label error = robot.lookup("#" + ControlsView.ERROR_ID).queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).isEqualTo("32 query heads cannot be split into 5 groups; choose 1, 2, 4, 8, 16 or 32");
        assertThat(kvField.getText()).isEqualTo("8");
        assertThat(model.get().kvHeads()).isEqualTo(8);
    }
}
