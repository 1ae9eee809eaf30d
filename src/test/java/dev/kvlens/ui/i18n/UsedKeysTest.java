package dev.kvlens.ui.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvlens.ui.common.Messages;
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
 * Every message key written literally in the UI code ({@code Messages.get("…")}, {@code Messages.bind("…")},
 * {@code Ui.label("…")}, …) exists in the bundles, in both languages — so a typo shows up here and not as a raw
 * key on screen.
 */
class UsedKeysTest {

    private static final Pattern CALL = Pattern.compile(
            "(?:Messages\\.(?:get|bind)|Ui\\.(?:label|button)|\\b(?:menu|item|radio|label|button|tab))\\(\\s*"
                    + "(?:Messages\\.(?:ENGLISH|CHINESE|locale\\(\\))\\s*,\\s*)?\"([a-z][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)+)\"");

    @Test
    void everyLiteralKeyExistsInBothLanguages() throws IOException {
        Set<String> en = Messages.keys(Messages.ENGLISH);
        Set<String> zh = Messages.keys(Messages.CHINESE);
        List<String> missing = new ArrayList<>();
        int seen = 0;
        try (Stream<Path> s = Files.walk(HardcodedStringsTest.UI)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String code = Files.readString(p, StandardCharsets.UTF_8);
                Matcher m = CALL.matcher(code);
                while (m.find()) {
                    seen++;
                    String key = m.group(1);
                    if (!en.contains(key) || !zh.contains(key)) {
                        missing.add(HardcodedStringsTest.UI.relativize(p) + ": " + key);
                    }
                }
            }
        }
        assertThat(seen).as("the scan finds the keys the code uses").isGreaterThan(100);
        assertThat(missing).isEmpty();
    }
}
