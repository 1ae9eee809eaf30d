package dev.kvlens.ui.common;

import javafx.scene.Node;

/** One tab of the content area. Built once by its factory; told when it is shown and hidden. */
public interface Page {

    /** Stable id used by {@code --page} and in preferences, e.g. "diagram". */
    String id();

    /** Message key of the tab title. */
    String titleKey();

    AppIcon icon();

    Node node();

    /** The tab became visible: start animations/measurements if any. */
    default void shown() {
    }

    /** The tab was hidden: pause Timelines and workers. */
    default void hidden() {
    }

    /** The window is closing: stop everything for good. */
    default void dispose() {
        hidden();
    }
}
