package dev.kvlens.ui.charts;

import dev.kvlens.bench.AttentionProbe;
import dev.kvlens.bench.CalibrationProbe;
import dev.kvlens.bench.KernelProbe;
import dev.kvlens.bench.MachineInfo;
import dev.kvlens.bench.MachineProbe;
import dev.kvlens.bench.MeasurementLimits;
import dev.kvlens.bench.MeasurementService;
import dev.kvlens.kernel.MemoryBudget;
import dev.kvlens.ui.common.AppContext;
import dev.kvlens.ui.common.AppIcon;
import dev.kvlens.ui.common.Exportable;
import dev.kvlens.ui.common.ExportTarget;
import dev.kvlens.ui.common.Page;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.scene.Node;
import javafx.util.Duration;

/**
 * The "Measure" tab: the real kernel re-measured on every settled config change, beside the formulas.
 * Exports each chart as PNG and its numbers as CSV.
 */
public final class MeasurePage implements Page, Exportable {

    public static final String ID = "measure";

    private final MeasureViewModel vm;
    private final MeasureView view;

    /** The app's page: the real kernel with the default limits; calibrates at first start. */
    public MeasurePage(AppContext ctx) {
        this(ctx, MeasurementLimits.defaults(), null, null);
    }

    /**
     * A page with given limits and probes (null = the real ones), e.g. small shapes for UI tests.
     */
    public MeasurePage(AppContext ctx, MeasurementLimits limits, KernelProbe probe, MachineProbe machine) {
        MemoryBudget budget = new MemoryBudget(limits.memoryBudgetBytes());
        AttentionProbe real = probe == null ? new AttentionProbe(AttentionProbe.interactiveThreads(), budget) : null;
        KernelProbe kp = probe == null ? real : probe;
        CalibrationProbe cal = CalibrationProbe.forApp();
        MachineProbe mp = machine == null ? cal : machine;
        MachineInfo info = real == null ? MachineInfo.current() : MachineInfo.of(real.ops());
        String kernel = kp.describe();
        String machineText = info.cpuModel() + ", " + info.cores() + " cores, " + kernel + ", JDK " + info.jdk();
        vm = new MeasureViewModel(ctx.config(), ctx.tasks(), ctx.prefs(), ctx.status(), kp, mp,
                machine == null ? cal.fingerprint() : "test", limits, MeasurePage::fxSchedule, machineText);
        view = new MeasureView(vm, info, kernel, limits.memoryBudgetBytes());
    }

    /** Debounce timer on the FX thread itself: no extra thread to stop. */
    static MeasurementService.Cancellable fxSchedule(long delayMillis, Runnable action) {
        PauseTransition p = new PauseTransition(Duration.millis(Math.max(1, delayMillis)));
        p.setOnFinished(e -> action.run());
        p.play();
        return p::stop;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String titleKey() {
        return "page.measure";
    }

    @Override
    public AppIcon icon() {
        return AppIcon.CHART;
    }

    @Override
    public Node node() {
        return view;
    }

    @Override
    public void shown() {
        vm.shown();
    }

    @Override
    public void hidden() {
        vm.hidden();
    }

    @Override
    public void dispose() {
        vm.dispose();
    }

    public MeasureViewModel viewModel() {
        return vm;
    }

    public MeasureView view() {
        return view;
    }

    @Override
    public List<ExportTarget> exports() {
        List<ExportTarget> l = new ArrayList<>();
        l.add(ExportTarget.png("measure", "charts.export.page", view::contentNode));
        for (MeasureView.ChartCardRef c : view.cards()) {
            String id = c.vm().id();
            l.add(ExportTarget.png("chart-" + id, "charts.export.png." + id, c::node));
        }
        for (MeasureView.ChartCardRef c : view.cards()) {
            String id = c.vm().id();
            l.add(ExportTarget.csv("measure-" + id, "charts.export.csv." + id, () -> c.vm().csv()));
        }
        return l;
    }
}
