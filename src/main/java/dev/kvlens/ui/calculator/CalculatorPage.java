package dev.kvlens.ui.calculator;

import dev.kvlens.ui.common.AppContext;
import dev.kvlens.ui.common.AppIcon;
import dev.kvlens.ui.common.Page;
import javafx.scene.Node;

/** The "Calculator" tab. */
public final class CalculatorPage implements Page {

    private final CalculatorView view;

    public CalculatorPage(AppContext ctx) {
        view = new CalculatorView(new CalculatorViewModel(ctx.config()));
    }

    @Override
    public String id() {
        return "calculator";
    }

    @Override
    public String titleKey() {
        return "page.calculator";
    }

    @Override
    public AppIcon icon() {
        return AppIcon.CALCULATOR;
    }

    @Override
    public Node node() {
        return view;
    }
}
