package dev.kvlens.ui.common;

/** Lets a page bring another page to the front (e.g. a lesson step that shows the diagram). */
@FunctionalInterface
public interface Navigator {

    /** Does nothing (tests, or a view shown outside the main window). */
    Navigator NONE = id -> false;

    /** Shows the page with this id ({@link Page#id()}); false if there is none. */
    boolean showPage(String id);

    /** True if a page with this id exists (so a "show me" button can be hidden when it does not). */
    default boolean hasPage(String id) {
        return false;
    }

    /** The message key of the title of the page with this id, or null if there is none. */
    default String titleKeyOf(String id) {
        return null;
    }

    /**
     * Shows {@code strip} in a slim area under the pages, visible on every page (null removes it). Used by the
     * lesson to follow the user from page to page. Only one strip at a time: the last call wins.
     */
    default void setDock(javafx.scene.Node strip) {
    }
}
