package dev.kvlens.ui.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.kvlens.ui.common.Messages;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every bundle (each feature's {@code NAME.properties} and {@code NAME_zh_CN.properties}): the same keys in
 * both languages, valid UTF-8, no key twice, patterns that MessageFormat parses, the same arguments in both
 * languages, no lone apostrophe (MessageFormat would swallow the text after it), real Chinese rather than
 * English left untranslated, and every bundle file registered in {@link Messages#BUNDLES}.
 */
class BundlesTest {

    static final Path DIR = Path.of("src/main/resources/dev/kvlens/i18n");
    private static final Pattern ARG = Pattern.compile("\\{(\\d+)");
    private static final Pattern ENGLISH_WORDS = Pattern.compile("[A-Za-z]{3,}(\\s+[A-Za-z]{2,}){2,}");
    /** Values that may be the same in both languages (names, units, technical terms). */
    private static final Set<String> SAME_IN_BOTH = Set.of("English", "简体中文");

    static List<String> bundleNames() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".properties"))
                    .filter(n -> !n.contains("_")).map(n -> n.substring(0, n.length() - ".properties".length()))
                    .sorted().toList();
        }
    }

    @Test
    void everyBundleHasBothLanguagesWithTheSameKeys() throws IOException {
        List<String> names = bundleNames();
        assertThat(names).contains("shell", "study", "errors");
        try (Stream<Path> s = Files.list(DIR)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("_zh_CN.properties"))
                    .forEach(n -> assertThat(names).as("English bundle for " + n)
                            .contains(n.replace("_zh_CN.properties", "")));
        }
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            assertThat(Messages.BUNDLES).as("bundle " + name + " is registered in Messages.BUNDLES").contains(name);
            Path zh = DIR.resolve(name + "_zh_CN.properties");
            if (!Files.exists(zh)) {
                problems.add(name + ": no " + zh.getFileName());
                continue;
            }
            Map<String, String> en = load(DIR.resolve(name + ".properties"), problems);
            Map<String, String> cn = load(zh, problems);
            Set<String> onlyEn = new TreeSet<>(en.keySet());
            onlyEn.removeAll(cn.keySet());
            Set<String> onlyZh = new TreeSet<>(cn.keySet());
            onlyZh.removeAll(en.keySet());
            onlyEn.forEach(k -> problems.add(name + ": " + k + " has no Chinese text"));
            onlyZh.forEach(k -> problems.add(name + ": " + k + " has no English text"));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void patternsParseAndUseTheSameArgumentsInBothLanguages() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String name : bundleNames()) {
            Map<String, String> en = load(DIR.resolve(name + ".properties"), problems);
            Path zhPath = DIR.resolve(name + "_zh_CN.properties");
            Map<String, String> zh = Files.exists(zhPath) ? load(zhPath, problems) : Map.of();
            for (var e : en.entrySet()) {
                check(name, e.getKey(), e.getValue(), problems);
                String z = zh.get(e.getKey());
                if (z == null) {
                    continue;
                }
                check(name + "_zh_CN", e.getKey(), z, problems);
                if (!args(e.getValue()).equals(args(z))) {
                    problems.add(name + ": " + e.getKey() + " uses arguments " + args(e.getValue()) + " in English but "
                            + args(z) + " in Chinese");
                }
                if (z.equals(e.getValue()) && ENGLISH_WORDS.matcher(z).find() && !SAME_IN_BOTH.contains(z)) {
                    problems.add(name + "_zh_CN: " + e.getKey() + " is English text, not translated");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void messagesFindsEveryKeyInBothLanguages() throws IOException {
        Set<String> en = Messages.keys(Messages.ENGLISH);
        Set<String> zh = Messages.keys(Messages.CHINESE);
        assertThat(en).isNotEmpty().isEqualTo(zh);
        for (String key : en) {
            // formatting with no arguments must not throw, in either language
            Messages.get(Messages.ENGLISH, key);
            Messages.get(Messages.CHINESE, key);
        }
    }

    private static void check(String bundle, String key, String pattern, List<String> problems) {
        try {
            new MessageFormat(pattern);
        } catch (IllegalArgumentException e) {
            problems.add(bundle + ": " + key + " is not a valid MessageFormat pattern: " + e.getMessage());
            return;
        }
        String withoutDoubled = pattern.replace("''", "");
        if (withoutDoubled.indexOf('\'') >= 0) {
            problems.add(bundle + ": " + key + " has a lone apostrophe; write '' (MessageFormat drops text after ')");
        }
        if (pattern.isBlank()) {
            problems.add(bundle + ": " + key + " is empty");
        }
    }

    private static Set<Integer> args(String pattern) {
        Set<Integer> s = new HashSet<>();
        Matcher m = ARG.matcher(pattern);
        while (m.find()) {
            s.add(Integer.parseInt(m.group(1)));
        }
        return s;
    }

    /** Loads a bundle file, reporting bad UTF-8 and duplicated keys. */
    static Map<String, String> load(Path file, List<String> problems) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            problems.add(file.getFileName() + " is not valid UTF-8");
        }
        Set<String> seen = new HashSet<>();
        Properties p = new Properties() {
            @Override
            public synchronized Object put(Object k, Object v) {
                if (!seen.add((String) k)) {
                    problems.add(file.getFileName() + ": key " + k + " appears twice");
                }
                return super.put(k, v);
            }
        };
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            fail(file.getFileName() + " cannot be read: " + e.getMessage());
        }
        Map<String, String> m = new TreeMap<>();
        p.forEach((k, v) -> m.put((String) k, (String) v));
        return m;
    }
}
