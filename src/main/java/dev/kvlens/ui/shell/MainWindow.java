package dev.kvlens.ui.shell;

import dev.kvlens.ui.common.AppContext;
import dev.kvlens.ui.common.FxTaskRunner;
import dev.kvlens.ui.common.Messages;
import dev.kvlens.ui.common.Navigator;
import dev.kvlens.ui.common.Page;
import dev.kvlens.ui.controls.ControlsView;
import dev.kvlens.ui.controls.ControlsViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;

/** The main window's content: menus, control panel, feature tabs and status bar. */
public final class MainWindow extends BorderPane {

    public static final String TABS_ID = "pages";
    public static final String DOCK_ID = "dock";
    private static final Logger LOG = Logger.getLogger(MainWindow.class.getName());

    private final AppContext ctx;
    private final TabPane tabs = new TabPane();
    /** Holds a page's strip (the lesson bar) between the pages and the status bar. */
    private final javafx.scene.layout.StackPane dock = new javafx.scene.layout.StackPane();
    private final List<Page> pages = new ArrayList<>();
    private final ControlsView controls;
    private Page current;

    public MainWindow(AppContext ctx, FxTaskRunner runner, AppActions actions) {
        this.ctx = ctx.withNavigator(new Navigator() {
            @Override
            public boolean showPage(String id) {
                return MainWindow.this.showPage(id);
            }

            @Override
            public boolean hasPage(String id) {
                return pages.stream().anyMatch(p -> p.id().equalsIgnoreCase(id));
            }

            @Override
            public String titleKeyOf(String id) {
                return pages.stream().filter(p -> p.id().equalsIgnoreCase(id)).map(Page::titleKey).findFirst()
                        .orElse(null);
            }

            @Override
            public void setDock(javafx.scene.Node strip) {
                dock.getChildren().setAll(strip == null ? List.of() : List.of(strip));
            }
        });
        controls = new ControlsView(new ControlsViewModel(ctx.config()));
        tabs.setId(TABS_ID);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (Function<AppContext, Page> f : Pages.factories()) {
            try {
                Page p = f.apply(this.ctx);
                pages.add(p);
                Tab t = new Tab();
                t.setId("tab-" + p.id());
                t.textProperty().bind(Messages.bind(p.titleKey()));
                t.setGraphic(p.icon().node());
                t.setContent(p.node());
                t.setUserData(p);
                tabs.getTabs().add(t);
            } catch (RuntimeException e) {
                // one broken feature must not take the window down with it
                LOG.log(Level.SEVERE, "a page failed to build", e);
                ctx.status().warn(Messages.get("status.pageFailed", e.getMessage()));
            }
        }
        tabs.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> select(now));
        setTop(new AppMenu(ctx, actions));
        setLeft(controls);
        setCenter(tabs);
        dock.setId(DOCK_ID);
        setBottom(new javafx.scene.layout.VBox(dock, new StatusBar(ctx.status(), runner)));
        select(tabs.getSelectionModel().getSelectedItem());
    }

    private void select(Tab t) {
        if (current != null) {
            current.hidden();
        }
        current = t == null ? null : (Page) t.getUserData();
        if (current != null) {
            current.shown();
        }
    }

    /** Shows the tab of the page with this id; false if there is none. */
    public boolean showPage(String id) {
        for (Tab t : tabs.getTabs()) {
            if (((Page) t.getUserData()).id().equalsIgnoreCase(id)) {
                tabs.getSelectionModel().select(t);
                return true;
            }
        }
        return false;
    }

    public Optional<Page> currentPage() {
        return Optional.ofNullable(current);
    }

    public List<Page> pages() {
        return List.copyOf(pages);
    }

    public ControlsView controls() {
        return controls;
    }

    public AppContext context() {
        return ctx;
    }

    /** Hides the control panel (presentation mode) or shows it again. */
    public void setControlsVisible(boolean visible) {
        setLeft(visible ? controls : null);
    }

    /** Stops every page's animations and workers. */
    public void dispose() {
        for (Page p : pages) {
            try {
                p.dispose();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "dispose failed", e);
            }
        }
    }
}
