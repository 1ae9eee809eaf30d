package dev.kvlens.ui.common;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The status bar's message line: info or warning, always one line. */
public final class StatusModel {

    public enum Level { INFO, WARNING }

    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper level = new ReadOnlyStringWrapper(Level.INFO.name());

    public void info(String text) {
        level.set(Level.INFO.name());
        message.set(oneLine(text));
    }

    public void warn(String text) {
        level.set(Level.WARNING.name());
        message.set(oneLine(text));
    }

    public void clear() {
        message.set("");
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** "INFO" or "WARNING". */
    public ReadOnlyStringProperty levelProperty() {
        return level.getReadOnlyProperty();
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
