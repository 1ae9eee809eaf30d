package dev.kvlens.ui.common;

/** Style-class names shared by Java and {@code app.css}. */
public final class Styles {
    public static final String CONTROL_PANEL = "control-panel";
    public static final String SECTION_TITLE = "section-title";
    public static final String VALUE_FIELD = "value-field";
    public static final String CAPTION = "caption";
    public static final String BIG_NUMBER = "big-number";
    public static final String FORMULA = "formula";
    public static final String MUTED = "muted";
    public static final String ERROR_TEXT = "error-text";
    public static final String STATUS_BAR = "status-bar";
    public static final String READOUT = "readout";
    public static final String CARD = "kv-card";
    public static final String PAGE = "page";
    /** Group colour classes: {@code group-0} … {@code group-7}, cycling (colour-blind-safe palette). */
    public static final int GROUP_COLOURS = 8;

    private Styles() {
    }

    public static String group(int index) {
        return "group-" + Math.floorMod(index, GROUP_COLOURS);
    }
}
