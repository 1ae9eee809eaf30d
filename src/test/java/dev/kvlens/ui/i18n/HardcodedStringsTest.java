package dev.kvlens.ui.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No user-visible text is written into the UI code: it must come from the bundles through Messages, so that it
 * exists in both languages and follows a language switch. Scans every source file under
 * {@code src/main/java/dev/kvlens/ui} for a string literal containing letters passed straight to something
 * that shows text (a Label, Button, Tab, menu item, tooltip, dialog, status line, setText, setTitle, …).
 * Non-language strings (variant names, dtype ids, units) are on the small allow-list below; a line can opt
 * out with the comment {@code // i18n-ok: reason} when the text is really not language (e.g. a font name).
 */
class HardcodedStringsTest {

    static final Path UI = Path.of("src/main/java/dev/kvlens/ui");

    /** Literals with letters that are the same in every language. */
    static final Set<String> ALLOWED = Set.of("MHA", "GQA", "MQA", "KV", "Q", "K", "V", "H", "d", "T", "B", "L",
            "fp32", "fp16", "bf16", "fp8", "int8", "int4", "KiB", "MiB", "GiB", "TiB", "ms", "µs", "ns", "s",
            "x", "×", "FLOP", "FLOPs", "QK^T", "PNG", "CSV", "JSON", "F1", "F5", "Esc");

    private static final String TEXT_SINKS = "new\\s+(?:Label|Button|Tab|MenuItem|Menu|CheckMenuItem|RadioMenuItem"
            + "|CheckBox|RadioButton|ToggleButton|Tooltip|Text|Hyperlink|TitledPane|ButtonType|ToggleSwitch"
            + "|Placeholder)\\s*\\(\\s*"
            + "|\\.(?:setText|setTitle|setHeaderText|setContentText|setPromptText|setAccessibleText"
            + "|setAccessibleHelp|setFullScreenExitHint|setPlaceholder|info|warn|reportError|appendText|add"
            + "Notice)\\s*\\(\\s*"
            + "|new\\s+Alert\\s*\\([^,()]*,\\s*";
    static final Pattern SINK_WITH_LITERAL = Pattern.compile("(?:" + TEXT_SINKS + ")\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern LETTERS = Pattern.compile("\\p{L}");

    @Test
    void noUiStringIsHardCoded() throws IOException {
        List<String> found = scan(UI);
        assertThat(found).as("hard-coded UI text; put it in a bundle and use Messages.get/bind").isEmpty();
    }

    @Test
    void theScannerCatchesTheUsualForms() {
        String code = String.join("\n",
                "Label a = new Label(\"Hello\");",
                "b.setText(\"Save\");",
                "ctx.status().warn(\"Could not open\");",
                "new Alert(Alert.AlertType.ERROR, \"Broken\").show();",
                "x.setTooltip(null); t.setTitle(\"设置\");",
                "c.setText(\"MHA\");",
                "d.setText(\"\");",
                "e.setText(\" · \");",
                "f.setText(Messages.get(\"menu.file\"));",
                "g.setText(\"Font\"); // i18n-ok: a font family name");
        List<String> hits = scanText("Example.java", code);
        assertThat(hits).hasSize(5);
        assertThat(String.join("\n", hits)).contains("Hello", "Save", "Could not open", "Broken", "设置")
                .doesNotContain("MHA").doesNotContain("Font");
    }

    static List<String> scan(Path root) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                found.addAll(scanText(root.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        return found;
    }

    static List<String> scanText(String file, String code) {
        List<String> found = new ArrayList<>();
        String[] lines = code.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.trim();
            if (trimmed.startsWith("//") || trimmed.startsWith("*") || trimmed.startsWith("/*")
                    || line.contains("// i18n-ok")) {
                continue;
            }
            Matcher m = SINK_WITH_LITERAL.matcher(line);
            while (m.find()) {
                String literal = m.group(1);
                if (LETTERS.matcher(literal).find() && !ALLOWED.contains(literal.trim())) {
                    found.add(file + ":" + (i + 1) + ": \"" + literal + "\"");
                }
            }
        }
        return found;
    }
}
