package dev.kvlens.ui.lab;

import dev.kvlens.bench.AttentionProbe;
import dev.kvlens.lab.BenchLabProbe;
import dev.kvlens.lab.LabProbe;
import dev.kvlens.ui.common.AppContext;
import dev.kvlens.ui.common.AppIcon;
import dev.kvlens.ui.common.ExportTarget;
import dev.kvlens.ui.common.Exportable;
import dev.kvlens.ui.common.Page;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.scene.Node;

/**
 * The "Lab" tab: this machine's roofline, paper re-runs (Shazeer 2019, Ainslie et al. 2023), the GQA
 * conversion demo and the MLA cache curve. Measured sections run only while visible, through the app's
 * background door, debounced and cancellable.
 */
public final class LabPage implements Page, Exportable {

    /** Preference key (and system property {@code kvlens.lab.section}) of the section to open. */
    static final String SECTION_PREF = "lab.section";
    static final long DEBOUNCE_MS = 400;

    private final AppContext ctx;
    private final List<LabSection> sections;
    private final LabView view;
    private final RooflineViewModel roofline;
    private final ShazeerViewModel shazeer;
    private final AinslieViewModel ainslie;
    private final ConversionViewModel conversion;
    private LabSection current;
    private boolean shown;

    public LabPage(AppContext ctx) {
        this(ctx, new BenchLabProbe(AttentionProbe.interactiveThreads()), Platform::runLater, DEBOUNCE_MS);
    }

    LabPage(AppContext ctx, LabProbe probe, Executor ui, long debounceMs) {
        this.ctx = ctx;
        int threads = probe instanceof BenchLabProbe b ? b.threads() : 1;
        roofline = new RooflineViewModel(ctx.config(), new LabRunner(ctx.tasks(), debounceMs, ui), probe);
        shazeer = new ShazeerViewModel(new LabRunner(ctx.tasks(), debounceMs, ui), probe);
        ainslie = new AinslieViewModel(new LabRunner(ctx.tasks(), debounceMs, ui), probe);
        conversion = new ConversionViewModel(new LabRunner(ctx.tasks(), debounceMs, ui), threads);
        sections = List.of(new RooflineSection(roofline), new ShazeerSection(shazeer), new AinslieSection(ainslie),
                new ConversionSection(conversion), new MlaSection(new MlaViewModel(ctx.config(), new LabRunner(ctx.tasks(), debounceMs, ui), threads,
                        dev.kvlens.kernel.MemoryBudget::defaultBudget)));
        view = new LabView(sections, this::selected);
        String wanted = System.getProperty("kvlens.lab.section", ctx.prefs().node().get(SECTION_PREF, "roofline"));
        view.select(sections.stream().filter(s -> s.id().equals(wanted)).findFirst().orElse(sections.get(0)));
    }

    private void selected(LabSection s) {
        if (current != null && current != s && shown) {
            current.hidden();
        }
        current = s;
        ctx.prefs().node().put(SECTION_PREF, s.id());
        if (shown) {
            s.shown();
        }
    }

    /** The sections, for tests. */
    List<LabSection> sections() {
        return sections;
    }

    void select(String id) {
        sections.stream().filter(s -> s.id().equals(id)).findFirst().ifPresent(view::select);
    }

    @Override
    public String id() {
        return "lab";
    }

    @Override
    public String titleKey() {
        return "lab.page";
    }

    @Override
    public AppIcon icon() {
        return AppIcon.LAB;
    }

    @Override
    public Node node() {
        return view;
    }

    @Override
    public void shown() {
        shown = true;
        if (current != null) {
            current.shown();
        }
    }

    @Override
    public void hidden() {
        shown = false;
        if (current != null) {
            current.hidden();
        }
    }

    @Override
    public void dispose() {
        hidden();
        roofline.dispose();
        shazeer.dispose();
        ainslie.dispose();
        conversion.dispose();
    }

    @Override
    public List<ExportTarget> exports() {
        return current == null ? List.of() : current.exports();
    }
}
