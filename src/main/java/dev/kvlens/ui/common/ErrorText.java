package dev.kvlens.ui.common;

import dev.kvlens.model.ConfigException;

/** The localized one-line text of a model error; falls back to its English sentence. */
public final class ErrorText {

    private ErrorText() {
    }

    public static String of(ConfigException e) {
        String key = "error." + e.key();
        if (Messages.has(key)) {
            Object[] args = e.args().toArray();
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof String s && Messages.has("field." + s)) {
                    args[i] = Messages.get("field." + s);
                }
            }
            return Messages.get(key, args);
        }
        return e.getMessage();
    }

    /** Any throwable as one line for the status bar: never a stack trace. */
    public static String of(Throwable t) {
        if (t instanceof ConfigException c) {
            return of(c);
        }
        if (t instanceof OutOfMemoryError) {
            return Messages.get("error.outOfMemory");
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
