package dev.kvlens.ui.shell;

import java.nio.file.Path;
import java.util.List;

/**
 * Window options: {@code --lang en|zh}, {@code --theme light|dark}, {@code --config FILE},
 * {@code --page ID}, {@code --screenshot FILE} (smoke mode: write a PNG of the window and exit),
 * {@code --screenshot-delay MS}, {@code --zoom F}.
 */
public record AppOptions(String lang, String theme, Path config, String page, Path screenshot, long screenshotDelayMs,
                  Double zoom, List<Problem> problems) {

    /** A rejected option: a message key (shell bundle) and the option text, localized when shown. */
    public record Problem(String key, String option) {
        public String text() {
            return dev.kvlens.ui.common.Messages.get(key, option);
        }
    }

    private static final java.util.Set<String> KNOWN = java.util.Set.of("--lang", "--theme", "--config", "--page",
            "--screenshot", "--screenshot-delay", "--zoom");

    public static AppOptions parse(List<String> args) {
        String lang = null;
        String theme = null;
        Path config = null;
        String page = null;
        Path shot = null;
        long delay = 1500;
        Double zoom = null;
        List<Problem> problems = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else if (KNOWN.contains(a) && i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            }
            if (!KNOWN.contains(name)) {
                problems.add(new Problem("options.unknown", a));
                continue;
            }
            if (value == null) {
                problems.add(new Problem("options.needsValue", name));
                continue;
            }
            switch (name) {
                case "--lang" -> lang = value;
                case "--theme" -> theme = value;
                case "--config" -> config = Path.of(value);
                case "--page" -> page = value;
                case "--screenshot" -> shot = Path.of(value);
                case "--screenshot-delay" -> delay = parseLong(value, delay, problems, name);
                default -> zoom = parseDouble(value, problems, name);
            }
        }
        return new AppOptions(lang, theme, config, page, shot, delay, zoom, List.copyOf(problems));
    }

    private static long parseLong(String v, long def, List<Problem> problems, String name) {
        try {
            return Long.parseLong(v);
        } catch (RuntimeException e) {
            problems.add(new Problem("options.needsInteger", name));
            return def;
        }
    }

    private static Double parseDouble(String v, List<Problem> problems, String name) {
        try {
            double d = Double.parseDouble(v);
            if (d >= 0.5 && d <= 3) {
                return d;
            }
        } catch (RuntimeException e) {
            // falls through
        }
        problems.add(new Problem("options.needsZoom", name));
        return null;
    }
}
