package dev.kvlens.ui.kvcache;

import dev.kvlens.kernel.MemoryBudget;
import dev.kvlens.ui.common.AppContext;
import dev.kvlens.ui.common.AppIcon;
import dev.kvlens.ui.common.Exportable;
import dev.kvlens.ui.common.ExportTarget;
import dev.kvlens.ui.common.Page;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Node;

/**
 * The "KV-cache growth" tab. The kernel runs only while the tab is shown. File → Export offers the page and
 * the cache lanes as PNG, and the three lanes at the current step as CSV.
 */
public final class KvCachePage implements Page, Exportable {

    /** Wait after the last slider move before the kernel's caches are rebuilt. */
    static final long REBUILD_DEBOUNCE_MILLIS = 180;

    private final KvCacheViewModel vm;
    private final KvCacheView view;

    public KvCachePage(AppContext ctx) {
        vm = new KvCacheViewModel(ctx.config(), ctx.tasks(), MemoryBudget::defaultBudget, REBUILD_DEBOUNCE_MILLIS,
                Platform::runLater);
        view = new KvCacheView(vm);
    }

    @Override
    public String id() {
        return "kvcache";
    }

    @Override
    public String titleKey() {
        return "page.kvcache";
    }

    @Override
    public AppIcon icon() {
        return AppIcon.CACHE;
    }

    @Override
    public Node node() {
        return view;
    }

    @Override
    public void shown() {
        vm.setActive(true);
        view.start();
    }

    @Override
    public void hidden() {
        view.stop();
        vm.setActive(false);
    }

    @Override
    public void dispose() {
        view.stop();
        vm.dispose();
    }

    @Override
    public List<ExportTarget> exports() {
        return List.of(ExportTarget.png("kvcache", "kvcache.export.page", view::exportNode),
                ExportTarget.png("kvcache-lanes", "kvcache.export.lanes", view::lanesNode),
                ExportTarget.csv("kvcache-lanes", "kvcache.export.csv", vm::lanesCsv));
    }

    public KvCacheViewModel viewModel() {
        return vm;
    }

    public KvCacheView view() {
        return view;
    }
}
