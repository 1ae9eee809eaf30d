package dev.kvlens.ui.diagram;

import dev.kvlens.ui.common.AppContext;
import dev.kvlens.ui.common.AppIcon;
import dev.kvlens.ui.common.Page;
import javafx.scene.Node;

/** The "Head sharing" tab. */
public final class DiagramPage implements Page {

    private final DiagramView view;

    public DiagramPage(AppContext ctx) {
        view = new DiagramView(new DiagramViewModel(ctx.config()));
    }

    @Override
    public String id() {
        return "diagram";
    }

    @Override
    public String titleKey() {
        return "page.diagram";
    }

    @Override
    public AppIcon icon() {
        return AppIcon.DIAGRAM;
    }

    @Override
    public Node node() {
        return view;
    }

    @Override
    public void hidden() {
        view.stop();
    }

    public DiagramView view() {
        return view;
    }
}
