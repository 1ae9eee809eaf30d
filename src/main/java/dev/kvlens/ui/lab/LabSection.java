package dev.kvlens.ui.lab;

import dev.kvlens.ui.common.ExportTarget;
import java.util.List;
import javafx.scene.Node;

/** One entry of the Lab's side list. */
interface LabSection {

    /** Stable id ("roofline", "shazeer", "ainslie", "conversion", "mla"). */
    String id();

    /** Message key of the list entry. */
    String titleKey();

    Node node();

    /** Became the visible section while the Lab page is shown. */
    default void shown() {
    }

    /** No longer visible (other section, other page, window closing). */
    default void hidden() {
    }

    /** What this section exports right now (charts as PNG, numbers as CSV). */
    List<ExportTarget> exports();
}
