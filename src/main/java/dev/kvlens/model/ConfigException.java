package dev.kvlens.model;

import java.util.List;

/**
 * A configuration the user asked for that cannot exist. The message is one plain English sentence;
 * {@link #key()} and {@link #args()} let the UI show the same sentence in another language.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final transient List<Object> args;

    public ConfigException(String key, String message, Object... args) {
        super(message);
        this.key = key;
        this.args = List.of(args);
    }

    /** Message key in the "errors" resource bundle, e.g. {@code config.kvNotDivisor}. */
    public String key() {
        return key;
    }

    /** Arguments for the localized message, in {@link java.text.MessageFormat} order. */
    public List<Object> args() {
        return args;
    }
}
