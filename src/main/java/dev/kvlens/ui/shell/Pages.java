package dev.kvlens.ui.shell;

import dev.kvlens.ui.calculator.CalculatorPage;
import dev.kvlens.ui.charts.MeasurePage;
import dev.kvlens.ui.common.AppContext;
import dev.kvlens.ui.lab.LabPage;
import dev.kvlens.ui.common.Page;
import dev.kvlens.ui.diagram.DiagramPage;
import dev.kvlens.ui.kvcache.KvCachePage;
import dev.kvlens.ui.study.StudyPage;
import java.util.List;
import java.util.function.Function;

/** The tabs of the content area, in order. Each feature adds its factory here. */
final class Pages {

    private Pages() {
    }

    static List<Function<AppContext, Page>> factories() {
        return List.of(
                CalculatorPage::new,
                DiagramPage::new,
                KvCachePage::new,
                MeasurePage::new,
                StudyPage::new,
                LabPage::new);
    }
}
