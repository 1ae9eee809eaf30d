package dev.kvlens.ui.common;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

/**
 * Every user-visible string, in English and 简体中文. Bundles live in {@code dev/kvlens/i18n/NAME.properties}
 * and {@code NAME_zh_CN.properties}, one pair per feature so that features never edit each other's files.
 * Patterns always go through {@link MessageFormat}: write a literal apostrophe as {@code ''}.
 * Switching {@link #localeProperty()} re-evaluates every binding made with {@link #bind}.
 */
public final class Messages {

    /** Feature bundles; a bundle that does not exist yet is skipped. */
    public static final List<String> BUNDLES = List.of(
            "shell", "controls", "calculator", "errors", "diagram", "kvcache", "charts", "study", "lab");
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, CHINESE);

    /**
     * Parsed patterns per thread (a {@link MessageFormat} is not thread-safe). Parsing a pattern costs tens of
     * microseconds; a chart refresh formats dozens of tooltips, which made up most of its 3–7 ms.
     */
    private static final ThreadLocal<java.util.Map<String, MessageFormat>> FORMATS =
            ThreadLocal.withInitial(java.util.HashMap::new);

    private static final Logger LOG = Logger.getLogger(Messages.class.getName());
    private static final String BASE = "dev.kvlens.i18n.";
    private static final ObjectProperty<Locale> LOCALE = new SimpleObjectProperty<>(ENGLISH);
    private static final ConcurrentHashMap<Locale, List<ResourceBundle>> CACHE = new ConcurrentHashMap<>();
    private static final Set<String> REPORTED = Collections.newSetFromMap(new ConcurrentHashMap<>());

    private Messages() {
    }

    public static ObjectProperty<Locale> localeProperty() {
        return LOCALE;
    }

    public static Locale locale() {
        return LOCALE.get();
    }

    /** Sets the language; anything that is not Chinese is English. */
    public static void setLocale(Locale l) {
        LOCALE.set(normalize(l));
    }

    /** "zh", "zh-CN", "zh_CN", "cn", "中文" → Chinese; anything else → English. */
    public static Locale parseLanguage(String tag) {
        if (tag == null) {
            return ENGLISH;
        }
        String t = tag.trim().toLowerCase(Locale.ROOT);
        return t.startsWith("zh") || t.equals("cn") || t.startsWith("中") ? CHINESE : ENGLISH;
    }

    public static Locale normalize(Locale l) {
        return l != null && "zh".equals(l.getLanguage()) ? CHINESE : ENGLISH;
    }

    /** The localized, formatted text of {@code key} in the current language. */
    public static String get(String key, Object... args) {
        return get(locale(), key, args);
    }

    public static String get(Locale locale, String key, Object... args) {
        java.util.Map<String, MessageFormat> formats = FORMATS.get();
        String cacheKey = locale.toLanguageTag() + '|' + key;
        MessageFormat f = formats.get(cacheKey);
        if (f == null) {
            String pattern = pattern(locale, key);
            if (pattern == null) {
                if (REPORTED.add(key)) {
                    LOG.warning("missing message key: " + key);
                }
                return key;
            }
            f = new MessageFormat(pattern, locale);
            formats.put(cacheKey, f);
        }
        return f.format(args);
    }

    /** True when some bundle defines {@code key} (in English). */
    public static boolean has(String key) {
        return pattern(ENGLISH, key) != null;
    }

    /** A binding that follows the language; arguments are read each time (they may be observables). */
    public static StringBinding bind(String key, Object... args) {
        List<ObservableValue<?>> deps = new ArrayList<>();
        deps.add(LOCALE);
        for (Object a : args) {
            if (a instanceof ObservableValue<?> o) {
                deps.add(o);
            }
        }
        return Bindings.createStringBinding(() -> get(key, resolve(args)), deps.toArray(new ObservableValue<?>[0]));
    }

    /** A binding that follows the language and recomputes from {@code text} (which may call {@link #get}). */
    public static StringBinding bind(Supplier<String> text, ObservableValue<?>... deps) {
        ObservableValue<?>[] all = new ObservableValue<?>[deps.length + 1];
        all[0] = LOCALE;
        System.arraycopy(deps, 0, all, 1, deps.length);
        return Bindings.createStringBinding(text::get, all);
    }

    private static Object[] resolve(Object[] args) {
        Object[] r = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            r[i] = args[i] instanceof ObservableValue<?> o ? o.getValue() : args[i];
        }
        return r;
    }

    private static String pattern(Locale locale, String key) {
        for (ResourceBundle b : bundles(normalize(locale))) {
            if (b.containsKey(key)) {
                return b.getString(key);
            }
        }
        return null;
    }

    /** Every key defined by the bundles of a language (for completeness tests). */
    public static Set<String> keys(Locale locale) {
        Set<String> keys = new LinkedHashSet<>();
        for (ResourceBundle b : bundles(normalize(locale))) {
            keys.addAll(b.keySet());
        }
        return keys;
    }

    private static List<ResourceBundle> bundles(Locale locale) {
        return CACHE.computeIfAbsent(locale, l -> {
            List<ResourceBundle> list = new ArrayList<>();
            ResourceBundle.Control noFallback =
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
            for (String name : BUNDLES) {
                try {
                    list.add(ResourceBundle.getBundle(BASE + name, l, Messages.class.getClassLoader(), noFallback));
                } catch (MissingResourceException e) {
                    // this feature has no strings yet
                }
            }
            return List.copyOf(list);
        });
    }
}
