package dev.kvlens.ui.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The lab bundle: same keys in English and Chinese, every pattern a valid MessageFormat, real Chinese text. */
class LabBundleTest {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = LabBundleTest.class.getResourceAsStream("/dev/kvlens/i18n/" + name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void bothLanguagesHaveTheSameKeysAndValidPatterns() throws IOException {
        Properties en = load("lab.properties");
        Properties zh = load("lab_zh_CN.properties");
        assertThat(zh.keySet()).containsExactlyInAnyOrderElementsOf(en.keySet());
        for (Properties p : new Properties[] {en, zh}) {
            for (String k : p.stringPropertyNames()) {
                String v = p.getProperty(k);
                assertThat(v).as(k).isNotBlank();
                new MessageFormat(v); // throws on unbalanced braces
            }
        }
        // every long Chinese text contains Chinese characters
        for (String k : zh.stringPropertyNames()) {
            String v = zh.getProperty(k);
            if (v.length() > 40) {
                assertThat(v.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                        .as(k).isTrue();
            }
        }
    }
}
