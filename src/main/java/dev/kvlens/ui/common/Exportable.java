package dev.kvlens.ui.common;

import java.util.List;

/**
 * Optional for a {@link Page}: what it can export. The shell's File → Export menu lists the targets of the
 * page on screen (plus the whole window), asks for a file (never overwriting without asking) and writes it.
 * A page implements this next to {@link Page}, e.g. {@code class ChartsPage implements Page, Exportable}.
 */
public interface Exportable {

    /**
     * The targets the page offers right now (the list is read each time the Export menu opens, so it may
     * change as the page changes; it may be empty). A CSV target whose supplier returns null or blank is
     * reported to the user as "nothing to export yet".
     */
    List<ExportTarget> exports();
}
