package dev.kvlens.ui.diagram;

import dev.kvlens.ui.common.AppContext;
import dev.kvlens.ui.common.AppIcon;
import dev.kvlens.ui.common.Exportable;
import dev.kvlens.ui.common.ExportTarget;
import dev.kvlens.ui.common.Page;
import java.util.List;
import javafx.scene.Node;

/** The "Head sharing" tab; File → Export offers the diagram as a PNG. */
public final class DiagramPage implements Page, Exportable {

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

    @Override
    public List<ExportTarget> exports() {
        return List.of(ExportTarget.png("diagram", "diagram.export.png", () -> view));
    }

    public DiagramView view() {
        return view;
    }
}
