package dev.kvlens.ui.calculator;

import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Styles;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Table of MHA / current / MQA numbers and the worked formula; rebuilt when the config or language changes. */
public final class CalculatorView extends ScrollPane {

    public static final String TABLE_ID = "calcTable";
    public static final String WORKED_ID = "calcWorked";

    private final CalculatorViewModel vm;
    private final GridPane table = new GridPane();
    private final Label worked = new Label();

    public CalculatorView(CalculatorViewModel vm) {
        this.vm = vm;
        getStyleClass().add(Styles.PAGE);
        setFitToWidth(true);
        Label title = new Label();
        title.textProperty().bind(Messages.bind("calc.title"));
        title.getStyleClass().add(Styles.SECTION_TITLE);
        Label intro = new Label();
        intro.textProperty().bind(Messages.bind("calc.intro"));
        intro.setWrapText(true);
        table.setId(TABLE_ID);
        table.setHgap(24);
        table.setVgap(6);
        table.getStyleClass().addAll(Styles.CARD, "calc-table");
        ColumnConstraints first = new ColumnConstraints();
        first.setHgrow(Priority.SOMETIMES);
        table.getColumnConstraints().add(first);
        worked.setId(WORKED_ID);
        worked.setWrapText(true);
        worked.getStyleClass().add(Styles.FORMULA);
        Label fact = new Label();
        fact.textProperty().bind(Messages.bind("calc.fact"));
        fact.setWrapText(true);
        fact.getStyleClass().addAll(Styles.CARD, "fact");
        VBox box = new VBox(14, title, intro, table, worked, fact);
        box.setPadding(new Insets(18));
        setContent(box);
        vm.model().configProperty().addListener((o, a, b) -> rebuild());
        Messages.localeProperty().addListener((o, a, b) -> rebuild());
        rebuild();
    }

    private void rebuild() {
        table.getChildren().clear();
        header(0, "calc.col.quantity");
        header(1, "calc.col.mha");
        header(2, "calc.col.current");
        header(3, "calc.col.mqa");
        List<CalculatorViewModel.Row> rows = vm.rows();
        for (int i = 0; i < rows.size(); i++) {
            CalculatorViewModel.Row r = rows.get(i);
            Label name = new Label(Messages.get(r.key()));
            name.setWrapText(true);
            table.add(name, 0, i + 1);
            table.add(value(r.mha()), 1, i + 1);
            Label cur = value(r.current());
            cur.getStyleClass().add("current");
            table.add(cur, 2, i + 1);
            table.add(value(r.mqa()), 3, i + 1);
        }
        worked.setText(vm.workedExample());
    }

    private void header(int col, String key) {
        Label l = new Label(Messages.get(key));
        l.getStyleClass().add("column-header");
        table.add(l, col, 0);
    }

    private static Label value(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("number");
        return l;
    }
}
